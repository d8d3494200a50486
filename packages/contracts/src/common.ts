import { z } from "zod";

/** ISO 3166-1 alpha-2, upper case (e.g. "US", "VN"). */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US");
export type CountryCode = z.infer<typeof CountryCode>;

/** Organisation codes such as EMB-US, KOTRA-VN, MOTIE. */
export const OrgCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, "must be an organisation code such as EMB-US or KOTRA-VN");

/**
 * The span of time the hub takes, on every boundary (HTTP bodies and queries, Kafka messages):
 * 1900-01-01T00:00:00Z up to, not including, 2200-01-01T00:00:00Z. PostgreSQL, JavaScript and
 * Temporal all hold every instant in it exactly; outside it they disagree (PostgreSQL has no
 * year 0 and stores years BC, JavaScript's reader of them fails, Temporal's timestamps end
 * earlier), and one such value in the event log once stalled the relay for everyone.
 */
export const TIME_WINDOW = { from: Date.UTC(1900, 0, 1), until: Date.UTC(2200, 0, 1) } as const;
export const TIME_WINDOW_MESSAGE = "must lie between 1900-01-01T00:00:00Z and 2199-12-31T23:59:59Z (in UTC, after its offset is applied)";

/** Whether an instant (ms since the epoch, its offset already applied) lies in the hub's window: the one check every boundary uses. */
export function withinTimeWindow(ms: number): boolean {
  return Number.isFinite(ms) && ms >= TIME_WINDOW.from && ms < TIME_WINDOW.until;
}

/**
 * An RFC 3339 timestamp with an offset (`Z` or `±hh:mm`, fractions of any length) whose UTC
 * instant lies in the hub's window. The hub keeps it to the millisecond, in UTC: what it stores
 * and shows back is `new Date(s).toISOString()`, the same instant.
 */
export const Instant = z.iso
  // abort: a string that is no timestamp at all gets that one message, not a second about the window.
  .datetime({ offset: true, message: "must be an RFC 3339 timestamp, e.g. 2026-11-25T09:00:00Z", abort: true })
  .refine((s) => withinTimeWindow(Date.parse(s)), TIME_WINDOW_MESSAGE);

/** The canonical form of an Instant: UTC, milliseconds, as the hub stores and shows it. */
export const canonicalInstant = (s: string) => new Date(Date.parse(s)).toISOString();

/** A calendar date, YYYY-MM-DD, that really exists. */
const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a real calendar date");

/** A calendar date, YYYY-MM-DD, that really exists and lies in the hub's window. */
export const IsoDate = CalendarDate.refine((s) => {
  const ms = Date.parse(`${s}T00:00:00Z`);
  // Not a date at all: the checks above say so, once.
  return Number.isNaN(ms) || withinTimeWindow(ms);
}, "must lie between 1900-01-01 and 2199-12-31");

/**
 * A date timers and due dates are built from (an event's deadline, start or date; a delegation's
 * window): a real date within ten years either side of today. Beyond that it is a typo, and a
 * year like 9999 would push a computed due date past what PostgreSQL and Temporal can hold.
 */
// Ten years either side of today lie inside the hub's window, so the window needs no second message here.
export const NearDate = CalendarDate.refine((s) => {
  const years = (new Date(`${s}T00:00:00Z`).getTime() - Date.now()) / (365.25 * 86_400_000);
  return Math.abs(years) <= 10;
}, "must be within ten years of today");

/** A business reference (case, opening, event, plan): part of a workflow id, so kept to a safe alphabet. */
export const BusinessRef = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "may hold letters, digits, '.', '_' and '-' only");

export const OrgKind = z.enum(["MISSION", "AGENCY", "MINISTRY"]);
export type OrgKind = z.infer<typeof OrgKind>;

export const Role = z.enum(["MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF", "HQ_REVIEWER", "ADMIN"]);
export type Role = z.infer<typeof Role>;

/**
 * Who did something, as shown in histories. An acting head (직무대리) decides as themself, on
 * behalf of the head who delegated to them: `onBehalfOf` holds that head's e-mail.
 */
export const Actor = z.object({ email: z.string(), org: z.string(), onBehalfOf: z.string().optional() });
export type Actor = z.infer<typeof Actor>;

/** The authenticated caller, as every scoped query and check sees it. */
export const Principal = z.object({
  userId: z.string(),
  email: z.string(),
  role: Role,
  orgCode: z.string(),
  orgKind: OrgKind,
  orgCountry: CountryCode.nullable(),
});
export type Principal = z.infer<typeof Principal>;
