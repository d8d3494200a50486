/**
 * Issue 10: other systems publish with an off-the-shelf CloudEvents SDK — here the official
 * JavaScript one (`cloudevents` 10) — in every HTTP content mode (structured, binary, batch)
 * and both Kafka modes (binary, structured). Each event must end in its joint task; optional
 * attributes may be left out; extension attributes are kept in the task's history.
 */
import { randomUUID } from "node:crypto";
import { eventTopics, TRADE_RESTRICTION_DETECTED, topicFor } from "@hub/contracts";
import { connectKafka, createProducer } from "@hub/kafka";
import { CloudEvent, HTTP, Kafka } from "cloudevents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, call, cfg, eventually, historyOf, login, uniqueRef, workflowIdOf } from "./support/hub";

const STAFF = "staff.us@teamkorea.dev";

/** The data of a trade-restriction case in the US; the case reference names its task. */
const caseData = (caseRef: string) => ({
  country: "US",
  caseRef,
  measure: "anti_dumping",
  products: [{ hsCode: "7208.51", description: "Hot-rolled steel plate" }],
  authority: "US Department of Commerce",
  summary: "Anti-dumping investigation opened on Korean hot-rolled steel plate.",
});

/** A CloudEvent built by the SDK, as EMB-US publishes one. */
function sdkEvent(caseRef: string, extra: Record<string, unknown> = {}) {
  return new CloudEvent({
    id: randomUUID(),
    source: "EMB-US",
    type: TRADE_RESTRICTION_DETECTED,
    datacontenttype: "application/json",
    data: caseData(caseRef),
    ...extra,
  });
}

