import { type Db, type Queryable, sql } from "./client";

export interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  payload: unknown;
}

/** The channel a trigger notifies when outbox rows commit, so the relay wakes at once instead of polling. */
export const OUTBOX_CHANNEL = "outbox";

/**
 * Publishes the oldest unpublished outbox rows. Rows are leased with FOR UPDATE SKIP LOCKED
 * (never "id > last seen": ids commit out of order) and marked published only after the
 * publish callback resolved, i.e. after Kafka acknowledged. A failure leaves them for the
 * next round and records the error. Returns how many rows were published.
 */
export async function relayOutboxBatch(db: Db, limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
  let leased: string[] = [];
  try {
    return await db.tx(async (tx) => {
      const rows = await tx.query<OutboxRow>(sql`
        SELECT id, topic, key, payload FROM outbox
        WHERE published_at IS NULL
        ORDER BY id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`);
      if (rows.length === 0) return 0;
      leased = rows.map((r) => r.id);
      await publish(rows);
      await tx.run(sql`
        UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = ANY(${leased}::bigint[])`);
      return rows.length;
    });
  } catch (err) {
    if (leased.length > 0) {
      const message = err instanceof Error ? err.message : String(err);
      await db.run(sql`
        UPDATE outbox SET attempts = attempts + 1, last_error = ${message.slice(0, 1000)}
        WHERE id = ANY(${leased}::bigint[]) AND published_at IS NULL`);
    }
    throw err;
  }
}

export async function outboxBacklog(db: Queryable): Promise<number> {
  const r = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
  return r?.n ?? 0;
}
