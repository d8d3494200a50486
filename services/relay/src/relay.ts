/**
 * Outbox → Kafka. A trigger NOTIFYs when outbox rows commit, so the relay wakes at once; it
 * still looks every pollMs in case a notification was missed (a reconnect). Kafka being down
 * only delays delivery: rows stay until acknowledged.
 */
import { type Db, OUTBOX_CHANNEL, outboxBacklog, relayOutboxBatch } from "@hub/db";
import { createProducer, type HubProducer, type Kafka } from "@hub/kafka";
import { describe, type Log, sleep } from "@hub/runtime";

export interface RelayHandle {
  stop(): Promise<void>;
}

export function startRelay(opts: { db: Db; kafka: Kafka; log: Log; pollMs: number; batchSize?: number }): RelayHandle {
  const { db, kafka, log, pollMs } = opts;
  let stopped = false;
  let producer: HubProducer | null = null;
  let failingSince: number | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  // Set by a notification; the loop sleeps until one arrives or pollMs passes.
  let wake: (() => void) | null = null;
  let pending = false;
  const notified = () => {
    pending = true;
    wake?.();
  };
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pending) return resolve();
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = null;
    });

  const loop = (async () => {
    while (!stopped) {
      try {
        unlisten ??= await db.listen(OUTBOX_CHANNEL, notified);
        producer ??= await createProducer(kafka);
        pending = false;
        const sent = await relayOutboxBatch(db, opts.batchSize ?? 500, (rows) =>
          (producer as HubProducer).send(
            rows.map((r) => ({ topic: r.topic, key: r.key, value: JSON.stringify(r.payload), headers: { "outbox-id": r.id } })),
          ),
        );
        if (failingSince !== null) {
          log(`Kafka reachable again after ${Math.round((Date.now() - failingSince) / 1000)} s; delivering the backlog`);
          failingSince = null;
        }
        if (sent === 0) await idle(pollMs);
      } catch (err) {
        if (failingSince === null) {
          failingSince = Date.now();
          const waiting = await outboxBacklog(db).catch(() => "some");
          log(`cannot publish (${describe(err)}); ${waiting} event(s) wait in the outbox, retrying`);
        }
        await producer?.disconnect().catch(() => undefined);
        producer = null;
        await unlisten?.().catch(() => undefined);
        unlisten = null;
        await sleep(Math.min(5000, Math.max(200, pollMs)));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await unlisten?.().catch(() => undefined);
      await producer?.disconnect().catch(() => undefined);
    },
  };
}
