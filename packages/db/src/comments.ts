/**
 * A task's discussion: comments, their earlier texts, their tombstones. Each write is one
 * transaction that also records the comment on the task's timeline (so HQ's history shows who
 * said something when, and the notice trigger tells whoever it mentions) and in the live stream's
 * feed (the task page refetches). The timeline holds the comment's id and who it mentions, never
 * its text: a deleted comment's text must not live on in a history everyone who sees the task reads.
 */
import type { CommentItem, Principal } from "@hub/contracts";
import { recordChanges } from "./changes";
import type { Db, Queryable } from "./client";
import { sql } from "./client";
import { postedByEmail, whoMaySee } from "./notices";
import { writeTimeline } from "./task-writes";

export interface CommentRow {
  id: string;
  workflowId: string;
  authorId: string;
  authorEmail: string;
  authorOrg: string;
  authorName: string;
  authorNameKo: string | null;
  body: string;
  mentions: string[];
  mentioned: { email: string; name: string; nameKo: string | null }[];
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  deletedBy: string | null;
  revisions: { body: string; mentions: string[]; writtenAt: string; replacedAt: string }[];
}

const COLUMNS = sql`
  c.id::text AS id, c.workflow_id AS "workflowId", c.author_id::text AS "authorId", c.author_email AS "authorEmail",
  c.author_org AS "authorOrg", u.name AS "authorName", u.name_ko AS "authorNameKo", c.body, c.mentions,
  coalesce((SELECT json_agg(json_build_object('email', m.email, 'name', m.name, 'nameKo', m.name_ko) ORDER BY array_position(c.mentions, m.email))
            FROM users m WHERE m.email = ANY(c.mentions)), '[]'::json) AS mentioned,
  c.created_at AS "createdAt", c.edited_at AS "editedAt", c.deleted_at AS "deletedAt", c.deleted_by AS "deletedBy",
  coalesce((SELECT json_agg(json_build_object('body', r.body, 'mentions', r.mentions,
                                              'writtenAt', to_char(r.written_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                              'replacedAt', to_char(r.replaced_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY r.id)
            FROM comment_revisions r WHERE r.comment_id = c.id), '[]'::json) AS revisions`;

/** A bound on one page of discussion: more than anyone reads on a task page. */
export const COMMENTS_PER_TASK_SHOWN = 1000;

/** A task's comments, oldest first (the caller has checked that the task is visible). */
export async function listComments(q: Queryable, workflowId: string): Promise<CommentRow[]> {
  return q.query<CommentRow>(sql`
    SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.workflow_id = ${workflowId} ORDER BY c.created_at, c.id LIMIT ${COMMENTS_PER_TASK_SHOWN}`);
}

/** One comment of a task, or null (another task's comment is as unknown as a missing one). */
export async function findComment(q: Queryable, workflowId: string, commentId: string): Promise<CommentRow | null> {
  return q.one<CommentRow>(sql`
    SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ${commentId}::uuid AND c.workflow_id = ${workflowId}`);
}

/**
 * A comment as the caller reads it. A deleted one is a tombstone: everyone sees who wrote it and
 * that it was deleted; only those who see everything (HQ reviewers, administrators) read its
 * last text and earlier ones.
 */
export function toCommentItem(c: CommentRow, seesTombstones: boolean): CommentItem {
  const hidden = c.deletedAt !== null && !seesTombstones;
  return {
    id: c.id,
    workflowId: c.workflowId,
    author: { email: c.authorEmail, name: c.authorName, nameKo: c.authorNameKo, org: c.authorOrg },
    body: hidden ? null : c.body,
    mentions: hidden ? [] : c.mentions,
    mentioned: hidden ? [] : c.mentioned,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    deleted: c.deletedAt ? { at: c.deletedAt.toISOString(), by: c.deletedBy ?? "" } : null,
    revisions: hidden ? [] : c.revisions,
  };
}

const actorOf = (p: Principal) => ({ email: p.email, org: p.orgCode });

