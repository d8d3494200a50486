import type { Db } from "./client";

export interface OutboxRow {
  id: bigint;
  topic: string;
  key: string | null;
  payload: unknown;
}

/**
 * Publishes the oldest unpublished outbox rows. Rows are leased with FOR UPDATE SKIP LOCKED
 * (never "id > last seen": ids commit out of order) and marked published only after the
 * publish callback resolved, i.e. after Kafka acknowledged. A failure leaves them for the
 * next round and records the error. Returns how many rows were published.
 */
export async function relayOutboxBatch(db: Db, limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
  let leased: bigint[] = [];
  try {
    return await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, topic, key, payload FROM outbox
          WHERE published_at IS NULL
          ORDER BY id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        leased = rows.map((r) => r.id);
        await publish(rows);
        await tx.$executeRaw`
          UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = ANY(${leased}::bigint[])`;
        return rows.length;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (leased.length > 0) {
      const message = err instanceof Error ? err.message : String(err);
      await db.$executeRaw`
        UPDATE outbox SET attempts = attempts + 1, last_error = ${message.slice(0, 1000)}
        WHERE id = ANY(${leased}::bigint[]) AND published_at IS NULL`;
    }
    throw err;
  }
}

export async function outboxBacklog(db: Db): Promise<number> {
  return db.outboxMessage.count({ where: { publishedAt: null } });
}
