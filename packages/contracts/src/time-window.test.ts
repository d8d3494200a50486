import { describe, expect, it } from "vitest";
import { Instant, IsoDate, NearDate, withinTimeWindow } from "./common";
import { parseEvent } from "./events";

const event = (time: string) => ({
  specversion: "1.0",
  id: "e-1",
  source: "KOTRA-US",
  type: "kr.teamkorea.trade.restriction.decided.v1",
  time,
  data: { country: "US", caseRef: "C-1", outcome: "terminated", summary: "s" },
});

describe("the hub's time window (1900 to 2199, UTC)", () => {
  it("judges the instant after its offset is applied", () => {
    expect(Instant.safeParse("1900-01-01T00:00:00Z").success).toBe(true);
    expect(Instant.safeParse("1900-01-01T00:30:00+01:00").success).toBe(false); // 1899-12-31T23:30Z
    expect(Instant.safeParse("2199-12-31T23:30:00-01:00").success).toBe(false); // 2200-01-01T00:30Z
    expect(Instant.safeParse("2199-12-31T23:59:59.999Z").success).toBe(true);
    expect(Instant.safeParse("0001-01-01T00:00:00+01:00").success).toBe(false); // 1 BC
    expect(Instant.safeParse("0000-01-01T00:00:00Z").success).toBe(false);
    expect(withinTimeWindow(Number.NaN)).toBe(false);
  });

  it("keeps the instant, in UTC to the millisecond, as the event's time", () => {
    const r = parseEvent(event("2026-11-25T18:00:00.123456+09:00"));
    expect(r.ok && r.event.time).toBe("2026-11-25T09:00:00.123Z");
  });

  it("refuses an event outside it, naming the field", () => {
    const r = parseEvent(event("0001-01-01T00:00:00+01:00"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "time", message: expect.stringContaining("must lie between 1900") }]);
  });

  it("bounds dates too, the ten-year rule staying for the dates timers are built from", () => {
    expect(IsoDate.safeParse("0000-12-31").success).toBe(false);
    expect(IsoDate.safeParse("1899-12-31").success).toBe(false);
    expect(IsoDate.safeParse("2199-12-31").success).toBe(true);
    expect(IsoDate.safeParse("2200-01-01").success).toBe(false);
    expect(NearDate.safeParse("2199-12-31").success).toBe(false);
  });
});