/** A new comment by `author`, mentioning `mentions` (already checked to see the task). Resolves to its id. */
export async function addComment(db: Db, c: { workflowId: string; author: Principal; body: string; mentions: string[] }): Promise<string> {
  return db.tx(async (q) => {
    const row = (await q.one<{ id: string; at: Date }>(sql`
      INSERT INTO comments (workflow_id, author_id, author_email, author_org, body, mentions)
      VALUES (${c.workflowId}, ${c.author.userId}::uuid, ${c.author.email}, ${c.author.orgCode}, ${c.body}, ${c.mentions}::text[])
      RETURNING id::text AS id, created_at AS at`)) as { id: string; at: Date };
    await writeTimeline(q, [
      {
        workflowId: c.workflowId,
        dedupeKey: `comment:${row.id}`,
        at: row.at.toISOString(),
        actor: actorOf(c.author),
        action: "comment.added",
        detail: { commentId: row.id, mentioned: c.mentions },
      },
    ]);
    await recordChanges(q, c.workflowId, []);
    return row.id;
  });
}

/**
 * Replaces a comment's text, keeping the one it replaces as a revision. Only the people the new
 * text mentions and the old did not are told (the timeline's `mentioned`). Resolves to false when
 * the comment was deleted meanwhile.
 */
export async function editComment(
  db: Db,
  c: { workflowId: string; commentId: string; by: Principal; body: string; mentions: string[] },
): Promise<boolean> {
  return db.tx(async (q) => {
    const old = await q.one<{ body: string; mentions: string[]; writtenAt: Date }>(sql`
      SELECT body, mentions, coalesce(edited_at, created_at) AS "writtenAt" FROM comments
      WHERE id = ${c.commentId}::uuid AND deleted_at IS NULL FOR UPDATE`);
    if (!old) return false;
    const rev = (await q.one<{ id: string; at: Date }>(sql`
      INSERT INTO comment_revisions (comment_id, body, mentions, written_at)
      VALUES (${c.commentId}::uuid, ${old.body}, ${old.mentions}::text[], ${old.writtenAt})
      RETURNING id::text AS id, replaced_at AS at`)) as { id: string; at: Date };
    await q.run(sql`UPDATE comments SET body = ${c.body}, mentions = ${c.mentions}::text[], edited_at = ${rev.at} WHERE id = ${c.commentId}::uuid`);
    await writeTimeline(q, [
      {
        workflowId: c.workflowId,
        dedupeKey: `comment:${c.commentId}:edit:${rev.id}`,
        at: rev.at.toISOString(),
        actor: actorOf(c.by),
        action: "comment.edited",
        detail: { commentId: c.commentId, mentioned: c.mentions.filter((m) => !old.mentions.includes(m)) },
      },
    ]);
    await recordChanges(q, c.workflowId, []);
    return true;
  });
}

/** Marks a comment deleted (the row stays: the tombstone). Resolves to false when it already was. */
export async function deleteComment(db: Db, c: { workflowId: string; commentId: string; by: Principal }): Promise<boolean> {
  return db.tx(async (q) => {
    const row = await q.one<{ at: Date }>(sql`
      UPDATE comments SET deleted_at = now(), deleted_by = ${c.by.email}
      WHERE id = ${c.commentId}::uuid AND deleted_at IS NULL RETURNING deleted_at AS at`);
    if (!row) return false;
    await writeTimeline(q, [
      {
        workflowId: c.workflowId,
        dedupeKey: `comment:${c.commentId}:deleted`,
        at: row.at.toISOString(),
        actor: actorOf(c.by),
        action: "comment.deleted",
        detail: { commentId: c.commentId },
      },
    ]);
    await recordChanges(q, c.workflowId, []);
    return true;
  });
}

/** What a mention's notice says: who wrote and the text; null once the comment is deleted (nobody is told of it then). */
export async function commentForNotice(q: Queryable, commentId: string): Promise<{ author: string; authorEmail: string; body: string } | null> {
  return q.one(sql`
    SELECT u.name AS author, c.author_email AS "authorEmail", c.body FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.id = ${commentId}::uuid AND c.deleted_at IS NULL`);
}

/**
 * Of the e-mails a comment mentions, those that name nobody who may see the task today (not in
 * the directory, not posted, or of another country and not involved): a mention of them is
 * refused, since the notice rule (notices.ts, whoMaySee) would never tell them anyway.
 */
export async function unmentionable(q: Queryable, workflowId: string, emails: string[]): Promise<string[]> {
  const seeing = new Set((await whoMaySee(q, workflowId, await postedByEmail(q, emails))).map((p) => p.email.toLowerCase()));
  return emails.filter((e) => !seeing.has(e));
}
