import { type ExtensionValue, type Principal, type TypedEvent, topicFor } from "@hub/contracts";
import { type Db, join, jsonb, type Queryable, raw, type Sql, sql } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { visibleEventScopes } from "./visibility";

export type AcceptResult = "accepted" | "duplicate";

/** CloudEvents attributes the spec makes optional, and extensions, kept beside the core ones. */
const OPTIONAL_COLUMNS = raw("time_defaulted, dataschema, extensions");
const optionalValues = (e: TypedEvent) =>
  sql`${e.timeDefaulted === true}, ${e.dataschema ?? null}, ${e.extensions ? jsonb(e.extensions) : null}::jsonb`;

/**
 * Stores an event and its outbox row in one statement — atomic, one round trip — so an
 * accepted event is never lost and never half-stored. The same (source, id) again is a
 * duplicate and changes nothing. The outbox row points at the event; the relay rebuilds the
 * CloudEvent from the log. Each event names its task (`taskOfEvent`), whose visibility it shares.
 */
export async function acceptEvent(
  db: Queryable,
  event: TypedEvent,
  opts: { submittedBy: string; topicPrefix: string; workflowId: string },
): Promise<AcceptResult> {
  const row = await db.one<{ seq: string }>(sql`
    WITH e AS (
      INSERT INTO events (source, event_id, type, subject, time, country, data, submitted_by, workflow_id, ${OPTIONAL_COLUMNS})
      VALUES (${event.source}, ${event.id}, ${event.type}, ${event.subject ?? null}, ${event.time}::timestamptz,
              ${event.data.country}, ${jsonb(event.data)}::jsonb, ${opts.submittedBy}, ${opts.workflowId},
              ${optionalValues(event)})
      ON CONFLICT (source, event_id) DO NOTHING
      RETURNING seq)
    INSERT INTO outbox (topic, key, event_seq)
    SELECT ${topicFor(event.type, opts.topicPrefix)}, ${event.data.country}, seq FROM e
    RETURNING id AS seq`);
  return row ? "accepted" : "duplicate";
}

/**
 * The first event of a type already recorded for a task (the one that opened it): who published
 * it and whether its data is exactly `data` (as JSON, key order aside). Null when there is none.
 */
export async function recordedStartEvent(
  db: Queryable,
  workflowId: string,
  type: string,
  data: unknown,
): Promise<{ source: string; same: boolean } | null> {
  return db.one<{ source: string; same: boolean }>(sql`
    SELECT source, data = ${jsonb(data)}::jsonb AS same FROM events
    WHERE workflow_id = ${workflowId} AND type = ${type} ORDER BY seq LIMIT 1`);
}

/**
 * Events published straight to Kafka enter the log when the router first sees them, under the
 * task `workflowId` names. Returns the task the logged event is for: the one it was accepted for
 * when it came through the API (or an earlier delivery), so a task's id is settled once.
 */
export async function recordConsumedEvent(db: Queryable, event: TypedEvent, workflowId: string): Promise<string> {
  const row = await db.one<{ workflow_id: string }>(sql`
    WITH ins AS (
      INSERT INTO events (source, event_id, type, subject, time, country, data, workflow_id, ${OPTIONAL_COLUMNS})
      VALUES (${event.source}, ${event.id}, ${event.type}, ${event.subject ?? null}, ${event.time}::timestamptz,
              ${event.data.country}, ${jsonb(event.data)}::jsonb, ${workflowId}, ${optionalValues(event)})
      ON CONFLICT (source, event_id) DO NOTHING
      RETURNING workflow_id)
    SELECT workflow_id FROM ins
    UNION ALL SELECT workflow_id FROM events WHERE source = ${event.source} AND event_id = ${event.id}
    LIMIT 1`);
  return row?.workflow_id ?? workflowId;
}

/** The task a logged event is for; null when the event is not in the log (yet). */
export async function loggedEventTask(db: Queryable, source: string, eventId: string): Promise<string | null> {
  const e = await db.one<{ workflow_id: string }>(sql`SELECT workflow_id FROM events WHERE source = ${source} AND event_id = ${eventId}`);
  return e?.workflow_id ?? null;
}

export async function eventSubmitter(db: Queryable, source: string, eventId: string): Promise<string | null> {
  const e = await db.one<{ submitted_by: string | null }>(sql`SELECT submitted_by FROM events WHERE source = ${source} AND event_id = ${eventId}`);
  return e?.submitted_by ?? null;
}

type EventRow = {
  seq: string;
  source: string;
  event_id: string;
  type: string;
  subject: string | null;
  time: Date;
  country: string | null;
  data: unknown;
  received_at: Date;
  time_defaulted: boolean;
  dataschema: string | null;
  extensions: Record<string, ExtensionValue> | null;
};

export async function listEvents(db: Db, p: Principal, q: { type?: string; country?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, ["seq"]);
  const limit = q.limit + 1;
  const filters = [
    q.type ? sql`e.type = ${q.type}` : null,
    q.country ? sql`e.country = ${q.country}` : null,
    after ? sql`e.seq < ${after[0]}::bigint` : null,
  ];
  const where = (scope: Sql) => join([scope, ...filters.filter((f) => f !== null)], " AND ");
  const scopes = visibleEventScopes(p);
  // One keyset page per scope, merged: each at most `limit` rows from one index.
  const seen = scopes
    ? sql`e.seq IN (${join(
        scopes.map((s) => sql`(SELECT e.seq FROM events e WHERE ${where(s)} ORDER BY e.seq DESC LIMIT ${limit})`),
        " UNION ",
      )})`
    : where(sql`TRUE`);
  const rows = await db.query<EventRow>(sql`
    SELECT e.seq, e.source, e.event_id, e.type, e.subject, e.time, e.country, e.data, e.received_at, e.time_defaulted, e.dataschema, e.extensions
    FROM events e
    WHERE ${seen}
    ORDER BY e.seq DESC
    LIMIT ${limit}`);
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
      timeDefaulted: r.time_defaulted,
      dataschema: r.dataschema,
      extensions: r.extensions ?? {},
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.seq]) : null,
  };
}
