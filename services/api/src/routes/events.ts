import {
  asyncApiDocument,
  CE_BATCH,
  ErrorBody,
  EVENT_BATCH_MAX,
  EventAccepted,
  type EventBatchOutcome,
  EventBatchResult,
  type EventIssue,
  EventListQuery,
  eventJsonSchemas,
  eventSpec,
  fromHttpBinary,
  isHttpBinary,
  KNOWN_EVENT_TYPES,
  mediaTypeOf,
  PLAN_SUBMITTED,
  type Principal,
  page,
  parseEvent,
  StoredEvent,
  type TypedEvent,
} from "@hub/contracts";
import { acceptEvent, countryLead, dutiesOf, listEvents, planContext, type Queryable, taskOfEvent, teamLeadOf } from "@hub/db";
import { dayOf, type PlanIssue } from "@hub/joint-task";
import { routeOf } from "@hub/kinds";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayPublish, assertOpen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, HttpError } from "../errors";
import type { PublicationCharge } from "../limits";
import { subscriptionRoutes } from "./subscriptions";

const security = [{ bearer: [] }];

export const issuesUnder = (prefix: string, issues: PlanIssue[]) => issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message }));

/** An event that opens a task is checked against the directory as the task will check it: refused here, not dead-lettered later. */
export async function startEventIssues(deps: Pick<ApiDeps, "directory">, e: TypedEvent): Promise<PlanIssue[]> {
  const route = routeOf(e.type, e.data);
  if (route?.role !== "start" || !route.module.checkStart) return [];
  const dir = await deps.directory();
  // In the publisher's team: a consulate general's when it leads one, else the country's.
  const ctx = planContext(dir, e.data.country, dayOf(Date.now()), teamLeadOf(dir, e.source, e.data.country));
  if (!ctx.mission) return [{ path: "data.country", message: `no mission leads Team Korea in ${e.data.country}` }];
  if (e.type === PLAN_SUBMITTED) {
    // A mission's own plan names its mission when that is not the country's leading one (its id and approver follow it).
    const named = (e.data as { mission?: string }).mission;
    const leading = countryLead(dir, e.data.country)?.code;
    const own = e.source !== leading ? e.source : undefined;
    if (named !== own) {
      const message = own
        ? `must be ${own}: the plan of a mission other than the one leading Team Korea in ${e.data.country} (${leading}) names its mission`
        : `must be left out: ${leading} leads Team Korea in ${e.data.country}`;
      return [{ path: "data.mission", message }];
    }
  }
  return route.module.checkStart(e.data, ctx);
}

/** In binary mode an attribute's issue is its header's, and the data's the body's. */
const binaryIssues = (issues: EventIssue[]) =>
  issues.map((i) => ({
    path:
      i.path === "data" || i.path.startsWith("data.")
        ? `body${i.path.slice(4)}`
        : i.path === "datacontenttype"
          ? "headers.content-type"
          : `headers.ce-${i.path}`,
    message: i.message,
  }));

const idOf = (item: unknown): string | null =>
  typeof item === "object" && item !== null && typeof (item as { id?: unknown }).id === "string" ? (item as { id: string }).id : null;

