/**
 * Outbound CloudEvents subscriptions: an organisation's own system receives, by HTTP POST in
 * structured mode, every event and joint-task change the subscribing user may see. The body is
 * signed with HMAC-SHA256 under a secret shown once, at creation.
 */
import { z } from "zod";
import { KNOWN_EVENT_TYPES } from "./events/types";
import { parseIpLiteral, specialAddressProblem } from "./special-addresses";

export { parseIpLiteral, SPECIAL_PURPOSE_BLOCKS, specialAddressProblem } from "./special-addresses";

/** The CloudEvents type of each kind of joint-task change (the live stream's approval/assignment/task.changed). */
export const CHANGE_EVENT_TYPES = {
  approval: "kr.teamkorea.hub.approval.changed.v1",
  assignment: "kr.teamkorea.hub.assignment.changed.v1",
  task: "kr.teamkorea.hub.task.changed.v1",
} as const;
export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[keyof typeof CHANGE_EVENT_TYPES];

/** The `source` of change events: the hub itself (a URI reference, as CloudEvents wants). */
export const HUB_EVENT_SOURCE = "/teamkorea-hub";

/** Every type a subscription may ask for: the published events and the changes. */
export const SUBSCRIBABLE_TYPES: string[] = [...KNOWN_EVENT_TYPES, ...Object.values(CHANGE_EVENT_TYPES)];

/** The header carrying `sha256=<hex HMAC-SHA256 of the exact body under the subscription's secret>`. */
export const SIGNATURE_HEADER = "x-hub-signature-256";

export const SUBSCRIPTIONS_PER_ORG = 20;

export interface ReceiverRule {
  /** Hosts allowed (exact, or "*.example.org"); null: the default rule. */
  allowHosts: string[] | null;
  production: boolean;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1"]);

/** A host name as DNS reads it: lower case, without brackets or the root's trailing dot ("localhost." is localhost). */
const normalHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "");

/** Why a host must not receive the hub's requests: a localhost name, or an address literal in a special-purpose block; null otherwise. */
export function internalHostProblem(host: string): string | null {
  const h = normalHost(host);
  if (h === "localhost" || h.endsWith(".localhost")) return `${host} is a localhost name`;
  return parseIpLiteral(h) ? specialAddressProblem(h) : null;
}

/** Localhost names and address literals of the special-purpose registries (loopback, private, link-local, multicast …). */
export function isInternalHost(host: string): boolean {
  return internalHostProblem(host) !== null;
}

const matches = (host: string, pattern: string) => (pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) : host === pattern);

/**
 * Why a receiver URL is not allowed, or null. A subscription makes the hub send requests where
 * its creator says (server-side request forgery), so targets are restricted: an allow-list when
 * configured; otherwise, outside production, only this machine, and in production no loopback,
 * private or link-local address.
 */
export function receiverUrlProblem(raw: string, rule: ReceiverRule): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute http or https URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http or https URL";
  if (url.username || url.password) return "must not carry a user name or password";
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (rule.allowHosts) {
    return rule.allowHosts.some((p) => matches(host, p)) ? null : `names a host that is not allowed (allowed: ${rule.allowHosts.join(", ")})`;
  }
  if (!rule.production) return LOOPBACK_NAMES.has(host) ? null : "must name this machine (127.0.0.1, localhost or ::1) outside production";
  const internal = internalHostProblem(host);
  return internal ? `must not name a loopback, private, link-local or other special-purpose address (${internal})` : null;
}

/** Delay before attempt `attempts + 1`: the base doubled for each attempt made, at most 5 minutes. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(5 * 60_000, baseMs * 2 ** Math.max(0, attempts - 1));
}

export const CreateSubscriptionBody = z.object({
  url: z.string().min(1).max(2000),
  types: z
    .array(z.string().refine((t) => SUBSCRIBABLE_TYPES.includes(t), { message: `must be one of ${SUBSCRIBABLE_TYPES.join(", ")}` }))
    .min(1)
    .max(SUBSCRIBABLE_TYPES.length)
    .refine((ts) => new Set(ts).size === ts.length, { message: "must not name a type twice" }),
});
export type CreateSubscriptionBody = z.infer<typeof CreateSubscriptionBody>;

export const SubscriptionItem = z.object({
  id: z.string(),
  org: z.string(),
  createdBy: z.string(),
  url: z.string(),
  types: z.array(z.string()),
  status: z.enum(["active", "parked"]),
  /** Why deliveries stopped: the last failure after the last attempt. */
  parkedReason: z.string().nullable(),
  parkedAt: z.string().nullable(),
  createdAt: z.string(),
  delivery: z.object({
    delivered: z.number().int(),
    pending: z.number().int(),
    lastDeliveredAt: z.string().nullable(),
    /** The most recent failure of a delivery still pending, with its attempts so far. */
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  }),
});
export type SubscriptionItem = z.infer<typeof SubscriptionItem>;

/** The answer to POST /v1/subscriptions: the only time the secret is shown. */
export const SubscriptionCreated = SubscriptionItem.extend({ secret: z.string() });
