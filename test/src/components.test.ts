/**
 * Each real component, through the project's own code: Postgres via @hub/db, Kafka via the
 * hub's producer and consumer group, Temporal via a worker and a client.
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createDb, sql } from "@hub/db";
import { connectKafka, createProducer, ensureTopics, type IncomingMessage, runConsumer } from "@hub/kafka";
import { connectTemporalClient } from "@hub/temporal";
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import { describe, expect, it } from "vitest";
import { cfg, eventually } from "./support/hub";

describe("real components", () => {
  it("Postgres: a round trip through the hub's data access", async () => {
    const db = createDb(cfg.service.databaseUrl, { max: 1 });
    try {
      const code = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
      await db.run(
        sql`INSERT INTO organizations (code, kind, name_ko, name_en, country, network, time_zone) VALUES (${code}, 'AGENCY', '시험 기관', 'Test agency', 'US', 'TEST', 'America/New_York')`,
      );
      const row = await db.one<{ code: string; nameKo: string; country: string }>(
        sql`SELECT code, name_ko AS "nameKo", country FROM organizations WHERE code = ${code}`,
      );
      expect(row).toMatchObject({ code, nameKo: "시험 기관", country: "US" });
      await db.run(sql`DELETE FROM organizations WHERE code = ${code}`);
      expect(await db.one(sql`SELECT code FROM organizations WHERE code = ${code}`)).toBeNull();
      const { version } = (await db.one<{ version: string }>(sql`SELECT version()`)) ?? { version: "" };
      console.log(`[components] Postgres: ${version.split(" ").slice(0, 2).join(" ")}`);
      expect(version).toMatch(/^PostgreSQL 1[5-9]/);
    } finally {
      await db.close();
    }
  });

  it("Kafka: a produce and a consumer-group consume of the same message", async () => {
    const kafka = connectKafka({ brokers: cfg.service.kafkaBrokers, sasl: cfg.service.kafkaSasl, clientId: "component-test" });
    const topic = `${cfg.service.topicPrefix}component-test-${randomUUID()}`;
    await ensureTopics(kafka, [topic], 1);
    const received: IncomingMessage[] = [];
    const consumer = await runConsumer(kafka, {
      groupId: `component-test-${randomUUID()}`,
      topics: [topic],
      handle: async (m) => void received.push(m),
    });
    const producer = await createProducer(kafka);
    try {
      const value = JSON.stringify({ hello: "team korea", id: randomUUID() });
      await producer.send([{ topic, key: "KR", value, headers: { kind: "component-test" } }]);
      const m = await eventually("the message consumed", async () => received.find((r) => r.value === value), 30_000);
      expect(m.key).toBe("KR");
      expect(m.headers.kind).toBe("component-test");
      const admin = kafka.admin();
      await admin.connect();
      const { brokers } = await admin.describeCluster();
      await admin.disconnect();
      console.log(`[components] Kafka: ${brokers.length} broker(s) at ${brokers.map((b) => `${b.host}:${b.port}`).join(",")}`);
    } finally {
      await producer.disconnect();
      await consumer.stop();
    }
  });

  it("Temporal: a worker runs a workflow and its activity, started by a client", async () => {
    Runtime.install({ logger: new DefaultLogger("WARN") });
    const taskQueue = `component-test-${randomUUID()}`;
    const connection = await NativeConnection.connect({ address: cfg.service.temporalAddress });
    const worker = await Worker.create({
      connection,
      namespace: cfg.service.temporalNamespace,
      taskQueue,
      workflowsPath: fileURLToPath(new URL("./fixtures/ping-workflow.ts", import.meta.url)),
      activities: { greet: async ({ name }: { name: string }) => `hello ${name} from an activity` },
    });
    const client = await connectTemporalClient({ address: cfg.service.temporalAddress, namespace: cfg.service.temporalNamespace });
    try {
      const result = await worker.runUntil(
        client.workflow.execute("pingWorkflow", { taskQueue, workflowId: `ping-${randomUUID()}`, args: [{ name: "Seoul" }] }),
      );
      expect(result).toBe("workflow got: hello Seoul from an activity");
      const info = await client.workflowService.getSystemInfo({});
      console.log(`[components] Temporal: server ${info.serverVersion} at ${cfg.service.temporalAddress}`);
    } finally {
      await client.connection.close();
      await connection.close();
    }
  });
});
