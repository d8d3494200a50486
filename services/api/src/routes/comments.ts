/**
 * A task's discussion (issue 20 §2): GET, POST, PATCH, DELETE under /v1/workflows/{id}/comments.
 * Whoever may see the task (visibility.ts, the task routes' own check) reads and writes its
 * comments — an informed organisation too, which still may not act on the task; a task they
 * may not see answers like an unknown one. Mentions are the `@e-mail`s in the text, and each must
 * name someone who may see the task, or the whole comment is refused with their names and nothing
 * is stored.
 */
import { CommentBody, CommentItem, CommentList, CommentParams, ErrorBody, mentionsIn, type Principal } from "@hub/contracts";
import {
  addComment,
  deleteComment,
  editComment,
  findComment,
  findVisibleTaskRow,
  listComments,
  seesEverything,
  toCommentItem,
  unmentionable,
} from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayChangeComment, unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest } from "../errors";

const security = [{ bearer: [] }];
const tags = ["comments"];
const TaskParams = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function commentRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The task's id, once the caller may see it; otherwise the same 404 as an unknown task. */
  async function visibleTaskId(p: Principal, id: string): Promise<string> {
    const t = await findVisibleTaskRow(db, p, id);
    if (!t) throw unseen("joint task", id);
    return t.id;
  }
  async function commentOf(workflowId: string, commentId: string) {
    const c = await findComment(db, workflowId, commentId);
    if (!c) throw unseen("comment", commentId);
    return c;
  }
  /** The text's mentions, each of someone who may see the task; otherwise a 400 naming them all. */
  async function checkedMentions(workflowId: string, body: string): Promise<string[]> {
    const mentions = mentionsIn(body);
    const refused = await unmentionable(db, workflowId, mentions);
    if (refused.length === 0) return mentions;
    const message = `${refused.map((e) => `@${e}`).join(", ")} cannot be mentioned: only people who may see this task can be, and ${
      refused.length === 1 ? "this one does" : "these do"
    } not`;
    throw badRequest(`The comment is invalid: body.body ${message}`, [{ path: "body.body", message }]);
  }
  const item = (p: Principal) => (c: Parameters<typeof toCommentItem>[0]) => toCommentItem(c, seesEverything(p));

  r.get(
    "/v1/workflows/:id/comments",
    {
      schema: {
        tags,
        security,
        description:
          "A task's discussion, oldest first, for whoever may see the task. A deleted comment is a tombstone: its author and when it was deleted; HQ reviewers and administrators also read its text and earlier texts.",
        params: TaskParams,
        response: { 200: CommentList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const p = caller(req);
      const workflowId = await visibleTaskId(p, req.params.id);
      return { workflowId, items: (await listComments(db, workflowId)).map(item(p)) };
    },
  );

  r.post(
    "/v1/workflows/:id/comments",
    {
      schema: {
        tags,
        security,
        description:
          "Comment on a task you may see. `@e-mail` in the text mentions that person, who is told by e-mail (their language, digest, quiet hours); each must be someone who may see the task, or the comment is refused (400) naming them.",
        params: TaskParams,
        body: CommentBody,
        response: { 201: CommentItem, ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const workflowId = await visibleTaskId(p, req.params.id);
      const mentions = await checkedMentions(workflowId, req.body.body);
      const id = await addComment(db, { workflowId, author: p, body: req.body.body, mentions });
      return reply.status(201).send(item(p)(await commentOf(workflowId, id)));
    },
  );

  r.patch(
    "/v1/workflows/:id/comments/:commentId",
    {
      schema: {
        tags,
        security,
        description:
          "Its author replaces a comment's text; the earlier text is kept in `revisions`. Only people the new text newly mentions are told.",
        params: CommentParams,
        body: CommentBody,
        response: { 200: CommentItem, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      const workflowId = await visibleTaskId(p, req.params.id);
      assertMayChangeComment(p, await commentOf(workflowId, req.params.commentId));
      const mentions = await checkedMentions(workflowId, req.body.body);
      const edited = await editComment(db, { workflowId, commentId: req.params.commentId, by: p, body: req.body.body, mentions });
      // Deleted between the check and the edit (another tab): the same answer the check gives.
      if (!edited) assertMayChangeComment(p, await commentOf(workflowId, req.params.commentId));
      return item(p)(await commentOf(workflowId, req.params.commentId));
    },
  );

  r.delete(
    "/v1/workflows/:id/comments/:commentId",
    {
      schema: {
        tags,
        security,
        description: "Its author deletes a comment: it stays as a tombstone (others see that it was deleted; HQ reads what it said).",
        params: CommentParams,
        response: { 200: CommentItem, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      const workflowId = await visibleTaskId(p, req.params.id);
      assertMayChangeComment(p, await commentOf(workflowId, req.params.commentId));
      if (!(await deleteComment(db, { workflowId, commentId: req.params.commentId, by: p }))) {
        assertMayChangeComment(p, await commentOf(workflowId, req.params.commentId));
      }
      return item(p)(await commentOf(workflowId, req.params.commentId));
    },
  );
}
