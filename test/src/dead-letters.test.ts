/** Events that cannot be routed are parked with their reason, listed for operators, and replayable. */
import { deadLetterTopic, eventTopics } from "@hub/contracts";
import { createDb, sql } from "@hub/db";
import { connectKafka, createProducer } from "@hub/kafka";
import { describe, expect, it } from "vitest";
import { call, cfg, detectedEvent, eventually, login, uniqueRef } from "./support/hub";

describe("dead letters", () => {
  it("parks poison messages from Kafka and unroutable events with a reason, without stalling the partition", async () => {
    const topic = eventTopics(cfg.service.topicPrefix)[0] as string;
    const kafka = connectKafka({ brokers: cfg.service.kafkaBrokers, sasl: cfg.service.kafkaSasl, clientId: "dead-letter-test" });
    const producer = await createProducer(kafka);
    const marker = uniqueRef("POISON");
    const invalid = detectedEvent({ caseRef: uniqueRef("INV") }) as any;
    invalid.data.products = [];
    invalid.id = `${marker}-invalid`;
    const good = detectedEvent({ caseRef: uniqueRef("AFTER") });
    try {
      await producer.send([
        { topic, key: "US", value: `not json ${marker}` },
        { topic, key: "US", value: JSON.stringify(invalid) },
        // A valid event behind the poison ones must still be routed.
        { topic, key: "US", value: JSON.stringify(good) },
      ]);
    } finally {
      await producer.disconnect();
    }

    // An event for a country with no mission: accepted (MOTIE acts for no one country), then parked.
    const motie = await login("motie@teamkorea.dev");
    const orphan = detectedEvent({ caseRef: uniqueRef("FR"), source: "MOTIE", country: "FR" });
    expect((await call("POST", "/v1/events", { token: motie, body: orphan })).status).toBe(202);

    const admin = await login("admin@teamkorea.dev");
    const find = async (needle: string) => {
      const r = await call("GET", "/v1/dead-letters?limit=200", { token: admin });
      return r.body.items.find((d: { payload: string }) => d.payload.includes(needle));
    };
    const notJson = await eventually("the non-JSON message parked", () => find(`not json ${marker}`));
    expect(notJson.reason).toBe("the message is not JSON");
    expect(notJson.topic).toBe(topic);
    const invalidLetter = await eventually("the invalid event parked", () => find(`${marker}-invalid`));
    expect(invalidLetter.reason).toContain("data.products");
    const orphanLetter = await eventually("the unroutable event parked", () => find(orphan.id));
    expect(orphanLetter.reason).toContain("no mission leads Team Korea in FR");

    const hq = await login("hq@teamkorea.dev");
    await eventually("the good event routed", async () => {
      const r = await call("GET", `/v1/workflows/${encodeURIComponent(`trade-restriction:US:${good.data.caseRef}`)}`, { token: hq });
      return r.status === 200;
    });

    // HQ may read; only an admin may replay, once; a non-JSON message cannot be replayed.
    expect((await call("GET", "/v1/dead-letters", { token: hq })).status).toBe(200);
    expect((await call("POST", `/v1/dead-letters/${orphanLetter.id}/replay`, { token: hq })).status).toBe(403);
    expect((await call("POST", `/v1/dead-letters/${orphanLetter.id}/replay`, { token: admin })).status).toBe(202);
    expect((await call("POST", `/v1/dead-letters/${orphanLetter.id}/replay`, { token: admin })).status).toBe(409);
    expect((await call("POST", `/v1/dead-letters/${notJson.id}/replay`, { token: admin })).status).toBe(400);
    expect(deadLetterTopic(cfg.service.topicPrefix)).toBe("test.teamkorea.dead-letters");
  });

  it("publishes a dead letter once when two replays of it race: the other answers 409", async () => {
    const motie = await login("motie@teamkorea.dev");
    const admin = await login("admin@teamkorea.dev");
    const orphan = detectedEvent({ caseRef: uniqueRef("RACE"), source: "MOTIE", country: "FR" });
    expect((await call("POST", "/v1/events", { token: motie, body: orphan })).status).toBe(202);
    const letter = await eventually("the unroutable event parked", async () => {
      const r = await call("GET", "/v1/dead-letters?limit=200", { token: admin });
      return r.body.items.find((d: { payload: string; replayedAt: string | null }) => d.payload.includes(orphan.id) && !d.replayedAt);
    });
    const replay = () => call("POST", `/v1/dead-letters/${letter.id}/replay`, { token: admin });
    const answers = await Promise.all([replay(), replay(), replay()]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409]);
    expect(answers.find((a) => a.status === 409)?.body.message).toMatch(/^Already replayed/);
    // One outbox row carries the replayed message (rows that are not events of the log hold a payload).
    const db = createDb(cfg.service.databaseUrl, { max: 1 });
    try {
      const rows = await db.query(sql`SELECT id FROM outbox WHERE payload->>'id' = ${orphan.id}`);
      expect(rows).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
