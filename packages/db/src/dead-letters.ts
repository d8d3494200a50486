import type { Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

export interface DeadLetterInput {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  payload: string;
  reason: string;
}

/** Idempotent by (topic, partition, offset): a redelivered poison message is parked once. */
export async function parkDeadLetter(db: Db, d: DeadLetterInput): Promise<void> {
  await db.deadLetter.createMany({ data: [d], skipDuplicates: true });
}

export async function listDeadLetters(db: Db, q: { limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, 2);
  const rows = await db.deadLetter.findMany({
    where: after
      ? { OR: [{ createdAt: { lt: new Date(after[0] as string) } }, { createdAt: new Date(after[0] as string), id: { lt: after[1] as string } }] }
      : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
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
      createdAt: d.createdAt.toISOString(),
      replayedAt: d.replayedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function findDeadLetter(db: Db, id: string) {
  return db.deadLetter.findUnique({ where: { id } });
}

/**
 * Puts a parked message back on its original topic through the outbox (so the replay is as
 * durable as any accepted event) and marks it replayed, in one transaction.
 */
export async function replayDeadLetter(db: Db, id: string): Promise<"replayed" | "not_json"> {
  return db.$transaction(async (tx) => {
    const d = await tx.deadLetter.findUniqueOrThrow({ where: { id } });
    let payload: unknown;
    try {
      payload = JSON.parse(d.payload);
    } catch {
      return "not_json";
    }
    await tx.outboxMessage.create({ data: { topic: d.topic, key: d.key, payload: payload as object } });
    await tx.deadLetter.update({ where: { id }, data: { replayedAt: new Date() } });
    return "replayed";
  });
}
