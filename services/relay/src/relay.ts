/**
 * Outbox → Kafka. Looks for unpublished rows every pollMs, and at once after a full batch (a
 * backlog drains back to back). Polling, not LISTEN/NOTIFY: measured, a NOTIFY on every
 * accepted event serialises commits behind PostgreSQL's notification lock and cost a quarter
 * of the ingest rate, while a poll of the partial index every 25 ms costs next to nothing.
 * Kafka being down only delays delivery: rows stay until acknowledged. A row Kafka refuses for
 * a reason of its own is parked with that reason (GET /v1/outbox/parked) and the rest go on.
 *
 * Messages go out in CloudEvents' structured mode (the whole event as the JSON value, with
 * content-type application/cloudevents+json): a message is then complete on its own, so the
 * dead-letter topic, a replay and any tool reading the topic see every attribute without its
 * headers. The router also takes binary mode, from publishers that use it.
 */
import { CE_JSON } from "@hub/contracts";
import { type Db, outboxBacklog, relayOutboxBatch } from "@hub/db";
import { createProducer, type HubProducer, type Kafka } from "@hub/kafka";
import { classifyFailure, describe, type Log, sleep } from "@hub/runtime";

export interface RelayHandle {
  stop(): Promise<void>;
}

export function startRelay(opts: { db: Db; kafka: Kafka; log: Log; pollMs: number; batchSize?: number }): RelayHandle {
  const { db, kafka, log, pollMs } = opts;
  const batchSize = opts.batchSize ?? 500;
  let stopped = false;
  let producer: HubProducer | null = null;
  let failingSince: number | null = null;

  const loop = (async () => {
    while (!stopped) {
      try {
        producer ??= await createProducer(kafka);
        const round = await relayOutboxBatch(
          db,
          batchSize,
          (rows) =>
            (producer as HubProducer).send(
              rows.map((r) => ({
                topic: r.topic,
                key: r.key,
                value: JSON.stringify(r.payload),
                headers: { "content-type": CE_JSON, "outbox-id": r.id },
              })),
            ),
          classifyFailure,
        );
        for (const p of round.parked) log(`parked outbox row ${p.id}: ${p.reason} (admins: GET /v1/outbox/parked)`);
        if (round.fault) throw round.fault;
        const sent = round.published + round.parked.length;
        if (failingSince !== null) {
          log(`Kafka reachable again after ${Math.round((Date.now() - failingSince) / 1000)} s; delivering the backlog`);
          failingSince = null;
        }
        // A full batch means a backlog: go again at once. Otherwise let rows gather for pollMs,
        // so a steady stream goes out in batches rather than one transaction per event.
        if (sent < batchSize) await sleep(pollMs);
      } catch (err) {
        if (failingSince === null) {
          failingSince = Date.now();
          const waiting = await outboxBacklog(db).catch(() => "some");
          log(`cannot publish (${describe(err)}); ${waiting} event(s) wait in the outbox, retrying`);
        }
        await producer?.disconnect().catch(() => undefined);
        producer = null;
        await sleep(Math.min(5000, Math.max(200, pollMs * 10)));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      await producer?.disconnect().catch(() => undefined);
    },
  };
}
