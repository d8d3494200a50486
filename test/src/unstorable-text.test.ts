/**
 * Issue 8, defect 2: one character (half a surrogate pair, or NUL) must not stall a task. Such
 * text is refused with a 400 naming the field at the API, dead-lettered from Kafka, refused by
 * the task's own Update validators when sent to Temporal directly, and failed for good (not
 * retried for ever) by an activity; afterwards the task still progresses and the read model
 * agrees with the audit rows.
 */
import { randomUUID } from "node:crypto";
import { eventTopics } from "@hub/contracts";
import { createDb, sql } from "@hub/db";
import { connectKafka, createProducer } from "@hub/kafka";
import { connectTemporalClient } from "@hub/temporal";
import { afterAll, describe, expect, it } from "vitest";
import { failPermanently } from "../../services/worker/src/permanent-failures";
import { call, cfg, deadLetterWith, detectedEvent, eventually, login, openCase, uniqueRef } from "./support/hub";

const LONE_LOW = "\udfff";
const LONE_HIGH = "\ud800";
const db = createDb(cfg.service.databaseUrl, { max: 2 });
afterAll(() => db.close());

const eventCount = async () => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM events`))?.n;

describe("text PostgreSQL cannot hold", () => {
  it("a decision comment with half a surrogate pair is a 400 naming the field, and the approval stays decidable", async () => {
    const { approval, head } = await openCase(uniqueRef("SUR"));
    for (const comment of [`fine ${LONE_LOW}`, `${LONE_HIGH}x`, "nul \u0000 inside"]) {
      const r = await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "approve", comment } });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.issues).toEqual([{ path: "body.comment", message: expect.stringMatching(/surrogate|NUL/) }]);
    }
    // Nothing was recorded: the approval is still pending in the read model and in the workflow.
    expect((await call("GET", `/v1/approvals/${approval.id}`, { token: head })).body.status).toBe("pending");
    // A whole surrogate pair (an emoji) is text like any other, stored and shown back exactly.
    const ok = await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "approve", comment: "진행 👍🏽" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: "approved", comment: "진행 👍🏽" });
  });

  it("an assignment note with half a surrogate pair is a 400, and the assignment's status agrees with its audit rows", async () => {
    const { workflowId, approval, head } = await openCase(uniqueRef("SURA"));
    expect((await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "approve" } })).status).toBe(200);
    const kotra = await login("kotra.us@teamkorea.dev");
    const mine = await eventually("KOTRA-US's assignment", async () => {
      const r = await call("GET", "/v1/assignments?limit=200", { token: kotra });
      return r.body.items.find((a: { workflowId: string }) => a.workflowId === workflowId);
    });
    expect((await call("POST", `/v1/assignments/${mine.id}/ack`, { token: kotra })).status).toBe(200);
    const bad = await call("POST", `/v1/assignments/${mine.id}/progress`, { token: kotra, body: { note: `half ${LONE_LOW} a pair` } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: "body.note", message: expect.stringMatching(/surrogate/) }]);
    const badKey = await call("POST", `/v1/assignments/${mine.id}/decline`, { token: kotra, body: { reason: "x", [`k${LONE_HIGH}`]: 1 } });
    expect(badKey.status).toBe(400);
    const done = await call("POST", `/v1/assignments/${mine.id}/complete`, { token: kotra, body: { report: "Report ✓ 𝄞" } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", report: "Report ✓ 𝄞" });
    const audit = await db.query<{ after: { status: string } }>(
      sql`SELECT after FROM audit_log WHERE entity = 'assignment' AND entity_id = ${mine.id} ORDER BY at, id`,
    );
    expect(audit.at(-1)?.after.status).toBe("completed");
  });

  it("an event whose text holds half a surrogate pair is a 400 naming the field, and nothing is stored", async () => {
    const staff = await login("staff.us@teamkorea.dev");
    const before = await eventCount();
    const event = detectedEvent({ caseRef: uniqueRef("SURE") }) as any;
    event.data.products[0].description = `steel ${LONE_LOW}`;
    const r = await call("POST", "/v1/events", { token: staff, body: event });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.issues).toContainEqual({ path: "body.data.products.0.description", message: expect.stringMatching(/surrogate/) });
    expect(await eventCount()).toBe(before);
  });

  it("an event straight to Kafka holding half a surrogate pair is dead-lettered with the field, and the partition moves on", async () => {
    const marker = uniqueRef("SURK");
    const event = detectedEvent({ caseRef: marker }) as any;
    event.data.products[0].description = `coil ${LONE_HIGH}`;
    const next = detectedEvent({ caseRef: uniqueRef("SURK-NEXT") });
    const producer = await createProducer(
      connectKafka({ brokers: cfg.service.kafkaBrokers, sasl: cfg.service.kafkaSasl, clientId: "unstorable-text-test" }),
    );
    try {
      const topic = eventTopics(cfg.service.topicPrefix)[0] as string;
      // JSON.stringify writes the lone surrogate as the escape \ud800, as any JSON producer would.
      await producer.send([
        { topic, key: "US", value: JSON.stringify(event) },
        { topic, key: "US", value: JSON.stringify(next) },
      ]);
    } finally {
      await producer.disconnect();
    }
    const letter = await deadLetterWith(marker);
    expect(letter.reason).toContain("data.products.0.description");
    expect(letter.reason).toMatch(/surrogate/);
    const hq = await login("hq@teamkorea.dev");
    await eventually("the event behind it routed", async () => {
      const r = await call("GET", `/v1/workflows/${encodeURIComponent(`trade-restriction:US:${next.data.caseRef}`)}`, { token: hq });
      return r.status === 200;
    });
  });

  it("a decision sent to Temporal directly, past the API, is refused by the task's validator and the task goes on", async () => {
    const { workflowId, approval, head } = await openCase(uniqueRef("SURT"));
    const temporal = await connectTemporalClient({ address: cfg.service.temporalAddress, namespace: cfg.service.temporalNamespace });
    try {
      const handle = temporal.workflow.getHandle(workflowId);
      const sent = handle.executeUpdate("decide", {
        args: [{ approvalId: approval.id, decision: "approve", comment: `x${LONE_LOW}`, actor: { email: "head.us@teamkorea.dev", org: "EMB-US" } }],
      });
      await expect(sent).rejects.toMatchObject({ cause: { type: "Invalid", message: "the command holds text that cannot be stored" } });
    } finally {
      await temporal.connection.close();
    }
    const ok = await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "approve" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it("an activity fails for good, not for ever, on data the database refuses", async () => {
    // Input it could never store: refused before any query.
    const write = failPermanently("recordDecision", async (_: unknown) => "written");
    await expect(write({ comment: `x${LONE_LOW}` })).rejects.toMatchObject({ type: "UnwritableData", nonRetryable: true });
    // A real refusal by PostgreSQL (class 22, data exception) is permanent too…
    const refused = failPermanently("openTask", async () => db.run(sql`SELECT ${"not a number"}::int`));
    await expect(refused({ id: randomUUID() })).rejects.toMatchObject({ type: "UnwritableData", nonRetryable: true });
    // …while a failure that may pass (here: a missing table, standing in for any transient error) is retried as before.
    const transient = failPermanently("openTask", async () => db.run(sql`SELECT 1 FROM no_such_table`));
    await expect(transient({})).rejects.not.toMatchObject({ type: "UnwritableData" });
  });
});
