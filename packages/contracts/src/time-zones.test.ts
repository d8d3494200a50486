import { describe, expect, it } from "vitest";
import { formatMoment } from "./time-zones";

describe("formatMoment", () => {
  const evening = new Date("2026-12-01T11:06:00Z"); // 20:06 in Seoul

  it("writes Korean times with 오전/오후, never AM/PM", () => {
    const text = formatMoment(evening, "ko", "Asia/Seoul");
    expect(text).toContain("오후 8:06");
    expect(text).not.toMatch(/AM|PM/);
    expect(formatMoment(new Date("2026-12-01T00:30:00Z"), "ko", "Asia/Seoul")).toContain("오전 9:30");
  });

  it("writes English times on a 24-hour clock", () => {
    expect(formatMoment(evening, "en", "Asia/Seoul")).toBe("1 Dec 2026, 20:06");
  });
});
