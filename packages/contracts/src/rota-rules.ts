/**
 * A mission's duty rota (당직, issue 21 §2) as pure rules: who is on duty at an instant, and the
 * stretches of a window nobody covers. Shifts are half-open intervals [startsAt, endsAt): a shift
 * ending at 08:00 and the next starting at 08:00 leave no gap and never both hold 08:00.
 * Zod-free: the API and, later, workflow code read the same rules.
 */

/** The longest shift the rota takes. */
export const ROTA_MAX_SHIFT_DAYS = 14;
/** How far ahead gaps are looked for (and warned about) by default. */
export const ROTA_GAP_LOOKAHEAD_DAYS = 7;
/** The widest window one read of the rota covers. */
export const ROTA_MAX_WINDOW_DAYS = 92;

export interface RotaInterval {
  startsAt: Date;
  endsAt: Date;
}

export interface RotaShiftLike extends RotaInterval {
  officer: string;
  backup: string | null;
}

/** The shift that holds the instant `at`, or null: a gap. Shifts of one mission never overlap, so there is at most one. */
export function shiftAt<S extends RotaInterval>(shifts: readonly S[], at: Date): S | null {
  const t = at.getTime();
  return shifts.find((s) => s.startsAt.getTime() <= t && t < s.endsAt.getTime()) ?? null;
}

/** Whether two shifts share an instant. */
export const overlaps = (a: RotaInterval, b: RotaInterval) => a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/**
 * The stretches of [from, to) that no shift covers, in order. Shifts may be given in any order,
 * reach outside the window, touch or (defensively) overlap one another.
 */
export function rotaGaps(shifts: readonly RotaInterval[], from: Date, to: Date): RotaInterval[] {
  const end = to.getTime();
  let cursor = from.getTime();
  if (end <= cursor) return [];
  const gaps: RotaInterval[] = [];
  const sorted = [...shifts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const s of sorted) {
    const start = s.startsAt.getTime();
    const stop = s.endsAt.getTime();
    if (stop <= cursor) continue;
    if (start >= end) break;
    if (start > cursor) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(start) });
    cursor = Math.max(cursor, stop);
    if (cursor >= end) break;
  }
  if (cursor < end) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(end) });
  return gaps;
}
