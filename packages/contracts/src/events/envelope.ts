/**
 * The CloudEvents 1.0 envelope, and the one function that validates an event and its typed
 * data. Used by the API and by the router for events that reach Kafka directly.
 */
import { z } from "zod";
import { canonicalInstant, Instant, OrgCode } from "../common";
import { unstorableTextIssues } from "../text";
import { EVENT_TYPES, type EventData, type EventType, isKnownEventType, KNOWN_EVENT_TYPES } from "./types";

/**
 * Extension attributes: any attribute the spec does not define. Names as the spec wants them
 * (lower-case letters and digits, at most 20 characters, so every binding can carry them as
 * headers); values of the JSON types CloudEvents allows for them. Kept in the log, passed along
 * to Kafka and to subscribers, shown in the task's history.
 */
export const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
export const ExtensionValue = z.union([z.string().max(1000), z.number().int().min(-2147483648).max(2147483647), z.boolean()], {
  message: "an extension attribute must be a string (at most 1000 characters), a 32-bit integer or a boolean",
});
export type ExtensionValue = z.infer<typeof ExtensionValue>;

/** The attributes CloudEvents 1.0 defines; every other top-level member is an extension. */
export const CORE_ATTRIBUTES = ["specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data"] as const;
const CORE = new Set<string>(CORE_ATTRIBUTES);

/**
 * The CloudEvents 1.0 structured-mode JSON envelope, before its data is checked by type.
 * `time`, `subject`, `datacontenttype` and `dataschema` are optional, as the spec makes them;
 * every hub event's data is JSON, so a content type, when given, must say so.
 */
export const EventEnvelope = z
  .object({
    specversion: z.literal("1.0", { message: 'must be "1.0"' }),
    id: z.string().min(1).max(128),
    source: OrgCode,
    type: z.string().min(1).max(200),
    subject: z.string().max(200).optional(),
    time: Instant.optional(),
    datacontenttype: z
      .string()
      .regex(/^application\/json\s*(;.*)?$/i, 'must be "application/json": the data of every hub event is JSON')
      .optional(),
    dataschema: z.url({ message: "must be an absolute URI" }).max(500).optional(),
    data: z.unknown(),
  })
  .catchall(ExtensionValue);
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** In a task's history: the logged attributes of the event an entry records. */
export const LoggedEventAttributes = z.object({
  time: z.string(),
  /** The event came without `time`: `time` is the moment the hub accepted it. */
  timeDefaulted: z.boolean(),
  subject: z.string().optional(),
  dataschema: z.string().optional(),
  extensions: z.record(z.string(), ExtensionValue),
});

/** An event's attributes beyond type and data, as kept in the log. */
interface EventAttributes {
  specversion: "1.0";
  id: string;
  source: string;
  subject?: string;
  /** The event's own time, or the moment the hub accepted it when it had none (then `timeDefaulted`). */
  time: string;
  timeDefaulted?: boolean;
  dataschema?: string;
  extensions?: Record<string, ExtensionValue>;
}

/** An event whose data has been checked against its type's schema. */
export type TypedEvent = {
  [T in EventType]: EventAttributes & { type: T; data: EventData<T> };
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

/** Extension names the spec does not allow, and `data_base64` (the hub takes JSON data only). */
function attributeNameIssues(raw: Record<string, unknown>): EventIssue[] {
  const issues: EventIssue[] = [];
  for (const name of Object.keys(raw)) {
    if (CORE.has(name)) continue;
    if (name === "data_base64") issues.push({ path: name, message: "binary data is not taken: the data of every hub event is JSON" });
    else if (!EXTENSION_NAME.test(name))
      issues.push({ path: name, message: "is not a valid extension attribute name: lower-case letters a-z and digits only, at most 20 characters" });
  }
  return issues;
}

/**
 * Validates an envelope and its typed data in one pass, collecting every offending field so a
 * publisher can fix them all at once. An event without `time` gets `now` (the moment of
 * acceptance), marked `timeDefaulted` so the log says so.
 */
export function parseEvent(input: unknown, now: () => Date = () => new Date()): ParseEventResult {
  const env = EventEnvelope.safeParse(input);
  const raw = (typeof input === "object" && input !== null && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const nameIssues = attributeNameIssues(raw);
  const issues: EventIssue[] = env.success ? [] : issuesOf(env.error).filter((i) => !nameIssues.some((n) => n.path === i.path));
  issues.push(...nameIssues, ...unstorableTextIssues(input));
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
      const { specversion, id, source, subject, time, dataschema } = env.data;
      const extensions = Object.fromEntries(Object.entries(env.data).filter(([k]) => !CORE.has(k))) as Record<string, ExtensionValue>;
      const event = {
        specversion,
        id,
        source,
        type,
        ...(subject !== undefined ? { subject } : {}),
        time: time !== undefined ? canonicalInstant(time) : now().toISOString(),
        ...(time === undefined ? { timeDefaulted: true } : {}),
        ...(dataschema !== undefined ? { dataschema } : {}),
        ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
        data: data.data,
      };
      return { ok: true, event: event as TypedEvent };
    }
  }
  return { ok: false, error: `The event is invalid: ${describeIssues(issues)}`, issues };
}

/**
 * The structured-mode JSON of a logged event: what the relay publishes and subscribers receive.
 * Extensions sit beside the core attributes, as the spec's JSON format wants.
 */
export function toStructured(e: {
  id: string;
  source: string;
  type: string;
  subject?: string | null;
  time: string;
  dataschema?: string | null;
  extensions?: Record<string, unknown> | null;
  data: unknown;
}): Record<string, unknown> {
  return {
    ...(e.extensions ?? {}),
    specversion: "1.0",
    id: e.id,
    source: e.source,
    type: e.type,
    ...(e.subject != null ? { subject: e.subject } : {}),
    time: e.time,
    datacontenttype: "application/json",
    ...(e.dataschema != null ? { dataschema: e.dataschema } : {}),
    data: e.data,
  };
}

/** Kafka topic for a type's domain; the prefix keeps test runs apart from the demo. */
export function topicFor(type: EventType, prefix = ""): string {
  return `${prefix}teamkorea.${EVENT_TYPES[type].domain}.events`;
}
export const eventTopics = (prefix = "") => [...new Set(KNOWN_EVENT_TYPES.map((t) => topicFor(t, prefix)))];
export const deadLetterTopic = (prefix = "") => `${prefix}teamkorea.dead-letters`;

/** What every organisation's ingress topic starts with: the router reads them all, each organisation writes its own. */
export const ingressTopicPrefix = (prefix = "") => `${prefix}teamkorea.ingress.`;
/** An organisation's own way in over Kafka; only its principal may write it (README, "Publishing over Kafka"). */
export const ingressTopic = (org: string, prefix = "") => `${ingressTopicPrefix(prefix)}${org}`;
/** The organisation whose ingress topic `topic` is, or null when it is no ingress topic. */
export function ingressOrgOf(topic: string, prefix = ""): string | null {
  const head = ingressTopicPrefix(prefix);
  return topic.startsWith(head) && topic.length > head.length ? topic.slice(head.length) : null;
}
/** Organisation codes as the directory writes them; also what a Kafka topic name may hold. */
export const ORG_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** JSON Schema of each event type's envelope, served by the API. */
export function eventJsonSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    KNOWN_EVENT_TYPES.map((t) => [t, z.toJSONSchema(EventEnvelope.extend({ type: z.literal(t), data: EVENT_TYPES[t].data }), { io: "input" })]),
  );
}
