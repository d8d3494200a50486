/**
 * The CloudEvents 1.0 envelope, and the one function that validates an event and its typed
 * data. Used by the API and by the router for events that reach Kafka directly.
 */
import { z } from "zod";
import { OrgCode } from "../common";
import { unstorableTextIssues } from "../text";
import { EVENT_TYPES, type EventData, type EventType, isKnownEventType, KNOWN_EVENT_TYPES } from "./types";

const Rfc3339 = z.iso.datetime({ offset: true, message: "must be an RFC 3339 timestamp, e.g. 2026-11-25T09:00:00Z" });

/** The CloudEvents 1.0 structured-mode JSON envelope, before its data is checked by type. */
export const EventEnvelope = z.object({
  specversion: z.literal("1.0", { message: 'must be "1.0"' }),
  id: z.string().min(1).max(128),
  source: OrgCode,
  type: z.string().min(1).max(200),
  subject: z.string().max(200).optional(),
  time: Rfc3339,
  datacontenttype: z.literal("application/json", { message: 'must be "application/json"' }),
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** An event whose data has been checked against its type's schema. */
export type TypedEvent = {
  [T in EventType]: Omit<EventEnvelope, "type" | "data"> & { type: T; data: EventData<T> };
}[EventType];

export interface EventIssue {
  path: string;
  message: string;
}

export type ParseEventResult = { ok: true; event: TypedEvent } | { ok: false; error: string; issues: EventIssue[] };

export function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): EventIssue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join(".") || "(root)",
    message: i.message,
  }));
}

export const describeIssues = (issues: EventIssue[]) => issues.map((i) => `${i.path} ${i.message}`).join("; ");

/**
 * Validates an envelope and its typed data in one pass, collecting every offending field so a
 * publisher can fix them all at once.
 */
export function parseEvent(input: unknown): ParseEventResult {
  const env = EventEnvelope.safeParse(input);
  const issues: EventIssue[] = env.success ? [] : issuesOf(env.error);
  issues.push(...unstorableTextIssues(input));
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const type = typeof raw.type === "string" ? raw.type : undefined;
  if (type !== undefined && !isKnownEventType(type)) {
    return {
      ok: false,
      error: `Unknown event type "${type}": no joint task takes it. Known types: ${KNOWN_EVENT_TYPES.join(", ")}.`,
      issues: [{ path: "type", message: `unknown; known types are ${KNOWN_EVENT_TYPES.join(", ")}` }, ...issues.filter((i) => i.path !== "type")],
    };
  }
  if (type !== undefined) {
    const data = EVENT_TYPES[type as EventType].data.safeParse(raw.data);
    if (!data.success) issues.push(...issuesOf(data.error, ["data"]));
    if (env.success && data.success && issues.length === 0) {
      return { ok: true, event: { ...env.data, type, data: data.data } as TypedEvent };
    }
  }
  return { ok: false, error: `The event is invalid: ${describeIssues(issues)}`, issues };
}

/** Kafka topic for a type's domain; the prefix keeps test runs apart from the demo. */
export function topicFor(type: EventType, prefix = ""): string {
  return `${prefix}teamkorea.${EVENT_TYPES[type].domain}.events`;
}
export const eventTopics = (prefix = "") => [...new Set(KNOWN_EVENT_TYPES.map((t) => topicFor(t, prefix)))];
export const deadLetterTopic = (prefix = "") => `${prefix}teamkorea.dead-letters`;

/** JSON Schema of each event type's envelope, served by the API. */
export function eventJsonSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    KNOWN_EVENT_TYPES.map((t) => [t, z.toJSONSchema(EventEnvelope.extend({ type: z.literal(t), data: EVENT_TYPES[t].data }), { io: "input" })]),
  );
}
