import { type Db, empty, jsonb, type Queryable, sql } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

export interface DeadLetterInput {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  payload: string;
  reason: string;
}

type DeadLetterRow = {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  payload: string;
  reason: string;
  created_at: Date;
  replayed_at: Date | null;
};

/** Idempotent by (topic, partition, offset): a redelivered poison message is parked once. */
export async function parkDeadLetter(db: Queryable, d: DeadLetterInput): Promise<void> {
  await db.run(sql`
    INSERT INTO dead_letters (id, topic, partition, "offset", key, payload, reason)
    VALUES (gen_random_uuid(), ${d.topic}, ${d.partition}, ${d.offset}, ${d.key}, ${d.payload}, ${d.reason})
    ON CONFLICT (topic, partition, "offset") DO NOTHING`);
}

export async function listDeadLetters(db: Db, q: { limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, ["timestamp", "uuid"]);
  const at = after ? new Date(after[0] as string) : null;
  const rows = await db.query<DeadLetterRow>(sql`
    SELECT id, topic, partition, "offset", key, payload, reason, created_at, replayed_at FROM dead_letters
    ${after ? sql`WHERE (created_at, id) < (${at}, ${after[1]}::uuid)` : empty}
    ORDER BY created_at DESC, id DESC
    LIMIT ${q.limit + 1}`);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((d) => ({
      id: d.id,
      topic: d.topic,
      partition: d.partition,
      offset: d.offset,
      key: d.key,
      payload: d.payload,
      reason: d.reason,
      createdAt: d.created_at.toISOString(),
      replayedAt: d.replayed_at?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

export async function findDeadLetter(db: Queryable, id: string) {
  const d = await db.one<DeadLetterRow>(sql`SELECT * FROM dead_letters WHERE id = ${id}::uuid`);
  return d ? { id: d.id, topic: d.topic, key: d.key, payload: d.payload, replayedAt: d.replayed_at } : null;
}

/**
 * Puts a parked message back on its original topic through the outbox (so the replay is as
 * durable as any accepted event) and marks it replayed, in one statement: only the replay that
 * flips `replayed_at` writes the outbox row. A concurrent replay of the same letter waits on the
 * row lock, then finds it replayed and writes nothing ("already_replayed").
 */
export async function replayDeadLetter(db: Queryable, id: string): Promise<"replayed" | "already_replayed" | "not_json"> {
  const d = await findDeadLetter(db, id);
  if (!d) throw new Error(`no dead letter ${id}`);
  let payload: unknown;
  try {
    payload = JSON.parse(d.payload);
  } catch {
    return "not_json";
  }
  const row = await db.one(sql`
    WITH d AS (
      UPDATE dead_letters SET replayed_at = now() WHERE id = ${id}::uuid AND replayed_at IS NULL
      RETURNING topic, key)
    INSERT INTO outbox (topic, key, payload)
    SELECT topic, key, ${jsonb(payload)}::jsonb FROM d
    RETURNING id`);
  return row ? "replayed" : "already_replayed";
}
