import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./timestamps";

describe("parseTimestamp", () => {
  it("reads PostgreSQL's timestamps as the instants they are", () => {
    expect(parseTimestamp("2026-11-25 09:00:00").toISOString()).toBe("2026-11-25T09:00:00.000Z");
    expect(parseTimestamp("2026-11-25 09:00:00.123456").toISOString()).toBe("2026-11-25T09:00:00.123Z");
    expect(parseTimestamp("2026-11-25 09:00:00.5").toISOString()).toBe("2026-11-25T09:00:00.500Z");
    expect(parseTimestamp("2026-11-25 09:00:00+00").toISOString()).toBe("2026-11-25T09:00:00.000Z");
    expect(parseTimestamp("2026-11-25 18:30:00+09:30").toISOString()).toBe("2026-11-25T09:00:00.000Z");
    expect(parseTimestamp("0099-03-01 00:00:00").toISOString()).toBe("0099-03-01T00:00:00.000Z");
  });

  it("reads years BC and of five digits, which the old reader turned into invalid dates", () => {
    // 0001-01-01T00:00:00+01:00 is 1 BC in UTC: the value that stalled the relay (issue 17).
    expect(parseTimestamp("0001-12-31 23:00:00 BC").toISOString()).toBe("0000-12-31T23:00:00.000Z");
    expect(parseTimestamp("0002-01-01 00:00:00 BC").toISOString()).toBe("-000001-01-01T00:00:00.000Z");
    expect(parseTimestamp("12345-06-07 08:09:10").toISOString()).toBe("+012345-06-07T08:09:10.000Z");
  });

  it("gives what JavaScript cannot hold its nearest instant, never an invalid date", () => {
    expect(parseTimestamp("infinity").getTime()).toBe(8.64e15);
    expect(parseTimestamp("-infinity").getTime()).toBe(-8.64e15);
    expect(parseTimestamp("294276-12-31 23:59:59").getTime()).toBe(8.64e15);
    expect(parseTimestamp("4713-01-01 00:00:00 BC").toISOString()).toBe("-004712-01-01T00:00:00.000Z");
    expect(() => parseTimestamp("not a time").toISOString()).not.toThrow();
  });
});
