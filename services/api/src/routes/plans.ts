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
  workflowIdFor,
} from "@hub/contracts";
import { acceptEvent, teamOf } from "@hub/db";
import { KINDS } from "@hub/kinds";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMaySubmitPlan } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest } from "../errors";
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
          "The head or staff of a mission submits a plan of its own for the head's approval (and HQ's above the budget threshold). It travels as a plan.submitted event, so the same planRef again is a duplicate and changes nothing.",
        body: PlanBody,
        response: { 200: PlanAccepted, 202: PlanAccepted, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      assertMaySubmitPlan(p, req.body.country);
      const workflowId = workflowIdFor("mission-plan", req.body.country, req.body.planRef);
      const parsed = parseEvent({
        specversion: "1.0",
        id: workflowId,
        source: p.orgCode,
        type: PLAN_SUBMITTED,
        subject: req.body.planRef,
        time: new Date().toISOString(),
        datacontenttype: "application/json",
        data: req.body,
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
      const status = await acceptEvent(deps.db, parsed.event, { submittedBy: p.email, topicPrefix: deps.config.topicPrefix });
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
      caller(req);
      const team = req.query.country ? teamOf(await deps.directory(), req.query.country) : null;
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
