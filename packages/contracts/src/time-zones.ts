/**
 * Where each mission's clock is (the seeded countries), for deadlines shown in the mission's
 * local time beside Seoul time. A country not listed shows Seoul time only.
 */
export const MISSION_TIME_ZONES: Readonly<Record<string, string>> = {
  US: "America/New_York",
  JP: "Asia/Tokyo",
  CN: "Asia/Shanghai",
  VN: "Asia/Ho_Chi_Minh",
  SE: "Europe/Stockholm",
  HU: "Europe/Budapest",
  ID: "Asia/Jakarta",
};

export const SEOUL_TIME_ZONE = "Asia/Seoul";

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Korean's day periods as Koreans write them; some ICU data gives `AM`/`PM` for `ko`. */
const KOREAN_DAY_PERIOD: Readonly<Record<string, string>> = { AM: "오전", PM: "오후" };

/**
 * A moment on a clock, as the reader writes it: "2026. 12. 1. 오후 8:06" in Korean,
 * "1 Dec 2026, 20:06" in English. The web app and the e-mail notices both show times with it.
 */
export function formatMoment(at: Date, lang: string, timeZone: string): string {
  const korean = lang === "ko";
  const parts = new Intl.DateTimeFormat(korean ? "ko-KR" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).formatToParts(at);
  return parts.map((p) => (korean && p.type === "dayPeriod" ? (KOREAN_DAY_PERIOD[p.value.toUpperCase()] ?? p.value) : p.value)).join("");
}

// ── local wall times in a zone ──────────────────────────────────────────────

/** A local wall time as people write it on a rota: `2026-03-08T18:00`, no offset, minutes. */
export const LOCAL_WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(zone: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallFormatters.set(zone, f);
  }
  return f;
}

/** The wall clock of `zone` at an instant, as milliseconds of a UTC clock showing the same digits. */
function wallClockMs(atMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of wallFormatter(zone).formatToParts(new Date(atMs))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The zone's offset from UTC at an instant, in milliseconds (New York in winter: −5 h). */
export function zoneOffsetMs(at: Date, zone: string): number {
  const ms = at.getTime();
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return wallClockMs(whole, zone) - whole;
}

/** An offset as RFC 3339 writes it: `+09:00`, `-04:00`. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${offsetMs < 0 ? "-" : "+"}${hh}:${mm}`;
}

/** The local wall time of `zone` at an instant, to the minute: `2026-03-08T18:00`. */
export function localWallTime(at: Date, zone: string): string {
  return new Date(wallClockMs(at.getTime(), zone)).toISOString().slice(0, 16);
}

export type LocalTimeResolution =
  | { ok: true; at: Date /** The wall time occurs twice (the fall-back hour): `at` is the earlier. */; ambiguous: boolean }
  | { ok: false; reason: "malformed" | "nonexistent"; message: string };

/**
 * The instant a local wall time (`2026-03-08T18:00`, no offset) names in an IANA zone, daylight
 * saving included. The rule for the two hours a year that are not one instant each:
 * - a time the clocks skip (the spring-forward gap: 02:30 in New York on 2026-03-08) does not
 *   exist and is refused (`nonexistent`), never moved silently;
 * - a time the clocks show twice (the fall-back hour: 01:30 in New York on 2026-11-01) is the
 *   **earlier** of the two (still on daylight time), and `ambiguous` says so.
 */
export function instantOfLocalTime(local: string, zone: string): LocalTimeResolution {
  const m = LOCAL_WALL_TIME.exec(local);
  if (!m) return { ok: false, reason: "malformed", message: "must be a local wall time such as 2026-03-08T18:00 (no offset)" };
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
    return { ok: false, reason: "malformed", message: `${local} is not a date and time of the calendar` };
  }
  // Every offset the zone has within a day either side; a candidate is right when the zone's offset at it is its own.
  const offsets = new Set([-86_400_000, 0, 86_400_000].map((delta) => zoneOffsetMs(new Date(wall + delta), zone)));
  const found = [...offsets]
    .map((o) => wall - o)
    .filter((t) => zoneOffsetMs(new Date(t), zone) === wall - t)
    .sort((a, b) => a - b);
  const first = found[0];
  if (first === undefined) {
    return {
      ok: false,
      reason: "nonexistent",
      message: `${local} does not exist in ${zone}: the clocks skip it (daylight saving begins); give a time after the change`,
    };
  }
  return { ok: true, at: new Date(first), ambiguous: found.length > 1 };
}
