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
