import { toStructured } from "@hub/contracts";
import { type Db, type Queryable, sql } from "./client";

export interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  payload: unknown;
}

type OutboxSqlRow = {
  id: string;
  topic: string;
  key: string | null;
  payload: unknown;
  source: string | null;
  event_id: string | null;
  type: string | null;
  subject: string | null;
  time: Date | null;
  dataschema: string | null;
  extensions: Record<string, unknown> | null;
  data: unknown;
};

/** The message a row publishes: its payload, or the CloudEvent rebuilt from the event it points at. */
function toOutboxRow(r: OutboxSqlRow): OutboxRow {
  const payload =
    r.payload ??
    toStructured({
      id: r.event_id as string,
      source: r.source as string,
      type: r.type as string,
      subject: r.subject,
      time: (r.time as Date).toISOString(),
      dataschema: r.dataschema,
      extensions: r.extensions,
      data: r.data,
    });
  return { id: r.id, topic: r.topic, key: r.key, payload };
}

/**
 * Publishes the oldest unpublished outbox rows. Rows are leased with FOR UPDATE SKIP LOCKED
 * (never "id > last seen": ids commit out of order) and marked published only after the
 * publish callback resolved, i.e. after Kafka acknowledged. A failure leaves them for the
 * next round and records the error. Returns how many rows were published.
 */
export async function relayOutboxBatch(db: Db, limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
  // The common case is nothing to send: one cheap look at the partial index, no transaction.
  if (!(await db.one(sql`SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 1`))) return 0;
  let leased: string[] = [];
  try {
    return await db.tx(async (tx) => {
      const rows = (
        await tx.query<OutboxSqlRow>(sql`
          SELECT o.id, o.topic, o.key, o.payload, e.source, e.event_id, e.type, e.subject, e.time, e.dataschema, e.extensions, e.data
          FROM outbox o LEFT JOIN events e ON e.seq = o.event_seq
          WHERE o.published_at IS NULL
          ORDER BY o.id
          LIMIT ${limit}
          FOR UPDATE OF o SKIP LOCKED`)
      ).map(toOutboxRow);
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
