import { describe, expect, it } from "vitest";
import { eventJsonSchemas, parseEvent, topicFor } from "./envelope";
import { TRADE_RESTRICTION_DETECTED } from "./trade";

const valid = {
  specversion: "1.0",
  id: "e-1",
  source: "EMB-US",
  type: TRADE_RESTRICTION_DETECTED,
  time: "2026-11-25T09:00:00+09:00",
  datacontenttype: "application/json",
  data: {
    country: "US",
    caseRef: "A-580-001",
    measure: "safeguard",
    products: [{ hsCode: "8450", description: "Washing machines" }],
    authority: "USITC",
    summary: "Safeguard investigation on large residential washers.",
    commentDeadline: "2026-12-31",
  },
};

describe("parseEvent", () => {
  it("accepts a valid CloudEvent and types its data", () => {
    const r = parseEvent(valid);
    expect(r.ok).toBe(true);
    if (r.ok && r.event.type === TRADE_RESTRICTION_DETECTED) expect(r.event.data.caseRef).toBe("A-580-001");
  });

  it("reports envelope and data issues together, by path", () => {
    const r = parseEvent({
      ...valid,
      source: "us embassy",
      datacontenttype: "text/plain",
      data: { ...valid.data, country: "usa", products: [{ hsCode: "12", description: "" }] },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path).sort()).toEqual(
        ["data.country", "data.products.0.description", "data.products.0.hsCode", "datacontenttype", "source"].sort(),
      );
    }
  });

  it("rejects dates that do not exist and timestamps without an offset", () => {
    const r = parseEvent({ ...valid, time: "2026-11-25T09:00:00", data: { ...valid.data, commentDeadline: "2027-02-29" } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path).sort()).toEqual(["data.commentDeadline", "time"]);
  });

  it("names the known types for an unknown one", () => {
    const r = parseEvent({ ...valid, type: "kr.teamkorea.other.v1" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain("Unknown event type");
      expect(r.error).toContain(TRADE_RESTRICTION_DETECTED);
    }
  });

  it("refuses NUL characters, which PostgreSQL cannot store", () => {
    const r = parseEvent({ ...valid, data: { ...valid.data, products: [{ hsCode: "8450", description: "a\u0000b" }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "data.products.0.description", message: "must not contain NUL characters" }]);
  });

  it("handles input that is not an object", () => {
    for (const input of [null, 42, "x", []]) expect(parseEvent(input).ok).toBe(false);
  });

  it("routes trade events to the trade topic and publishes a JSON Schema per type", () => {
    expect(topicFor(TRADE_RESTRICTION_DETECTED, "test.")).toBe("test.teamkorea.trade.events");
    const schema = eventJsonSchemas()[TRADE_RESTRICTION_DETECTED] as { properties: { type: { const: string } } };
    expect(schema.properties.type.const).toBe(TRADE_RESTRICTION_DETECTED);
  });
});
