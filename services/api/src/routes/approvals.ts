import { type Actor, ApprovalItem, ApprovalListQuery, DecisionBody, ErrorBody, page } from "@hub/contracts";
import { actingFor, actingForVacantHead, findApproval, isInformed, listApprovals, toApprovalItem } from "@hub/db";
import { dayOf } from "@hub/joint-task";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayDecide, assertMaySeeApprovals, maySeeApproval, unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { conflict } from "../errors";
import { sendDecision } from "../workflow-commands";

const security = [{ bearer: [] }];
const Params = z.object({ id: z.string().uuid() });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Reading one approval: an approval the caller may not see is "No approval" (404), never 403. */
const readErrors = { 400: ErrorBody, 404: ErrorBody };

export async function approvalRoutes(app: FastifyInstance, { db, temporal }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The approval, if the caller may see it; unknown and hidden ids answer the same 404. */
  async function loadVisible(req: FastifyRequest, id: string) {
    const p = caller(req);
    const a = await findApproval(db, id);
    if (!a || !maySeeApproval(p, a, await isInformed(db, a.workflowId, p.orgCode))) throw unseen("approval", id);
    return a;
  }

  r.get(
    "/v1/approvals",
    { schema: { tags: ["approvals"], security, querystring: ApprovalListQuery, response: { 200: page(ApprovalItem), ...errors } } },
    async (req) => {
      const p = caller(req);
      assertMaySeeApprovals(p);
      return listApprovals(db, p, req.query);
    },
  );

  r.get(
    "/v1/approvals/:id",
    { schema: { tags: ["approvals"], security, params: Params, response: { 200: ApprovalItem, ...readErrors } } },
    async (req) => toApprovalItem(await loadVisible(req, req.params.id)),
  );

  r.post(
    "/v1/approvals/:id/decision",
    {
      schema: {
        tags: ["approvals"],
        security,
        description:
          "The head of mission (or an acting head: inside a delegation, or named by the directory while no head is posted) approves, rejects or sends back a plan; HQ decides its own step of a chain, and a head's step once escalated.",
        params: Params,
        body: DecisionBody,
        response: { 200: ApprovalItem, 202: ApprovalItem, ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const a = await loadVisible(req, req.params.id);
      // An acting head: inside a head's delegation, or named by the directory while no head is posted.
      const head =
        p.role === "MISSION_STAFF" && p.orgCode === a.missionCode
          ? ((await actingFor(db, p.userId, a.missionCode, dayOf(Date.now()))) ?? (await actingForVacantHead(db, p.userId, a.missionCode)))
          : null;
      assertMayDecide(p, a, head);
      if (a.status !== "pending") throw conflict(`This approval was already decided (${a.status})`);
      const actor: Actor = { email: p.email, org: p.orgCode, ...(head ? { onBehalfOf: head } : {}) };
      const outcome = await sendDecision(temporal, a.workflowId, { approvalId: a.id, decision: req.body.decision, comment: req.body.comment, actor });
      // 202: the workflow accepted the decision and will record it; the item shows it pending.
      return reply.status(outcome === "recorded" ? 200 : 202).send(toApprovalItem((await findApproval(db, a.id)) as NonNullable<typeof a>));
    },
  );
}
