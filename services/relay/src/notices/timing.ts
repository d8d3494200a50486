/**
 * When a notice may go out: at once; after the digest window (one message for all that gather);
 * held through the recipient's quiet hours, in their own time zone, until the morning. Urgent
 * notices (escalations, overdue work told to the head) skip the digest and, when the person
 * allows it, the quiet hours.
 */
import type { NotificationPrefs } from "@hub/contracts";

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since midnight on the wall clock of `zone` at `at`. */
export function localMinutes(at: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

/** Inside [from, until) on the local clock; a window past midnight (22:00–07:00) wraps. */
export function inQuietHours(at: Date, zone: string, q: { from: string; until: string }): boolean {
  const now = localMinutes(at, zone);
  const from = minutesOf(q.from);
  const until = minutesOf(q.until);
  return from < until ? now >= from && now < until : now >= from || now < until;
}

/** The first moment at or after `at` when the local clock shows `until`. */
export function quietHoursEnd(at: Date, zone: string, q: { from: string; until: string }): Date {
  const now = localMinutes(at, zone);
  const ahead = (minutesOf(q.until) - now + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  const startOfMinute = at.getTime() - (at.getTime() % MINUTE);
  return new Date(startOfMinute + ahead * MINUTE);
}

export interface DueInput {
  prefs: NotificationPrefs;
  urgent: boolean;
  now: Date;
  digestMs: number;
  /** When this person's digest now gathering goes out, if one is. */
  gathering: Date | null;
}

export function noticeDueAt({ prefs, urgent, now, digestMs, gathering }: DueInput): Date {
  if (urgent && prefs.urgentBypassesQuiet) return now;
  let due = now;
  if (prefs.delivery === "digest" && !urgent) due = gathering && gathering > now ? gathering : new Date(now.getTime() + digestMs);
  const q = prefs.quietHours;
  if (q && inQuietHours(due, prefs.timeZone, q)) due = quietHoursEnd(due, prefs.timeZone, q);
  return due;
}
