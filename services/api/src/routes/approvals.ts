import { ApprovalItem, ApprovalListQuery, DecisionBody, ErrorBody, page } from "@hub/contracts";
import { findApproval, listApprovals, seesEverything, toApprovalItem } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayDecide, assertMaySeeApprovals } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { conflict, forbidden, notFound } from "../errors";
import { sendDecision } from "../workflow-commands";

const security = [{ bearer: [] }];
const Params = z.object({ id: z.string().uuid() });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function approvalRoutes(app: FastifyInstance, { db, temporal }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function loadVisible(req: Parameters<typeof caller>[0], id: string) {
    const p = caller(req);
    assertMaySeeApprovals(p);
    const a = await findApproval(db, id);
    if (!a) throw notFound(`No approval ${id}`);
    if (!seesEverything(p) && a.missionCode !== p.orgCode) throw forbidden(`This approval belongs to ${a.missionCode}`);
    return { p, a };
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

  r.get("/v1/approvals/:id", { schema: { tags: ["approvals"], security, params: Params, response: { 200: ApprovalItem, ...errors } } }, async (req) =>
    toApprovalItem((await loadVisible(req, req.params.id)).a),
  );

  r.post(
    "/v1/approvals/:id/decision",
    {
      schema: {
        tags: ["approvals"],
        security,
        description: "The head of mission approves, rejects or sends back a plan (HQ, once escalated).",
        params: Params,
        body: DecisionBody,
        response: { 200: ApprovalItem, 202: ApprovalItem, ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const a = await findApproval(db, req.params.id);
      if (!a) throw notFound(`No approval ${req.params.id}`);
      assertMayDecide(p, a);
      if (a.status !== "pending") throw conflict(`This approval was already decided (${a.status})`);
      const outcome = await sendDecision(temporal, a.workflowId, {
        approvalId: a.id,
        decision: req.body.decision,
        comment: req.body.comment,
        actor: { email: p.email, org: p.orgCode },
      });
      // 202: the workflow accepted the decision and will record it; the item shows it pending.
      return reply.status(outcome === "recorded" ? 200 : 202).send(toApprovalItem((await findApproval(db, a.id)) as NonNullable<typeof a>));
    },
  );
}
