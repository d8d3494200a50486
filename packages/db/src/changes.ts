/**
 * The live stream's feed: the `changes` table, one row per change to the read model, written by
 * the transaction that makes the change (task-writes.ts), and read back by GET /v1/stream.
 *
 * Order and completeness: a `seq` is taken when the row is inserted, not when its transaction
 * commits, so "seq > last seen" could pass over a row that commits just after a higher one. Rows
 * are read in (xid, seq) order and only below the oldest transaction still running (the
 * snapshot's xmin): those transactions have all ended, so nothing older can appear later. That
 * costs writers nothing (no lock, no NOTIFY, which serialises commits: −25% ingest when tried for
 * the relay) and costs the reader one index range scan on (xid, seq).
 *
 * Visibility is the lists' own SQL (visibility.ts, task-reads.ts), so a client learns only ids
 * of things it could list, and refetches them through the normal routes.
 */
import type { Principal } from "@hub/contracts";
import { type Queryable, type Sql, sql } from "./client";
import { visibleApprovalsSql, visibleAssignmentsSql } from "./task-reads";
import { visibleTasksSql } from "./visibility";

export type ChangeKind = "approval" | "assignment" | "task";
/** What a write changed: an approval or an assignment by id, or the task itself. */
export type ChangeInput = { kind: "approval" | "assignment"; id: string } | { kind: "task" };

/** Where the feed has been read to: the (xid, seq) of the last row, as decimal strings (bigint). */
export interface FeedPosition {
  xid: string;
  seq: string;
}
export const FEED_START: FeedPosition = { xid: "0", seq: "0" };

export interface Change {
  seq: string;
  xid: string;
  workflowId: string;
  kind: ChangeKind;
  /** The approval's or assignment's id; the workflow id for a change to the task. */
  id: string;
}

/** How far back a client may resume: older rows are pruned, and a longer gap means "reload". */
export const REPLAY_WINDOW_MS = 24 * 3600_000;
export const REPLAY_LIMIT = 1_000;

/** Records a write's changes, in the caller's transaction. A change to the task is always recorded with its parts. */
export async function recordChanges(q: Queryable, workflowId: string, changes: ChangeInput[]): Promise<void> {
  const all = [...changes.filter((c) => c.kind !== "task"), { kind: "task" as const }];
  await q.run(sql`
    INSERT INTO changes (workflow_id, kind, entity_id)
    SELECT ${workflowId}, c.kind, c.id FROM unnest(${all.map((c) => c.kind)}::text[], ${all.map((c) => ("id" in c ? c.id : null))}::uuid[]) AS c(kind, id)`);
}

const COLUMNS = sql`c.seq::text AS seq, c.xid::text AS xid, c.workflow_id AS "workflowId", c.kind, coalesce(c.entity_id::text, c.workflow_id) AS id`;
/** Only rows of transactions that have all ended (see above). */
const SETTLED = sql`c.xid < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;
const after = (p: FeedPosition) => sql`(c.xid, c.seq) > (${p.xid}::bigint, ${p.seq}::bigint)`;
const upTo = (p: FeedPosition) => sql`(c.xid, c.seq) <= (${p.xid}::bigint, ${p.seq}::bigint)`;

/** The newest settled position: where a reader starting now begins. */
export async function feedHead(db: Queryable): Promise<FeedPosition> {
  const row = await db.one<FeedPosition>(
    sql`SELECT c.xid::text AS xid, c.seq::text AS seq FROM changes c WHERE ${SETTLED} ORDER BY c.xid DESC, c.seq DESC LIMIT 1`,
  );
  return row ?? FEED_START;
}

/** Settled changes after a position, oldest first, for every reader (the poller filters per caller). */
export async function changesAfter(db: Queryable, from: FeedPosition, limit: number): Promise<Change[]> {
  return db.query<Change>(sql`SELECT ${COLUMNS} FROM changes c WHERE ${after(from)} AND ${SETTLED} ORDER BY c.xid, c.seq LIMIT ${limit}`);
}

/** The position of a seq a client saw (Last-Event-ID), or null when it is unknown or pruned. 0 is the start. */
export async function feedPositionOf(db: Queryable, seq: string): Promise<FeedPosition | null> {
  if (seq === "0") return FEED_START;
  return db.one<FeedPosition>(sql`SELECT c.xid::text AS xid, c.seq::text AS seq FROM changes c WHERE c.seq = ${seq}::bigint`);
}

export interface StreamScope {
  principal: Principal;
  /** Whether the caller may use the approvals list at all (the API's access rule). */
  approvals: boolean;
}

/** The changes a caller may see, as a predicate on changes (alias c): the lists' rules, each through its own index. */
function visibleChangesSql({ principal: p, approvals }: StreamScope): Sql {
  const approvalPart = approvals
    ? sql`OR (c.kind = 'approval' AND EXISTS (SELECT 1 FROM approvals a WHERE a.id = c.entity_id AND ${visibleApprovalsSql(p)}))`
    : sql``;
  return sql`(
    (c.kind = 'task' AND EXISTS (SELECT 1 FROM joint_tasks t WHERE t.id = c.workflow_id AND ${visibleTasksSql(p)}))
    OR (c.kind = 'assignment' AND EXISTS (SELECT 1 FROM assignments s WHERE s.id = c.entity_id AND ${visibleAssignmentsSql(p)}))
    ${approvalPart})`;
}

/** Which of these changes (by seq) the caller may see. */
export async function visibleSeqs(db: Queryable, scope: StreamScope, seqs: string[]): Promise<Set<string>> {
  if (seqs.length === 0) return new Set();
  const rows = await db.query<{ seq: string }>(
    sql`SELECT c.seq::text AS seq FROM changes c WHERE c.seq = ANY(${seqs}::bigint[]) AND ${visibleChangesSql(scope)}`,
  );
  return new Set(rows.map((r) => r.seq));
}

/**
 * What a caller missed between two positions, oldest first, or null when it is more than
 * REPLAY_LIMIT changes (the client is then told to reload instead).
 */
export async function missedChanges(db: Queryable, scope: StreamScope, from: FeedPosition, to: FeedPosition): Promise<Change[] | null> {
  const rows = await db.query<Change>(sql`
    SELECT ${COLUMNS} FROM changes c
    WHERE ${after(from)} AND ${upTo(to)} AND ${visibleChangesSql(scope)}
    ORDER BY c.xid, c.seq LIMIT ${REPLAY_LIMIT + 1}`);
  return rows.length > REPLAY_LIMIT ? null : rows;
}

/** Drops changes older than the replay window; any process may run it, any number of times. */
export async function pruneChanges(db: Queryable, now = Date.now()): Promise<number> {
  return db.run(sql`DELETE FROM changes WHERE at < ${new Date(now - REPLAY_WINDOW_MS)}`);
}

/** Compares two positions in feed order. */
export function comparePositions(a: FeedPosition, b: FeedPosition): number {
  const [ax, bx, as, bs] = [BigInt(a.xid), BigInt(b.xid), BigInt(a.seq), BigInt(b.seq)];
  if (ax !== bx) return ax < bx ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}
