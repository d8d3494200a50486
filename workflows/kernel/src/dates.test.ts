import { describe, expect, it } from "vitest";
import { taskClock } from "./dates";

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe("the task clock", () => {
  it("on a 24 h day, begins every day at midnight UTC, counted from the start day whatever the time of the start", () => {
    const clock = taskClock(at("2026-03-02T09:00:00.250Z"), DAY);
    expect(clock.startedOn).toBe("2026-03-02");
    expect(new Date(clock.dayStart("2026-03-02")).toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(new Date(clock.dayStart("2026-03-09")).toISOString()).toBe("2026-03-09T00:00:00.000Z");
    // Across a month's end and before the start day.
    expect(new Date(clock.dayStart("2026-04-01")).toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(new Date(clock.dayStart("2026-03-01")).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(clock.today(at("2026-03-05T23:59:59.999Z"))).toBe("2026-03-05");
    expect(clock.today(at("2026-03-06T00:00:00.000Z"))).toBe("2026-03-06");
  });

  it("on a shorter day, keeps the same shape, scaled: the start day began as far before the start as the start lies into its day", () => {
    // 18:00 UTC is three quarters into the day: on a 2 s day the start day began 1.5 s earlier.
    const start = at("2026-03-02T18:00:00.000Z");
    const clock = taskClock(start, 2000);
    expect(clock.dayStart("2026-03-02")).toBe(start - 1500);
    expect(clock.dayStart("2026-03-09")).toBe(start - 1500 + 7 * 2000);
    expect(clock.today(start)).toBe("2026-03-02");
    expect(clock.today(start + 499)).toBe("2026-03-02");
    expect(clock.today(start + 500)).toBe("2026-03-03");
    // Started at midnight: the day begins with the task.
    expect(taskClock(at("2026-03-02T00:00:00.000Z"), 2000).dayStart("2026-03-04")).toBe(at("2026-03-02T00:00:00.000Z") + 4000);
  });
});