export async function eventRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Parses, authorises and checks one event; throws the HttpError it would be refused with alone. */
  async function admit(
    p: Principal,
    input: unknown,
    where: (issues: EventIssue[]) => EventIssue[] = (i) => issuesUnder("body", i),
  ): Promise<TypedEvent> {
    const parsed = parseEvent(input);
    if (!parsed.ok) throw badRequest(parsed.error, where(parsed.issues));
    const e = parsed.event;
    const dir = await deps.directory();
    assertMayPublish(p, e, eventSpec(e.type).publish, p.orgCountry ? [] : dutiesOf(dir, p.orgCode));
    if (routeOf(e.type, e.data)?.role === "start") assertOpen(dir.orgs.get(p.orgCode));
    const issues = await startEventIssues(deps, e);
    if (issues.length > 0) {
      throw badRequest(`The event cannot open a task: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issuesUnder("body", issues));
    }
    return e;
  }
  const accept = async (q: Queryable, p: Principal, e: TypedEvent) => {
    const { workflowId } = await taskOfEvent(q, await deps.directory(), e);
    return acceptEvent(q, e, { submittedBy: p.email, topicPrefix: config.topicPrefix, workflowId });
  };

  /**
   * Batch mode: each event is checked on its own and refused on its own; the accepted ones are
   * written in one transaction, so a failure leaves none of them half-written.
   */
  async function acceptBatch(p: Principal, items: unknown[], charge: PublicationCharge): Promise<EventBatchOutcome[]> {
    const outcomes: EventBatchOutcome[] = [];
    const admitted: { index: number; event: TypedEvent }[] = [];
    for (const [index, item] of items.entries()) {
      // The request counted the first event; the charge, how many of the others fit in the window.
      if (index > charge.allowed && charge.refusal) {
        outcomes.push({ index, id: idOf(item), status: "refused", statusCode: 429, error: charge.refusal.message });
        continue;
      }
      try {
        admitted.push({ index, event: await admit(p, item) });
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        const issues = err.issues?.map((i) => ({ path: i.path.replace(/^body\b/, `body.${index}`), message: i.message }));
        outcomes.push({ index, id: idOf(item), status: "refused", statusCode: err.statusCode, error: err.message, ...(issues ? { issues } : {}) });
      }
    }
    await db.tx(async (tx) => {
      for (const { index, event } of admitted) outcomes.push({ index, id: event.id, status: await accept(tx, p, event) });
    });
    return outcomes.sort((a, b) => a.index - b.index);
  }

  r.post(
    "/v1/events",
    {
      schema: {
        tags: ["events"],
        security,
        description: [
          "Publish CloudEvents 1.0 as your organisation, in any HTTP content mode:",
          "structured (content-type application/cloudevents+json, or application/json), the event as the body;",
          "binary (ce-specversion, ce-id, ce-source, ce-type ... headers, the data as the body with its own content-type application/json);",
          `batch (content-type ${CE_BATCH}, a JSON array of at most ${EVENT_BATCH_MAX} events, answered 200 with an outcome per event).`,
          "time, subject, datacontenttype and dataschema are optional (time defaults to the moment of acceptance); extension attributes are kept.",
          `Known types: ${KNOWN_EVENT_TYPES.join(", ")}; their JSON Schemas are at /v1/event-types, the Kafka side at /asyncapi.json.`,
        ].join(" "),
        body: z
          .union([z.looseObject({}), z.array(z.unknown())])
          .describe("A CloudEvent (structured mode), the event's data (binary mode) or an array of CloudEvents (batch mode)"),
        response: { 200: z.union([EventAccepted, EventBatchResult]), 202: EventAccepted, 400: ErrorBody, 403: ErrorBody, 415: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const batch = mediaTypeOf(req.headers["content-type"]) === CE_BATCH;
      if (batch) {
        if (!Array.isArray(req.body))
          throw badRequest("The request is invalid: body must be a JSON array of CloudEvents in batch mode", [
            { path: "body", message: "must be an array" },
          ]);
        if (req.body.length > EVENT_BATCH_MAX) {
          const message = `holds ${req.body.length} events; a batch holds at most ${EVENT_BATCH_MAX}`;
          throw badRequest(`The request is invalid: body ${message}`, [{ path: "body", message }]);
        }
        // Every event counts against the publishing limit, not the batch as one; those beyond it are refused (429) in their outcome.
        const charge = await app.chargePublications(req, Math.max(0, req.body.length - 1));
        if (charge.refusal) reply.header("retry-after", charge.refusal.retryAfter);
        return reply.status(200).send({ results: await acceptBatch(p, req.body, charge) });
      }
      if (Array.isArray(req.body) && !isHttpBinary(req.headers)) {
        const message = `is an array: send one event as an object, or several with content-type ${CE_BATCH}`;
        throw badRequest(`The request is invalid: body ${message}`, [{ path: "body", message }]);
      }
      const e = isHttpBinary(req.headers) ? await admit(p, fromHttpBinary(req.headers, req.body), binaryIssues) : await admit(p, req.body);
      const status = await accept(db, p, e);
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

  // The Kafka side, described from the same contracts; public like /openapi.json. Built once.
  const asyncApi = asyncApiDocument({ topicPrefix: config.topicPrefix });
  app.get("/asyncapi.json", { config: { public: true }, schema: { hide: true } }, async () => asyncApi);

  // The other direction: organisations' systems receiving CloudEvents from the hub.
  await subscriptionRoutes(app, deps);
}
