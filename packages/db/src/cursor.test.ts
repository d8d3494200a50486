import { describe, expect, it } from "vitest";
import { type CursorPart, decodeCursor, encodeCursor, InvalidCursorError } from "./cursor";

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const kinds: CursorPart[] = ["timestamp", "uuid"];
const issued = ["2026-11-25T09:00:00.123Z", "0b7e3c1a-3c7e-4a43-9f55-2c8a4f1d2e3b"];

describe("cursors", () => {
  it("read back exactly what they were made of", () => {
    expect(decodeCursor(encodeCursor(issued), kinds)).toEqual(issued);
    expect(decodeCursor(encodeCursor(["42"]), ["seq"])).toEqual(["42"]);
    expect(decodeCursor(encodeCursor(["2026-11-25T09:00:00.000Z", "trade-restriction:US:AD-1"]), ["timestamp", "workflowId"])).toEqual([
      "2026-11-25T09:00:00.000Z",
      "trade-restriction:US:AD-1",
    ]);
    // A plan of a mission other than the country's leading one carries that mission in its id.
    expect(decodeCursor(encodeCursor(["2026-11-25T09:00:00.000Z", "mission-plan:ID:MSN-ASEAN:PLAN-1"]), ["timestamp", "workflowId"])).toEqual([
      "2026-11-25T09:00:00.000Z",
      "mission-plan:ID:MSN-ASEAN:PLAN-1",
    ]);
    expect(decodeCursor(undefined, kinds)).toBeNull();
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["JSON that is not an array", b64({ a: 1 })],
    ["the wrong number of parts", b64([issued[0]])],
    ["a part that is not a string", b64([1, issued[1]])],
    ["a timestamp that is not one", b64(["yesterday", issued[1]])],
    ["a timestamp not in the encoder's form", b64(["2026-11-25", issued[1]])],
    ["a timestamp beyond PostgreSQL's and JavaScript's common range", b64(["+275760-09-13T00:00:00.000Z", issued[1]])],
    ["a day that does not exist", b64(["2026-02-30T00:00:00.000Z", issued[1]])],
    ["a uuid that is only dashes", b64([issued[0], "-".repeat(36)])],
    ["a uuid in capitals (the database writes lower case)", b64([issued[0], issued[1]?.toUpperCase()])],
    ["NUL inside a part", b64([issued[0], `${issued[1]?.slice(0, 35)}\u0000`])],
    ["padding or characters outside the alphabet", `${encodeCursor(issued)}==`],
  ])("refuse %s", (_what, cursor) => {
    expect(() => decodeCursor(cursor, kinds)).toThrow(InvalidCursorError);
  });

  it.each([["0"], ["-1"], ["9223372036854775808"], ["1e3"], [" 1"]])("refuse the sequence number %s", (seq) => {
    expect(() => decodeCursor(b64([seq]), ["seq"])).toThrow(InvalidCursorError);
  });

  it.each([["other:US:x"], ["trade-restriction:US:"], ["trade-restriction:US:a b"], ["trade-restriction:us:A"]])(
    "refuse the workflow id %s",
    (id) => {
      expect(() => decodeCursor(b64([issued[0], id]), ["timestamp", "workflowId"])).toThrow(InvalidCursorError);
    },
  );
});
