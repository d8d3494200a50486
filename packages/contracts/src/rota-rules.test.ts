import { describe, expect, it } from "vitest";
import { overlaps, rotaGaps, shiftAt } from "./rota-rules";

const d = (s: string) => new Date(s);
const shift = (from: string, until: string, officer = "a@x", backup: string | null = null) => ({
  startsAt: d(from),
  endsAt: d(until),
  officer,
  backup,
});
const iso = (gaps: { startsAt: Date; endsAt: Date }[]) => gaps.map((g) => [g.startsAt.toISOString(), g.endsAt.toISOString()]);

describe("shiftAt: who is on duty at an instant", () => {
  const night = shift("2026-12-10T11:00:00.000Z", "2026-12-10T23:00:00.000Z", "night@x", "backup@x");
  const day = shift("2026-12-10T23:00:00.000Z", "2026-12-11T11:00:00.000Z", "day@x");
  it("finds the shift holding the instant; a shift holds its start, not its end", () => {
    expect(shiftAt([day, night], d("2026-12-10T19:10:00Z"))?.officer).toBe("night@x");
    expect(shiftAt([day, night], d("2026-12-10T11:00:00Z"))?.officer).toBe("night@x");
    expect(shiftAt([day, night], d("2026-12-10T23:00:00Z"))?.officer).toBe("day@x");
    expect(shiftAt([night], d("2026-12-10T19:10:00Z"))?.backup).toBe("backup@x");
  });
  it("is null in a gap", () => {
    expect(shiftAt([day, night], d("2026-12-11T11:00:00Z"))).toBeNull();
    expect(shiftAt([], d("2026-12-11T11:00:00Z"))).toBeNull();
  });
});

describe("overlaps", () => {
  it("touching shifts do not overlap; sharing an instant does", () => {
    const a = shift("2026-12-10T00:00:00Z", "2026-12-10T08:00:00Z");
    expect(overlaps(a, shift("2026-12-10T08:00:00Z", "2026-12-10T16:00:00Z"))).toBe(false);
    expect(overlaps(a, shift("2026-12-10T07:59:00Z", "2026-12-10T16:00:00Z"))).toBe(true);
    expect(overlaps(a, shift("2026-12-09T00:00:00Z", "2026-12-11T00:00:00Z"))).toBe(true);
  });
});

describe("rotaGaps: what nobody covers in a window", () => {
  const from = d("2026-12-10T00:00:00Z");
  const to = d("2026-12-17T00:00:00Z");
  it("an empty rota is one gap, the whole window", () => {
    expect(iso(rotaGaps([], from, to))).toEqual([[from.toISOString(), to.toISOString()]]);
  });
  it("lists the holes between, before and after shifts, in order, whatever order the shifts come in", () => {
    const gaps = rotaGaps([shift("2026-12-12T00:00:00Z", "2026-12-13T00:00:00Z"), shift("2026-12-10T06:00:00Z", "2026-12-11T00:00:00Z")], from, to);
    expect(iso(gaps)).toEqual([
      ["2026-12-10T00:00:00.000Z", "2026-12-10T06:00:00.000Z"],
      ["2026-12-11T00:00:00.000Z", "2026-12-12T00:00:00.000Z"],
      ["2026-12-13T00:00:00.000Z", "2026-12-17T00:00:00.000Z"],
    ]);
  });
  it("touching shifts leave no gap; shifts reaching outside the window are clipped to it", () => {
    const gaps = rotaGaps([shift("2026-12-01T00:00:00Z", "2026-12-12T00:00:00Z"), shift("2026-12-12T00:00:00Z", "2026-12-20T00:00:00Z")], from, to);
    expect(gaps).toEqual([]);
  });
  it("tolerates overlapping and nested shifts", () => {
    const gaps = rotaGaps(
      [
        shift("2026-12-10T00:00:00Z", "2026-12-14T00:00:00Z"),
        shift("2026-12-11T00:00:00Z", "2026-12-12T00:00:00Z"),
        shift("2026-12-13T00:00:00Z", "2026-12-15T00:00:00Z"),
      ],
      from,
      to,
    );
    expect(iso(gaps)).toEqual([["2026-12-15T00:00:00.000Z", "2026-12-17T00:00:00.000Z"]]);
  });
  it("shifts wholly outside the window change nothing; an empty window has no gaps", () => {
    expect(
      iso(rotaGaps([shift("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"), shift("2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z")], from, to)),
    ).toEqual([[from.toISOString(), to.toISOString()]]);
    expect(rotaGaps([], to, from)).toEqual([]);
  });
});
