import { describe, expect, it } from "vitest";
import { formatOffset, instantOfLocalTime, localWallTime, zoneOffsetMs } from "./time-zones";

const NY = "America/New_York";
const SEOUL = "Asia/Seoul";
const at = (local: string, zone: string) => {
  const r = instantOfLocalTime(local, zone);
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe("instantOfLocalTime: New York across its daylight-saving changes", () => {
  it("takes winter and summer times at their own offsets", () => {
    expect(at("2026-01-15T09:00", NY).at.toISOString()).toBe("2026-01-15T14:00:00.000Z"); // EST, −05:00
    expect(at("2026-07-15T09:00", NY).at.toISOString()).toBe("2026-07-15T13:00:00.000Z"); // EDT, −04:00
  });

  it("spring forward, 2026-03-08: 01:59 is EST, 03:00 is EDT, and the hour between does not exist", () => {
    expect(at("2026-03-08T01:59", NY).at.toISOString()).toBe("2026-03-08T06:59:00.000Z");
    expect(at("2026-03-08T03:00", NY).at.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    for (const skipped of ["2026-03-08T02:00", "2026-03-08T02:30", "2026-03-08T02:59"]) {
      const r = instantOfLocalTime(skipped, NY);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe("nonexistent");
        expect(r.message).toContain(`${skipped} does not exist in ${NY}`);
      }
    }
  });

  it("a night shift across the spring change is an hour shorter on the clock's word", () => {
    const start = at("2026-03-07T22:00", NY).at;
    const end = at("2026-03-08T06:00", NY).at;
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(7);
  });

  it("fall back, 2026-11-01: 01:30 happens twice and is taken as the earlier (EDT)", () => {
    const r = at("2026-11-01T01:30", NY);
    expect(r.at.toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(r.ambiguous).toBe(true);
    expect(at("2026-11-01T00:59", NY)).toMatchObject({ ambiguous: false });
    expect(at("2026-11-01T02:00", NY).at.toISOString()).toBe("2026-11-01T07:00:00.000Z"); // EST
    const night = at("2026-11-01T06:00", NY).at.getTime() - at("2026-10-31T22:00", NY).at.getTime();
    expect(night / 3_600_000).toBe(9);
  });

  it("round-trips through localWallTime, and the offsets are as written", () => {
    for (const local of ["2026-03-07T22:00", "2026-03-08T03:00", "2026-11-01T00:30", "2026-11-01T01:30", "2026-11-01T02:00", "2026-12-31T23:59"]) {
      expect(localWallTime(at(local, NY).at, NY)).toBe(local);
    }
    // Both 01:30s of the fall-back night show as 01:30 on the wall.
    expect(localWallTime(new Date("2026-11-01T06:30:00Z"), NY)).toBe("2026-11-01T01:30");
    expect(formatOffset(zoneOffsetMs(new Date("2026-11-01T05:30:00Z"), NY))).toBe("-04:00");
    expect(formatOffset(zoneOffsetMs(new Date("2026-11-01T06:30:00Z"), NY))).toBe("-05:00");
  });
});

describe("instantOfLocalTime: Seoul has no daylight saving", () => {
  it("is +09:00 all year, every hour exists once", () => {
    for (const local of ["2026-03-08T02:30", "2026-11-01T01:30", "2026-07-01T00:00", "2026-12-31T23:59"]) {
      const r = at(local, SEOUL);
      expect(r.ambiguous).toBe(false);
      expect(r.at.getTime()).toBe(Date.parse(`${local}:00+09:00`));
      expect(localWallTime(r.at, SEOUL)).toBe(local);
    }
    expect(formatOffset(zoneOffsetMs(new Date("2026-07-01T00:00:00Z"), SEOUL))).toBe("+09:00");
  });
});

describe("instantOfLocalTime: what is not a wall time", () => {
  it.each(["2026-03-08T18:00Z", "2026-03-08T18:00+09:00", "2026-03-08 18:00", "2026-03-08T18:00:00", "2026-3-8T18:00", "", "tomorrow"])(
    "refuses %j as malformed",
    (s) => {
      expect(instantOfLocalTime(s, SEOUL)).toMatchObject({ ok: false, reason: "malformed" });
    },
  );
  it.each(["2026-02-30T10:00", "2026-13-01T10:00", "2026-03-08T24:00", "2026-03-08T18:60"])("refuses %j as no time of the calendar", (s) => {
    expect(instantOfLocalTime(s, SEOUL)).toMatchObject({ ok: false, reason: "malformed" });
  });
});
