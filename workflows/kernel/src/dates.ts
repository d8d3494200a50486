/** Calendar arithmetic on YYYY-MM-DD strings, in UTC: deterministic, so safe in workflow code. */

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);

/** Today in UTC, from an epoch time (in a workflow, Date.now() is the deterministic workflow clock). */
export const dayOf = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

const DAY_MS = 86_400_000;

/**
 * The task clock: calendar days of `dayMs` each (24 h in production, seconds in the integration
 * tests), counted from the day the task started. Day N after the start day begins N × dayMs after
 * the start of the start day, and the start of the start day lies as far before the task's start,
 * in the clock's days, as the start lies into its UTC day. On a 24 h day that is midnight UTC, so
 * a due day ends when its calendar day ends, however long the approval took; on a shorter day the
 * same, scaled (a task started at 18:00 UTC on a 2 s day began its day 1.5 s before it started).
 */
export function taskClock(startedAt: number, dayMs: number) {
  const startedOn = dayOf(startedAt);
  const intoDay = startedAt - Date.parse(`${startedOn}T00:00:00Z`);
  // Exact at 24 h: intoDay × dayMs stays below 2^53.
  const origin = startedAt - Math.round((intoDay * dayMs) / DAY_MS);
  const dayStart = (day: string) => origin + daysBetween(startedOn, day) * dayMs;
  return {
    startedOn,
    /** When `day` begins on the task clock (epoch ms). */
    dayStart,
    /** The day it is at `now` on the task clock. */
    today: (now: number) => addDays(startedOn, Math.floor((now - origin) / dayMs)),
  };
}
