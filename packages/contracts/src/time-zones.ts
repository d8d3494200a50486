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