async function post(headers: Record<string, unknown>, body: unknown, token?: string) {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = String(v);
  if (token) h.authorization = `Bearer ${token}`;
  const res = await fetch(`${apiUrl}/v1/events`, { method: "POST", headers: h, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

/** Waits until the task the case opened exists (the router started its workflow, which wrote the task). */
const taskOpened = async (caseRef: string) => {
  const hq = await login("hq@teamkorea.dev");
  return eventually(`the task of ${caseRef}`, async () => {
    const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowIdOf("US", caseRef))}`, { token: hq });
    return r.status === 200 ? r.body : undefined;
  });
};

describe("CloudEvents bindings, with the cloudevents SDK as the client", () => {
  let token: string;
  const kafka = connectKafka({ brokers: cfg.service.kafkaBrokers, sasl: cfg.service.kafkaSasl, clientId: "cloudevents-test" });
  let producer: Awaited<ReturnType<typeof createProducer>>;

  beforeAll(async () => {
    token = await login(STAFF);
    producer = await createProducer(kafka);
  });
  afterAll(async () => {
    await producer?.disconnect();
  });

  it("HTTP structured mode (application/cloudevents+json) opens the task", async () => {
    const ref = uniqueRef("CE-STRUCT");
    const m = HTTP.structured(sdkEvent(ref));
    expect(m.headers["content-type"]).toContain("application/cloudevents+json");
    const r = await post(m.headers, m.body, token);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    await taskOpened(ref);
  });

  it("HTTP binary mode (ce- headers, the data as the body) opens the task and keeps an extension in its history", async () => {
    const ref = uniqueRef("CE-BIN");
    const e = sdkEvent(ref, { correlationid: "trade-desk-42", subject: ref });
    const m = HTTP.binary(e);
    expect(m.headers["ce-id"]).toBe(e.id);
    const r = await post(m.headers, m.body, token);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const task = await taskOpened(ref);
    const entry = await eventually("the event in the task's history", async () =>
      (await historyOf(task.id)).find((h) => h.action === "event.received" && h.detail.id === e.id),
    );
    expect(entry.cloudEvent).toMatchObject({ subject: ref, timeDefaulted: false, extensions: { correlationid: "trade-desk-42" } });
    // ... and in the event log as GET /v1/events lists it.
    const logged = await call("GET", `/v1/events?type=${TRADE_RESTRICTION_DETECTED}&country=US&limit=50`, { token });
    expect(logged.body.items.find((i: { id: string }) => i.id === e.id)).toMatchObject({
      subject: ref,
      timeDefaulted: false,
      extensions: { correlationid: "trade-desk-42" },
    });

    // The same event again is a duplicate; a binary-mode refusal names the header at fault.
    expect((await post(m.headers, m.body, token)).status).toBe(200);
    const bad = await post({ ...m.headers, "ce-id": randomUUID(), "ce-specversion": "0.3", "ce-Bad_Name": "x" }, m.body, token);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["headers.ce-bad_name", "headers.ce-specversion"]);
  });

  it("HTTP batch mode answers each event on its own: accepted, duplicate, refused", async () => {
    const [a, b] = [uniqueRef("CE-BATCH-A"), uniqueRef("CE-BATCH-B")];
    const first = sdkEvent(a);
    const second = sdkEvent(b);
    const invalid = sdkEvent(uniqueRef("CE-BATCH-BAD")).cloneWith({ data: { ...caseData("X"), products: [] } }, false);
    const foreign = sdkEvent(uniqueRef("CE-BATCH-VN")).cloneWith({ source: "EMB-VN", data: { ...caseData("VN-1"), country: "VN" } });
    const body = `[${[first, first, second, invalid, foreign].map((e) => e.toString()).join(",")}]`;
    const r = await post({ "content-type": "application/cloudevents-batch+json" }, body, token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      [first.id, "accepted"],
      [first.id, "duplicate"],
      [second.id, "accepted"],
      [invalid.id, "refused"],
      [foreign.id, "refused"],
    ]);
    expect(r.body.results[3]).toMatchObject({ statusCode: 400, issues: [{ path: "body.3.data.products" }] });
    expect(r.body.results[4]).toMatchObject({ statusCode: 403 });
    await taskOpened(a);
    await taskOpened(b);

    // Sent again: every accepted event is now a duplicate; nothing was half-written.
    const again = await post({ "content-type": "application/cloudevents-batch+json" }, `[${first.toString()},${second.toString()}]`, token);
    expect(again.body.results.map((o: { status: string }) => o.status)).toEqual(["duplicate", "duplicate"]);
    const notArray = await post({ "content-type": "application/cloudevents-batch+json" }, first.toString(), token);
    expect(notArray.status).toBe(400);
  });

  it("events without the optional attributes are accepted, time recorded as the moment of acceptance", async () => {
    const ref = uniqueRef("CE-BARE");
    const bare = { specversion: "1.0", id: randomUUID(), source: "EMB-US", type: TRADE_RESTRICTION_DETECTED, data: caseData(ref) };
    const before = Date.now();
    const r = await post({ "content-type": "application/cloudevents+json" }, bare, token);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const task = await taskOpened(ref);
    const entry = await eventually("the bare event in the history", async () =>
      (await historyOf(task.id)).find((h) => h.action === "event.received" && h.detail.id === bare.id),
    );
    expect(entry.cloudEvent.timeDefaulted).toBe(true);
    expect(Date.parse(entry.cloudEvent.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(entry.cloudEvent.extensions).toEqual({});
    const logged = await call("GET", `/v1/events?type=${TRADE_RESTRICTION_DETECTED}&country=US&limit=50`, { token });
    expect(logged.body.items.find((i: { id: string }) => i.id === bare.id)).toMatchObject({ timeDefaulted: true, dataschema: null, extensions: {} });
  });

  it("Kafka binary mode (ce_ headers) and structured mode are both routed to their tasks, keyed by country", async () => {
    const topic = topicFor(TRADE_RESTRICTION_DETECTED, cfg.service.topicPrefix);
    expect(eventTopics(cfg.service.topicPrefix)).toContain(topic);
    const [binRef, structRef] = [uniqueRef("CE-KBIN"), uniqueRef("CE-KSTRUCT")];
    const bin = Kafka.binary(sdkEvent(binRef, { partitionkey: "US", correlationid: "kafka-7" }));
    const struct = Kafka.structured(sdkEvent(structRef, { partitionkey: "US" }));
    expect(bin.headers.ce_type).toBe(TRADE_RESTRICTION_DETECTED);
    const headersOf = (h: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(h)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
    await producer.send([
      { topic, key: String(bin.key), value: JSON.stringify(bin.value), headers: headersOf(bin.headers) },
      { topic, key: String(struct.key), value: String(struct.value), headers: headersOf(struct.headers) },
    ]);
    const task = await taskOpened(binRef);
    await taskOpened(structRef);
    const entry = await eventually("the Kafka binary event in the history", async () =>
      (await historyOf(task.id)).find((h) => h.action === "event.received" && h.detail.source === "EMB-US"),
    );
    expect(entry.cloudEvent.extensions).toEqual({ correlationid: "kafka-7", partitionkey: "US" });
  });
});
