import { ErrorBody, EventAccepted, EventListQuery, eventJsonSchemas, KNOWN_EVENT_TYPES, page, parseEvent, StoredEvent } from "@hub/contracts";
import { acceptEvent, listEvents } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayPublish } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest } from "../errors";

const security = [{ bearer: [] }];

export async function eventRoutes(app: FastifyInstance, { db, config }: ApiDeps) {
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
      if (!parsed.ok)
        throw badRequest(
          parsed.error,
          parsed.issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
        );
      assertMayPublish(p, parsed.event);
      const status = await acceptEvent(db, parsed.event, { submittedBy: p.email, topicPrefix: config.topicPrefix });
      return reply.status(status === "accepted" ? 202 : 200).send({ id: parsed.event.id, status });
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
