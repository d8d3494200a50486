import { describe, expect, it } from "vitest";
import { clipText, listWithin } from "./core";

describe("clipText", () => {
  it("returns a text that fits unchanged and cuts one that does not, ending in an ellipsis", () => {
    expect(clipText("abc", 3)).toBe("abc");
    expect(clipText("abcdef", 4)).toBe("abc…");
    expect(clipText("abcdef", 4)).toHaveLength(4);
  });
  it("never leaves half of a surrogate pair", () => {
    const cut = clipText("ab😀cd", 4);
    expect(cut).toBe("ab…");
    expect(/[\ud800-\udfff]/.test(cut)).toBe(false);
  });
});

describe("listWithin", () => {
  it("joins everything when it fits, else whole items and the count of the rest", () => {
    expect(listWithin(["a", "b", "c"], 10)).toBe("a, b, c");
    const items = ["aaaa", "bbbb", "c".repeat(12)];
    expect(listWithin(items, 24)).toBe(items.join(", "));
    expect(listWithin(items, 21)).toBe("aaaa, bbbb and 1 more");
    expect(listWithin(items, 15)).toBe("aaaa and 2 more");
  });
  it("clips the first item when even it alone does not fit, and stays within the limit", () => {
    const text = listWithin(["x".repeat(50), "y"], 20);
    expect(text).toBe(`${"x".repeat(8)}… and 1 more`);
    expect(text.length).toBeLessThanOrEqual(20);
    expect(listWithin(["x".repeat(50)], 10)).toBe(`${"x".repeat(9)}…`);
  });
});
