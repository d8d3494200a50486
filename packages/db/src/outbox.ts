import { toStructured } from "@hub/contracts";
import { type Db, empty, type Queryable, sql } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

export interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  payload: unknown;
}

type OutboxSqlRow = {
  id: string;
  attempts: number;
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
  if (r.payload === null && r.event_id === null) throw new Error("the row holds no message and points at no event of the log");
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

export interface RelayRound {
  published: number;
  /** Rows set aside this round, with their reasons. */
  parked: { id: string; reason: string }[];
  /** The transient fault that ended the round early (the broker is away): the caller backs off. */
  fault: unknown | null;
}

/** Rounds a row may fail alone, for a reason of no known kind, before it is parked. */
const UNKNOWN_FAILURES_BEFORE_PARKING = 5;

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

/**
 * Publishes the oldest unpublished outbox rows. Rows are leased with FOR UPDATE SKIP LOCKED
 * (never "id > last seen": ids commit out of order) and marked published only after the
 * publish callback resolved, i.e. after Kafka acknowledged.
 *
 * Failure isolation: a transient fault (`isTransient`: the broker down, a leader election)
 * leaves every row for the next round. Any other failure of the batch is narrowed down row by
 * row: what publishes is published, and a row that fails on its own for a reason no retry
 * cures (a message the broker refuses, an event that cannot be rebuilt) is parked with its
 * reason, so one bad row can never hold back the rows behind it.
 */
export async function relayOutboxBatch(
  db: Db,
  limit: number,
  publish: (rows: OutboxRow[]) => Promise<void>,
  classify: (err: unknown) => "transient" | "permanent" | "unknown",
): Promise<RelayRound> {
  const round: RelayRound = { published: 0, parked: [], fault: null };
  // The common case is nothing to send: one cheap look at the partial index, no transaction.
  if (!(await db.one(sql`SELECT 1 FROM outbox WHERE published_at IS NULL AND parked_at IS NULL LIMIT 1`))) return round;
  let leased: string[] = [];
  try {
    await db.tx(async (tx) => {
      const raw = await tx.query<OutboxSqlRow>(sql`
        SELECT o.id, o.topic, o.key, o.payload, o.attempts, e.source, e.event_id, e.type, e.subject, e.time, e.dataschema, e.extensions, e.data
        FROM outbox o LEFT JOIN events e ON e.seq = o.event_seq
        WHERE o.published_at IS NULL AND o.parked_at IS NULL
        ORDER BY o.id
        LIMIT ${limit}
        FOR UPDATE OF o SKIP LOCKED`);
      leased = raw.map((r) => r.id);
      const attempts = new Map(raw.map((r) => [r.id, r.attempts]));
      const rows: OutboxRow[] = [];
      for (const r of raw) {
        try {
          rows.push(toOutboxRow(r));
        } catch (err) {
          round.parked.push({ id: r.id, reason: `cannot build the message: ${reasonOf(err)}` });
        }
      }
      const done: string[] = [];
      try {
        if (rows.length > 0) await publish(rows);
        done.push(...rows.map((r) => r.id));
      } catch (err) {
        if (classify(err) === "transient") throw err;
        for (const row of rows) {
          try {
            await publish([row]);
            done.push(row.id);
          } catch (one) {
            // Parked at once when the broker says no retry helps; after a few rounds when the
            // failure is of no known kind but this row keeps failing on its own.
            const kind = classify(one);
            if (kind === "permanent" || (kind === "unknown" && (attempts.get(row.id) ?? 0) + 1 >= UNKNOWN_FAILURES_BEFORE_PARKING)) {
              round.parked.push({ id: row.id, reason: `Kafka refused the message: ${reasonOf(one)}` });
              continue;
            }
            round.fault = one;
            await tx.run(sql`UPDATE outbox SET attempts = attempts + 1, last_error = ${reasonOf(one)} WHERE id = ${row.id}::bigint`);
            break;
          }
        }
      }
      if (done.length > 0) {
        await tx.run(sql`
          UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = ANY(${done}::bigint[])`);
      }
      for (const p of round.parked) {
        await tx.run(sql`UPDATE outbox SET parked_at = now(), attempts = attempts + 1, last_error = ${p.reason} WHERE id = ${p.id}::bigint`);
      }
      round.published = done.length;
    });
    return round;
  } catch (err) {
    if (leased.length > 0) {
      await db
        .run(sql`
          UPDATE outbox SET attempts = attempts + 1, last_error = ${reasonOf(err)}
          WHERE id = ANY(${leased}::bigint[]) AND published_at IS NULL`)
        .catch(() => undefined);
    }
    throw err;
  }
}

/** Rows waiting to be published (parked ones are not waiting). */
export async function outboxBacklog(db: Queryable): Promise<number> {
  const r = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND parked_at IS NULL`);
  return r?.n ?? 0;
}

export interface ParkedOutboxItem {
  id: string;
  topic: string;
  key: string | null;
  /** The accepted event the row publishes, when it is one of the log's (`source/id`). */
  event: string | null;
  reason: string;
  attempts: number;
  createdAt: string;
  parkedAt: string;
}

type ParkedSqlRow = {
  id: string;
  topic: string;
  key: string | null;
  event: string | null;
  reason: string | null;
  attempts: number;
  created_at: Date;
  parked_at: Date;
};

/** Parked rows, newest first, for admins. */
export async function listParkedOutbox(db: Db, q: { limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, ["timestamp", "seq"]);
  const rows = await db.query<ParkedSqlRow>(sql`
    SELECT o.id::text AS id, o.topic, o.key, CASE WHEN e.seq IS NULL THEN NULL ELSE e.source || '/' || e.event_id END AS event,
           o.last_error AS reason, o.attempts, o.created_at, o.parked_at
    FROM outbox o LEFT JOIN events e ON e.seq = o.event_seq
    WHERE o.parked_at IS NOT NULL
    ${after ? sql`AND (o.parked_at, o.id) < (${new Date(after[0] as string)}, ${after[1]}::bigint)` : empty}
    ORDER BY o.parked_at DESC, o.id DESC
    LIMIT ${q.limit + 1}`);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(
      (r): ParkedOutboxItem => ({
        id: r.id,
        topic: r.topic,
        key: r.key,
        event: r.event,
        reason: r.reason ?? "",
        attempts: r.attempts,
        createdAt: r.created_at.toISOString(),
        parkedAt: r.parked_at.toISOString(),
      }),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.parked_at.toISOString(), last.id]) : null,
  };
}

/**
 * Puts a parked row back in the queue for another try (after the cause was fixed: a topic
 * created, a broker limit raised). "not-found" when there is no such row, "not-parked" when it
 * is not parked (waiting or already published).
 */
export async function releaseParkedOutbox(db: Queryable, id: string): Promise<"released" | "not-found" | "not-parked"> {
  const n = await db.run(sql`UPDATE outbox SET parked_at = NULL, last_error = NULL WHERE id = ${id}::bigint AND parked_at IS NOT NULL`);
  if (n > 0) return "released";
  return (await db.one(sql`SELECT 1 FROM outbox WHERE id = ${id}::bigint`)) ? "not-parked" : "not-found";
}
