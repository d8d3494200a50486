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
