import { ErrorBody, History, Plan, page, WorkflowDetail, WorkflowItem, WorkflowListQuery } from "@hub/contracts";
import { findVisibleTask, listTasks, taskExists, taskHistory, toApprovalItem, toAssignmentItem, toWorkflowItem } from "@hub/db";
import { temporalHistoryUrl } from "@hub/temporal";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayReviseFor } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { forbidden, notFound } from "../errors";
import { sendPlanRevision } from "../workflow-commands";

const security = [{ bearer: [] }];
const Params = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function workflowRoutes(app: FastifyInstance, { db, temporal, config }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rawHistory = (id: string) => temporalHistoryUrl(config.temporalUiUrl, config.temporalNamespace, id);

  async function visibleTask(req: FastifyRequest, id: string) {
    const task = await findVisibleTask(db, caller(req), id);
    if (task) return task;
    if (await taskExists(db, id)) throw forbidden("This joint task is not in your country and your organisation has no assignment in it");
    throw notFound(`No joint task ${id}`);
  }

  r.get(
    "/v1/workflows",
    { schema: { tags: ["workflows"], security, querystring: WorkflowListQuery, response: { 200: page(WorkflowItem), ...errors } } },
    async (req) => listTasks(db, caller(req), req.query),
  );

  r.get(
    "/v1/workflows/:id",
    { schema: { tags: ["workflows"], security, params: Params, response: { 200: WorkflowDetail, ...errors } } },
    async (req) => {
      const t = await visibleTask(req, req.params.id);
      return {
        ...toWorkflowItem(t),
        caseRef: t.caseRef,
        closingReport: (t.closingReport as z.infer<typeof WorkflowDetail>["closingReport"]) ?? null,
        assignments: t.assignments.map(toAssignmentItem),
        approvals: t.approvals.map(toApprovalItem),
        temporalHistoryUrl: rawHistory(t.id),
      };
    },
  );

  r.get(
    "/v1/workflows/:id/history",
    { schema: { tags: ["workflows"], security, params: Params, response: { 200: History, ...errors } } },
    async (req) => {
      const t = await visibleTask(req, req.params.id);
      return { workflowId: t.id, entries: await taskHistory(db, t.id), temporalHistoryUrl: rawHistory(t.id) };
    },
  );

  r.post(
    "/v1/workflows/:id/plan",
    {
      schema: {
        tags: ["workflows"],
        security,
        description: "After the head requested changes, the mission submits a revised plan for a new approval round.",
        params: Params,
        body: z.object({ plan: Plan, comment: z.string().max(4000).optional() }),
        response: { 202: z.object({ status: z.literal("resubmitted") }), ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const t = await visibleTask(req, req.params.id);
      const mission = t.approvals[t.approvals.length - 1]?.missionCode;
      if (!mission) throw notFound("This joint task has no plan yet");
      assertMayReviseFor(p, mission);
      await sendPlanRevision(temporal, t.id, { plan: req.body.plan, comment: req.body.comment, actor: { email: p.email, org: p.orgCode } });
      return reply.status(202).send({ status: "resubmitted" as const });
    },
  );
}
