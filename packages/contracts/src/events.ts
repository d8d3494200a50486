/**
 * CloudEvents 1.0 envelope and the typed events of the hub. One zod schema per type; the
 * registry below is what the API validates against and what /v1/event-types publishes.
 */
import { z } from "zod";
import { CountryCode, IsoDate, nulCharacterPaths, OrgCode } from "./common";

export const TRADE_RESTRICTION_DETECTED = "kr.teamkorea.trade.restriction.detected.v1";
export const TRADE_RESTRICTION_DECIDED = "kr.teamkorea.trade.restriction.decided.v1";

export const TradeRestrictionDetected = z.object({
  country: CountryCode,
  caseRef: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "may hold letters, digits, '.', '_' and '-' only"),
  measure: z.enum(["anti_dumping", "countervailing", "safeguard", "import_ban", "quota", "other"]),
  products: z
    .array(
      z.object({
        hsCode: z.string().regex(/^\d{4}(\.?\d{2}){0,3}$/, "must be an HS code such as 7208 or 7208.51"),
        description: z.string().min(1).max(500),
      }),
    )
    .min(1, "needs at least one product"),
  authority: z.string().min(1).max(200),
  summary: z.string().min(1).max(4000),
  commentDeadline: IsoDate.optional(),
});
export type TradeRestrictionDetected = z.infer<typeof TradeRestrictionDetected>;

export const TradeRestrictionDecided = z.object({
  country: CountryCode,
  caseRef: TradeRestrictionDetected.shape.caseRef,
  outcome: z.enum(["terminated", "duty_imposed", "measure_withdrawn", "other"]),
  dutyRatePercent: z.number().min(0).max(1000).optional(),
  summary: z.string().min(1).max(4000),
});
export type TradeRestrictionDecided = z.infer<typeof TradeRestrictionDecided>;

/** Every known event type with its data schema and the Kafka domain it travels on. */
export const EVENT_TYPES = {
  [TRADE_RESTRICTION_DETECTED]: { data: TradeRestrictionDetected, domain: "trade" },
  [TRADE_RESTRICTION_DECIDED]: { data: TradeRestrictionDecided, domain: "trade" },
} as const;
export type EventType = keyof typeof EVENT_TYPES;
export const KNOWN_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[];

export function isKnownEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_TYPES, type);
}

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

export type TypedEvent =
  | (Omit<EventEnvelope, "type" | "data"> & { type: typeof TRADE_RESTRICTION_DETECTED; data: TradeRestrictionDetected })
  | (Omit<EventEnvelope, "type" | "data"> & { type: typeof TRADE_RESTRICTION_DECIDED; data: TradeRestrictionDecided });

export interface EventIssue {
  path: string;
  message: string;
}

export type ParseEventResult = { ok: true; event: TypedEvent } | { ok: false; error: string; issues: EventIssue[] };

function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): EventIssue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join(".") || "(root)",
    message: i.message,
  }));
}

/**
 * Validates an envelope and its typed data in one pass, collecting every offending field so a
 * publisher can fix them all at once. Used by the API and by the router for events that reach
 * Kafka directly.
 */
export function parseEvent(input: unknown): ParseEventResult {
  const env = EventEnvelope.safeParse(input);
  const issues: EventIssue[] = env.success ? [] : issuesOf(env.error);
  for (const path of nulCharacterPaths(input)) issues.push({ path, message: "must not contain NUL characters" });
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const type = typeof raw.type === "string" ? raw.type : undefined;
  if (type !== undefined && !isKnownEventType(type)) {
    return {
      ok: false,
      error: `Unknown event type "${type}". Known types: ${KNOWN_EVENT_TYPES.join(", ")}.`,
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
  return {
    ok: false,
    error: `The event is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
    issues,
  };
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
