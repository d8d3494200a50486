import {
  CancelBody,
  CLOSED_TASK_STATUSES,
  ErrorBody,
  History,
  type Principal,
  page,
  RevisePlanBody,
  type TaskStatus,
  WorkflowDetail,
  WorkflowItem,
  WorkflowListQuery,
} from "@hub/contracts";
import {
  closingReportOf,
  findVisibleTask,
  findVisibleTaskRow,
  listTasks,
  planContext,
  planVersions,
  seesEverything,
  taskHistory,
  toApprovalItem,
  toAssignmentItem,
  toWorkflowItem,
  type VisibleTask,
} from "@hub/db";
import { dayOf, validatePlan } from "@hub/joint-task";
import { temporalHistoryUrl } from "@hub/temporal";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayCancel, assertMayReviseFor, maySeeApproval, unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, conflict, notFound } from "../errors";
import { RECORD_WAIT_MS, sendCancel, sendPlanRevision } from "../workflow-commands";
import { issuesUnder } from "./events";

const security = [{ bearer: [] }];
const Params = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Reading a task: one the caller may not see is "No joint task" (404), like an unknown id. */
const readErrors = { 400: ErrorBody, 404: ErrorBody };

/** The mission that leads a task (tasks recorded before the column existed: from their first approval). */
export const missionOf = (t: VisibleTask) => t.missionCode ?? t.approvals[0]?.missionCode ?? null;

export async function workflowRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db, temporal, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The raw Temporal history is for engineers: HQ reviewers and administrators get the link, others null. */
  const rawHistory = (p: Principal, id: string) =>
    seesEverything(p) ? temporalHistoryUrl(config.temporalUiUrl, config.temporalNamespace, id) : null;

  /** The task with its approvals and assignments; a task the caller may not see answers like an unknown one. */
  async function visibleTask(req: FastifyRequest, id: string) {
    const task = await findVisibleTask(db, caller(req), id);
    if (task) return task;
    throw unseen("joint task", id);
  }
  /** Only the task's row: enough to know it is visible, for its history. */
  async function visibleTaskRow(req: FastifyRequest, id: string) {
    const task = await findVisibleTaskRow(db, caller(req), id);
    if (task) return task;
    throw unseen("joint task", id);
  }

  /**
   * The task page shows a task's approvals (and the plan versions they carry) only to whoever may
   * read those approvals at GET /v1/approvals/{id}: its mission's people, HQ, the organisations
   * informed of it. Others who see the task (its country's agencies, an assignee) get its
   * assignments and status, not the plan's review.
   */
  const detail = (p: Principal, t: VisibleTask): z.infer<typeof WorkflowDetail> => {
    const informed = (t.informed ?? []).includes(p.orgCode);
    const approvals = t.approvals.filter((a) => maySeeApproval(p, a, informed));
    return detailOf(p, { ...t, approvals }, missionOf(t));
  };
  const detailOf = (p: Principal, t: VisibleTask, mission: string | null): z.infer<typeof WorkflowDetail> => ({
    ...toWorkflowItem(t),
    caseRef: t.caseRef,
    mission,
    informed: t.informed ?? [],
    closingReport: closingReportOf(t),
    assignments: t.assignments.map(toAssignmentItem),
    approvals: t.approvals.map(toApprovalItem),
    versions: planVersions(t),
    temporalHistoryUrl: rawHistory(p, t.id),
    problem: t.problem,
  });

  r.get(
    "/v1/workflows",
    {
      schema: {
        tags: ["workflows"],
        security,
        description:
          "Joint tasks you may see, newest first: filter by kind, country, status, an organisation involved, start dates and words of the title.",
        querystring: WorkflowListQuery,
        response: { 200: page(WorkflowItem), ...errors },
      },
    },
    async (req) => listTasks(db, caller(req), req.query),
  );

  r.get(
    "/v1/workflows/:id",
    { schema: { tags: ["workflows"], security, params: Params, response: { 200: WorkflowDetail, ...readErrors } } },
    async (req) => detail(caller(req), await visibleTask(req, req.params.id)),
  );

  r.get(
    "/v1/workflows/:id/history",
    { schema: { tags: ["workflows"], security, params: Params, response: { 200: History, ...readErrors } } },
    async (req) => {
      const t = await visibleTaskRow(req, req.params.id);
      return { workflowId: t.id, entries: await taskHistory(db, t.id), temporalHistoryUrl: rawHistory(caller(req), t.id) };
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
        body: RevisePlanBody,
        response: { 202: z.object({ status: z.literal("resubmitted") }), ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const t = await visibleTask(req, req.params.id);
      const mission = missionOf(t);
      if (!mission) throw notFound("This joint task has no plan yet");
      assertMayReviseFor(p, mission);
      // Judged as the task's own mission's plan (for a plan of MSN-ASEAN in Indonesia: MSN-ASEAN's, not EMB-ID's).
      const ctx = { ...planContext(await deps.directory(), t.country.trim(), dayOf(Date.now())), mission };
      const issues = validatePlan(req.body.plan, ctx);
      if (issues.length > 0) {
        const body = issuesUnder("body", issues);
        throw badRequest(`The revised plan is invalid: ${body.map((i) => `${i.path} ${i.message}`).join("; ")}`, body);
      }
      await sendPlanRevision(temporal, t.id, { plan: req.body.plan, comment: req.body.comment, actor: { email: p.email, org: p.orgCode } });
      return reply.status(202).send({ status: "resubmitted" as const });
    },
  );

  r.post(
    "/v1/workflows/:id/cancel",
    {
      schema: {
        tags: ["workflows"],
        security,
        description:
          "The head of the leading mission (or HQ) cancels a task: its open assignments are withdrawn with the reason, and nothing more can be done on it. 200 once recorded; 202 when the task has taken it but not yet recorded it.",
        params: Params,
        body: CancelBody,
        response: { 200: WorkflowDetail, 202: WorkflowDetail, ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const t = await visibleTask(req, req.params.id);
      const mission = missionOf(t);
      if (!mission) throw conflict("This joint task has not started its approval yet; try again in a moment");
      assertMayCancel(p, mission);
      if (CLOSED_TASK_STATUSES.includes(t.status as TaskStatus)) throw conflict(`This joint task is already ${t.status}`);
      await sendCancel(temporal, t.id, { reason: req.body.reason, actor: { email: p.email, org: p.orgCode } });
      // The task withdraws and records once its in-flight actions are done: wait for that, within bounds.
      const deadline = Date.now() + RECORD_WAIT_MS;
      for (;;) {
        const now = (await findVisibleTask(db, p, t.id)) as VisibleTask;
        if (now.status === "cancelled") return reply.status(200).send(detail(p, now));
        if (Date.now() > deadline) return reply.status(202).send(detail(p, now));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  );
}
