import { defaultNotificationPrefs } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { retryAt } from "./loop";
import { inQuietHours, noticeDueAt, quietHoursEnd } from "./timing";

const at = (iso: string) => new Date(iso);
const prefs = (o: Partial<ReturnType<typeof defaultNotificationPrefs>> = {}) => ({
  ...defaultNotificationPrefs({ country: "KR" }),
  timeZone: "Asia/Seoul",
  ...o,
});
const night = { from: "22:00", until: "07:00" };

describe("quiet hours", () => {
  it("wrap past midnight on the person's own clock", () => {
    // 14:30 UTC is 23:30 in Seoul; 23:00 UTC is 08:00 in Seoul.
    expect(inQuietHours(at("2026-11-26T14:30:00Z"), "Asia/Seoul", night)).toBe(true);
    expect(inQuietHours(at("2026-11-26T23:00:00Z"), "Asia/Seoul", night)).toBe(false);
    expect(inQuietHours(at("2026-11-26T21:59:00Z"), "Asia/Seoul", night)).toBe(true); // 06:59
    expect(inQuietHours(at("2026-11-26T22:00:00Z"), "Asia/Seoul", night)).toBe(false); // 07:00
    expect(inQuietHours(at("2026-11-26T12:00:00Z"), "UTC", { from: "09:00", until: "17:00" })).toBe(true);
  });

  it("end at the next `until` on that clock", () => {
    expect(quietHoursEnd(at("2026-11-26T14:30:20Z"), "Asia/Seoul", night).toISOString()).toBe("2026-11-26T22:00:00.000Z");
    // New York in winter is UTC−5: 23:30 local → 07:00 local the next day.
    expect(quietHoursEnd(at("2026-11-27T04:30:00Z"), "America/New_York", night).toISOString()).toBe("2026-11-27T12:00:00.000Z");
  });
});

describe("when a notice is due", () => {
  const now = at("2026-11-26T14:30:00Z"); // 23:30 in Seoul
  it("goes at once by default, and after the quiet hours when they hold it", () => {
    expect(noticeDueAt({ prefs: prefs(), urgent: false, now, digestMs: 60_000, gathering: null })).toEqual(now);
    expect(noticeDueAt({ prefs: prefs({ quietHours: night }), urgent: false, now, digestMs: 60_000, gathering: null }).toISOString()).toBe(
      "2026-11-26T22:00:00.000Z",
    );
  });

  it("lets an urgent notice through quiet hours only when the person allows it", () => {
    expect(noticeDueAt({ prefs: prefs({ quietHours: night }), urgent: true, now, digestMs: 60_000, gathering: null })).toEqual(now);
    const strict = prefs({ quietHours: night, urgentBypassesQuiet: false });
    expect(noticeDueAt({ prefs: strict, urgent: true, now, digestMs: 60_000, gathering: null }).toISOString()).toBe("2026-11-26T22:00:00.000Z");
  });

  it("gathers a digest for the window, joining one already gathering", () => {
    const digest = prefs({ delivery: "digest" });
    expect(noticeDueAt({ prefs: digest, urgent: false, now, digestMs: 60_000, gathering: null })).toEqual(new Date(now.getTime() + 60_000));
    const gathering = new Date(now.getTime() + 20_000);
    expect(noticeDueAt({ prefs: digest, urgent: false, now, digestMs: 60_000, gathering })).toEqual(gathering);
  });
});

describe("retries", () => {
  it("back off by doubling, capped, and park after the last attempt", () => {
    const cfg = { retryMs: 1000, maxAttempts: 4 };
    expect(retryAt(1, cfg, 0)?.getTime()).toBe(1000);
    expect(retryAt(3, cfg, 0)?.getTime()).toBe(4000);
    expect(retryAt(4, cfg, 0)).toBeNull();
    expect(retryAt(30, { retryMs: 1000, maxAttempts: 99 }, 0)?.getTime()).toBe(600_000);
  });
});
