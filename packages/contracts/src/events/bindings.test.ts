import { describe, expect, it } from "vitest";
import { fromHttpBinary, fromKafkaMessage, isHttpBinary, mediaTypeOf } from "./bindings";
import { parseEvent } from "./envelope";
import { TRADE_RESTRICTION_DECIDED } from "./trade";

const data = { country: "US", caseRef: "A-1", outcome: "terminated", summary: "No duty." };
const attrs = { specversion: "1.0", id: "e-1", source: "KOTRA-US", type: TRADE_RESTRICTION_DECIDED };

describe("HTTP binary mode", () => {
  it("reads ce- headers (percent-decoded) and the content type as attributes, the body as data", () => {
    const headers = {
      "ce-specversion": "1.0",
      "ce-id": "e-1",
      "ce-source": "KOTRA-US",
      "ce-type": TRADE_RESTRICTION_DECIDED,
      "ce-subject": "caf%C3%A9 %25",
      "content-type": "application/json",
      authorization: "Bearer x",
    };
    expect(isHttpBinary(headers)).toBe(true);
    const input = fromHttpBinary(headers, data);
    expect(input).toEqual({ ...attrs, subject: "café %", datacontenttype: "application/json", data });
    expect(parseEvent(input).ok).toBe(true);
  });
  it("keeps a malformed escape as written", () => {
    expect(fromHttpBinary({ "ce-subject": "100%" }, data).subject).toBe("100%");
  });
});

describe("Kafka", () => {
  it("binary mode: ce_ headers, the value as JSON data", () => {
    const r = fromKafkaMessage(
      {
        ce_specversion: "1.0",
        ce_id: "e-1",
        ce_source: "KOTRA-US",
        ce_type: TRADE_RESTRICTION_DECIDED,
        ce_traceid: "t-9",
        "content-type": "application/json",
      },
      JSON.stringify(data),
    );
    expect(r).toEqual({ ok: true, input: { ...attrs, traceid: "t-9", datacontenttype: "application/json", data } });
  });
  it("binary mode refuses data that is not JSON, with the reason", () => {
    expect(fromKafkaMessage({ ce_specversion: "1.0", "content-type": "text/plain" }, "hello")).toEqual({
      ok: false,
      error: "the data must be JSON (content-type application/json), not text/plain",
    });
    expect(fromKafkaMessage({ ce_specversion: "1.0" }, "{nope").ok).toBe(false);
  });
  it("structured mode, with or without its content type", () => {
    const value = JSON.stringify({ ...attrs, data });
    expect(fromKafkaMessage({ "content-type": "application/cloudevents+json; charset=utf-8" }, value)).toEqual({
      ok: true,
      input: { ...attrs, data },
    });
    expect(fromKafkaMessage({}, value).ok).toBe(true);
    expect(fromKafkaMessage({}, "[1]")).toEqual({ ok: false, error: "the message is not JSON" });
    expect(fromKafkaMessage({ "content-type": "application/avro" }, value).ok).toBe(false);
  });
  it("media types lose their parameters", () => {
    expect(mediaTypeOf("Application/CloudEvents+JSON; charset=utf-8")).toBe("application/cloudevents+json");
    expect(mediaTypeOf(undefined)).toBeUndefined();
  });
});

describe("optional and extension attributes", () => {
  it("leaves time, datacontenttype, subject and dataschema optional; a missing time is the moment of acceptance", () => {
    const now = new Date("2026-11-26T01:02:03.000Z");
    const r = parseEvent({ ...attrs, data }, () => now);
    expect(r.ok && r.event.time).toBe(now.toISOString());
    expect(r.ok && r.event.timeDefaulted).toBe(true);
  });
  it("keeps valid extensions and names the invalid ones", () => {
    const ok = parseEvent({ ...attrs, data, traceid: "t", priority: 3, urgent: true, dataschema: "https://example.org/s.json" });
    expect(ok.ok && ok.event.extensions).toEqual({ traceid: "t", priority: 3, urgent: true });
    expect(ok.ok && ok.event.dataschema).toBe("https://example.org/s.json");
    const bad = parseEvent({ ...attrs, data, Trace_Id: "t", nested: { a: 1 }, data_base64: "AA==", dataschema: "not a uri" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path).sort()).toEqual(["Trace_Id", "data_base64", "dataschema", "nested"]);
  });
  it("takes a JSON content type with parameters, and refuses another", () => {
    expect(parseEvent({ ...attrs, data, datacontenttype: "application/json; charset=utf-8" }).ok).toBe(true);
    const r = parseEvent({ ...attrs, data, datacontenttype: "text/xml" });
    expect(!r.ok && r.issues[0]?.path).toBe("datacontenttype");
  });
});
