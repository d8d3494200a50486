import { type Principal, type TypedEvent, topicFor } from "@hub/contracts";
import type { Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { Prisma } from "./generated/prisma/client";
import { visibleEventsSql } from "./visibility";

export type AcceptResult = "accepted" | "duplicate";

function eventRow(event: TypedEvent, submittedBy: string | null) {
  return {
    source: event.source,
    eventId: event.id,
    type: event.type,
    subject: event.subject ?? null,
    time: new Date(event.time),
    country: event.data.country,
    data: event.data as Prisma.InputJsonValue,
    submittedBy,
  };
}

/**
 * Stores an event and its outbox row in one transaction, so an accepted event is never lost
 * and never half-stored. The same (source, id) again is a duplicate and changes nothing.
 */
export async function acceptEvent(db: Db, event: TypedEvent, opts: { submittedBy: string; topicPrefix: string }): Promise<AcceptResult> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.event.createMany({ data: [eventRow(event, opts.submittedBy)], skipDuplicates: true });
    if (count === 0) return "duplicate";
    await tx.outboxMessage.create({
      data: { topic: topicFor(event.type, opts.topicPrefix), key: event.data.country, payload: event as Prisma.InputJsonValue },
    });
    return "accepted";
  });
}

/** Events published straight to Kafka enter the log when the router first sees them. */
export async function recordConsumedEvent(db: Db, event: TypedEvent): Promise<void> {
  await db.event.createMany({ data: [eventRow(event, null)], skipDuplicates: true });
}

export async function eventSubmitter(db: Db, source: string, eventId: string): Promise<string | null> {
  const e = await db.event.findUnique({ where: { source_eventId: { source, eventId } }, select: { submittedBy: true } });
  return e?.submittedBy ?? null;
}

type EventRow = {
  seq: bigint;
  source: string;
  event_id: string;
  type: string;
  subject: string | null;
  time: Date;
  country: string | null;
  data: unknown;
  received_at: Date;
};

export async function listEvents(db: Db, p: Principal, q: { type?: string; country?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, 1);
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT e.seq, e.source, e.event_id, e.type, e.subject, e.time, e.country, e.data, e.received_at
    FROM events e
    WHERE ${visibleEventsSql(p)}
      ${q.type ? Prisma.sql`AND e.type = ${q.type}` : Prisma.empty}
      ${q.country ? Prisma.sql`AND e.country = ${q.country}` : Prisma.empty}
      ${after ? Prisma.sql`AND e.seq < ${BigInt(after[0] as string)}` : Prisma.empty}
    ORDER BY e.seq DESC
    LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.event_id,
      source: r.source,
      type: r.type,
      subject: r.subject,
      time: r.time.toISOString(),
      country: r.country?.trim() ?? null,
      data: r.data,
      receivedAt: r.received_at.toISOString(),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.seq]) : null,
  };
}
