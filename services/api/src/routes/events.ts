import {
  ErrorBody,
  EventAccepted,
  EventListQuery,
  eventJsonSchemas,
  eventSpec,
  KNOWN_EVENT_TYPES,
  page,
  parseEvent,
  StoredEvent,
  type TypedEvent,
} from "@hub/contracts";
import { acceptEvent, dutiesOf, listEvents, planContext } from "@hub/db";
import { dayOf, type PlanIssue } from "@hub/joint-task";
import { routeOf } from "@hub/kinds";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayPublish } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest } from "../errors";

const security = [{ bearer: [] }];

export const issuesUnder = (prefix: string, issues: PlanIssue[]) => issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message }));

/** An event that opens a task is checked against the directory as the task will check it: refused here, not dead-lettered later. */
export async function startEventIssues(deps: Pick<ApiDeps, "directory">, e: TypedEvent): Promise<PlanIssue[]> {
  const route = routeOf(e.type, e.data);
  if (route?.role !== "start" || !route.module.checkStart) return [];
  const dir = await deps.directory();
  const ctx = planContext(dir, e.data.country, dayOf(Date.now()));
  if (!ctx.mission) return [{ path: "data.country", message: `no mission leads Team Korea in ${e.data.country}` }];
  return route.module.checkStart(e.data, ctx);
}

export async function eventRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/v1/events",
    {
      schema: {
        tags: ["events"],
        security,
        description: `Publish a CloudEvents 1.0 JSON event as your organisation. Known types: ${KNOWN_EVENT_TYPES.join(", ")}; their JSON Schemas are at /v1/event-types.`,
        body: z.looseObject({}).describe("CloudEvents 1.0 structured JSON"),
        response: { 200: EventAccepted, 202: EventAccepted, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const parsed = parseEvent(req.body);
      if (!parsed.ok) throw badRequest(parsed.error, issuesUnder("body", parsed.issues));
      const e = parsed.event;
      assertMayPublish(p, e, eventSpec(e.type).publish, p.orgCountry ? [] : dutiesOf(await deps.directory(), p.orgCode));
      const issues = await startEventIssues(deps, e);
      if (issues.length > 0) {
        throw badRequest(`The event cannot open a task: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issuesUnder("body", issues));
      }
      const status = await acceptEvent(db, e, { submittedBy: p.email, topicPrefix: config.topicPrefix });
      return reply.status(status === "accepted" ? 202 : 200).send({ id: e.id, status });
    },
  );

  r.get(
    "/v1/events",
    { schema: { tags: ["events"], security, querystring: EventListQuery, response: { 200: page(StoredEvent), 400: ErrorBody } } },
    async (req) => listEvents(db, caller(req), req.query),
  );

  r.get(
    "/v1/event-types",
    {
      config: { public: true },
      schema: {
        tags: ["events"],
        description: "JSON Schema of every event type",
        response: { 200: z.object({ types: z.record(z.string(), z.unknown()) }) },
      },
    },
    async () => ({ types: eventJsonSchemas() }),
  );
}
