/**
 * A task's discussion (issue 20 §2): comments by whoever may see the task, `@person` mentions,
 * edits that keep the earlier text, deletions that leave a tombstone for HQ. The text is stored
 * and shown back exactly as sent — never trimmed, normalised or rendered as HTML — so the only
 * rules are a length bound and the hub-wide one (NUL and half surrogate pairs are refused for
 * every field, in the API's preValidation hook, text.ts).
 */
import { z } from "zod";
import { LIMITS, mentionsIn } from "./core";

/** A comment's text as sent: not blank, within the bound, mentioning at most LIMITS.mentions people. */
export const CommentText = z
  .string()
  .max(LIMITS.comment, `must be at most ${LIMITS.comment} characters`)
  .refine((s) => s.trim().length > 0, "must not be empty or only spaces")
  .refine((s) => mentionsIn(s).length <= LIMITS.mentions, `must mention at most ${LIMITS.mentions} people`);

/** POST /v1/workflows/{id}/comments and PATCH …/comments/{commentId}: mentions are the `@e-mail`s in the text. */
export const CommentBody = z.object({ body: CommentText }).strict();

export const CommentParams = z.object({ id: z.string().min(1).max(200), commentId: z.string().uuid() });

export const CommentAuthor = z.object({
  email: z.string(),
  name: z.string(),
  nameKo: z.string().nullable(),
  /** The organisation the author wrote for, at the time. */
  org: z.string(),
});

export const CommentRevision = z.object({
  body: z.string(),
  mentions: z.array(z.string()),
  /** When this earlier text was written (the comment's creation or the edit before). */
  writtenAt: z.string(),
  /** When an edit replaced it. */
  replacedAt: z.string(),
});

export const CommentItem = z.object({
  id: z.string(),
  workflowId: z.string(),
  author: CommentAuthor,
  /** The current text; null once deleted, except for HQ reviewers and administrators (the tombstone). */
  body: z.string().nullable(),
  mentions: z.array(z.string()),
  /** The people mentioned, by name (as the directory has them now), for showing; empty when hidden as mentions are. */
  mentioned: z.array(z.object({ email: z.string(), name: z.string(), nameKo: z.string().nullable() })),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.object({ at: z.string(), by: z.string() }).nullable(),
  /** Earlier texts, oldest first; for a deleted comment only HQ reviewers and administrators get them. */
  revisions: z.array(CommentRevision),
});
export type CommentItem = z.infer<typeof CommentItem>;

export const CommentList = z.object({ workflowId: z.string(), items: z.array(CommentItem) });
