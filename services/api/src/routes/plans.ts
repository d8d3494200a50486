import {
  ErrorBody,
  PLAN_SUBMITTED,
  PlanAccepted,
  PlanBody,
  PlanTemplate,
  PlanTemplateQuery,
  parseEvent,
  START_EVENT,
  WORKFLOW_KINDS,
  workflowIdOfEvent,
} from "@hub/contracts";
import { acceptEvent, countryLead, recordedStartEvent, teamLeadOf, teamOf } from "@hub/db";
import { KINDS } from "@hub/kinds";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMaySubmitPlan, assertOpen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, conflict } from "../errors";
import { startEventIssues } from "./events";

const security = [{ bearer: [] }];

export async function planRoutes(app: FastifyInstance, deps: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/v1/plans",
    {
      schema: {
        tags: ["plans"],
        security,
        description:
          "The head or staff of a mission submits a plan of its own for the head's approval (and HQ's above the budget threshold). " +
          "The plan belongs to the submitting mission: its head approves it, its people revise it, its head cancels it; a mission other than the country's leading one " +
          "(MSN-ASEAN in Indonesia) gets its code in the task's id (`mission-plan:ID:MSN-ASEAN:<planRef>`). It travels as a plan.submitted event, so the same plan " +
          "again is a duplicate (200) and changes nothing; a different plan under a planRef the mission already used is a 409.",
        body: PlanBody,
        response: { 200: PlanAccepted, 202: PlanAccepted, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      assertMaySubmitPlan(p, req.body.country);
      // The plan is the submitting mission's own; `mission` names it when it is not the leading one.
      const { mission: named, ...plan } = req.body;
      if (named !== undefined && named !== p.orgCode) {
        const message = `must be your own mission (${p.orgCode}), or left out: a plan belongs to the mission that submits it`;
        throw badRequest(`The plan is invalid: body.mission ${message}`, [{ path: "body.mission", message }]);
      }
      const dir = await deps.directory();
      assertOpen(dir.orgs.get(p.orgCode));
      const lead = countryLead(dir, req.body.country)?.code;
      const data = lead && lead !== p.orgCode ? { ...plan, mission: p.orgCode } : plan;
      const workflowId = workflowIdOfEvent(PLAN_SUBMITTED, data);
      const parsed = parseEvent({
        specversion: "1.0",
        id: workflowId,
        source: p.orgCode,
        type: PLAN_SUBMITTED,
        subject: req.body.planRef,
        time: new Date().toISOString(),
        datacontenttype: "application/json",
        data,
      });
      if (!parsed.ok)
        throw badRequest(
          parsed.error,
          parsed.issues.map((i) => ({ path: i.path.replace(/^data/, "body"), message: i.message })),
        );
      const issues = await startEventIssues(deps, parsed.event);
      if (issues.length > 0) {
        const body = issues.map((i) => ({ path: i.path.replace(/^data/, "body"), message: i.message }));
        throw badRequest(`The plan is invalid: ${body.map((i) => `${i.path} ${i.message}`).join("; ")}`, body);
      }
      // The same plan again is a duplicate; another plan under an id already taken (by this
      // mission, or by another before plans carried their mission) is refused, never dropped.
      const collision = (prior: { source: string; same: boolean } | null) => {
        if (!prior || (prior.source === p.orgCode && prior.same)) return;
        const by = prior.source === p.orgCode ? "your mission already submitted" : `${prior.source} already submitted`;
        throw conflict(
          `Plan ${req.body.planRef} (${workflowId}) exists: ${by} a different plan under this planRef. ` +
            `Choose another planRef for a new plan${prior.source === p.orgCode ? ", or revise that one (POST /v1/workflows/{id}/plan) once its head requests changes" : ""}.`,
        );
      };
      collision(await recordedStartEvent(deps.db, workflowId, PLAN_SUBMITTED, parsed.event.data));
      const status = await acceptEvent(deps.db, parsed.event, { submittedBy: p.email, topicPrefix: deps.config.topicPrefix, workflowId });
      // Two different plans sent at once under one planRef: the second lands here as a duplicate.
      if (status === "duplicate") collision(await recordedStartEvent(deps.db, workflowId, PLAN_SUBMITTED, parsed.event.data));
      return reply.status(status === "accepted" ? 202 : 200).send({ workflowId, status });
    },
  );

  r.get(
    "/v1/plan-templates",
    {
      schema: {
        tags: ["plans"],
        security,
        description:
          "A plan template per kind of joint task: who does what, due how many days from when. With ?country= each part names that country's organisation.",
        querystring: PlanTemplateQuery,
        response: { 200: z.object({ items: z.array(PlanTemplate) }), 400: ErrorBody },
      },
    },
    async (req) => {
      const p = caller(req);
      const dir = await deps.directory();
      // The caller's own team in that country: a consulate general's people see its offices named.
      const team = req.query.country ? teamOf(dir, req.query.country, teamLeadOf(dir, p.orgCode, req.query.country)) : null;
      const orgFor = (duty: string | null | undefined) => {
        if (!team || duty === null) return null;
        if (duty === undefined) return team.mission;
        return team.duties[duty]?.[0] ?? null;
      };
      return {
        items: WORKFLOW_KINDS.map((kind) => {
          const { module } = KINDS[kind];
          const t = module.template;
          return {
            kind,
            title: t.title,
            description: t.description,
            startEvent: START_EVENT[kind],
            approval: t.approval,
            assignments: t.assignments.map((a) => ({
              key: a.key,
              party: a.party,
              org: orgFor(a.duty),
              task: a.task,
              dueInDays: a.dueInDays,
              relativeTo: t.relativeTo,
            })),
          };
        }),
      };
    },
  );
}
