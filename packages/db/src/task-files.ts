/**
 * The rows of files attached to tasks (the bytes are in the object store). A row is reserved as
 * 'uploading' before its bytes are sent, so the per-task limit counts uploads in flight too, and
 * becomes 'stored' once the store has all of them; only stored rows are listed and served.
 */
import type { FileTarget } from "@hub/contracts";
import type { Db, Queryable } from "./client";
import { sql } from "./client";

export interface TaskFileRow {
  id: string;
  workflowId: string;
  targetKind: "plan" | "report";
  planRound: number | null;
  assignmentId: string | null;
  name: string;
  contentType: string;
  sizeBytes: string;
  sha256: string;
  objectKey: string;
  uploadedByEmail: string;
  uploadedByOrg: string;
  storedAt: Date;
}

/**
 * An upload that has been 'uploading' this long is taken for dead (its API process stopped
 * mid-upload): it no longer counts against the task's limit, and is never listed.
 */
export const STALE_UPLOAD_MINUTES = 60;

const COLUMNS = sql`f.id, f.workflow_id AS "workflowId", f.target_kind AS "targetKind", f.plan_round AS "planRound", f.assignment_id AS "assignmentId",
  f.name, f.content_type AS "contentType", f.size_bytes::text AS "sizeBytes", f.sha256, f.object_key AS "objectKey",
  f.uploaded_by_email AS "uploadedByEmail", f.uploaded_by_org AS "uploadedByOrg", f.stored_at AS "storedAt"`;

export interface FileReservation {
  id: string;
  workflowId: string;
  target: FileTarget;
  name: string;
  contentType: string;
  size: number;
  objectKey: string;
  by: { email: string; org: string };
}

/**
 * Reserves room for one file under the task's limit, or says how much the task already holds.
 * The advisory lock on the task serialises reservations of one task, so two uploads at once
 * cannot both fit in room for one.
 */
export async function reserveTaskFile(
  db: Db,
  r: FileReservation,
  maxTaskBytes: number,
): Promise<{ reserved: true } | { reserved: false; used: number }> {
  return db.tx(async (tx) => {
    await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext('task_files'), hashtext(${r.workflowId}))`);
    const row = await tx.one<{ used: string }>(sql`SELECT COALESCE(SUM(size_bytes), 0)::text AS used FROM task_files
      WHERE workflow_id = ${r.workflowId}
        AND (status = 'stored' OR created_at > now() - make_interval(mins => ${STALE_UPLOAD_MINUTES}))`);
    const used = Number(row?.used ?? 0);
    if (used + r.size > maxTaskBytes) return { reserved: false as const, used };
    await tx.run(sql`INSERT INTO task_files (id, workflow_id, target_kind, plan_round, assignment_id, name, content_type, size_bytes, object_key,
        uploaded_by_email, uploaded_by_org)
      VALUES (${r.id}, ${r.workflowId}, ${r.target.kind}, ${r.target.kind === "plan" ? r.target.round : null},
        ${r.target.kind === "report" ? r.target.assignmentId : null}, ${r.name}, ${r.contentType}, ${r.size}, ${r.objectKey},
        ${r.by.email}, ${r.by.org})`);
    return { reserved: true as const };
  });
}

/** The store has every byte: the file is listed from now on. */
export async function markTaskFileStored(db: Queryable, id: string, sha256: string): Promise<void> {
  await db.run(sql`UPDATE task_files SET status = 'stored', sha256 = ${sha256}, stored_at = now() WHERE id = ${id} AND status = 'uploading'`);
}

/** A failed upload gives its room back; a stored file is never removed this way. */
export async function releaseTaskFile(db: Queryable, id: string): Promise<void> {
  await db.run(sql`DELETE FROM task_files WHERE id = ${id} AND status = 'uploading'`);
}

/** The task's stored files, oldest first. */
export async function listTaskFiles(db: Queryable, workflowId: string): Promise<TaskFileRow[]> {
  return db.query<TaskFileRow>(
    sql`SELECT ${COLUMNS} FROM task_files f WHERE f.workflow_id = ${workflowId} AND f.status = 'stored' ORDER BY f.stored_at, f.id`,
  );
}

/** One stored file, or null (an upload still in flight is not one yet). */
export async function findTaskFile(db: Queryable, id: string): Promise<TaskFileRow | null> {
  return db.one<TaskFileRow>(sql`SELECT ${COLUMNS} FROM task_files f WHERE f.id = ${id} AND f.status = 'stored'`);
}
