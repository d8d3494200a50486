import { Cursor, DeadLetterItem, ErrorBody, Limit, ParkedOutboxItem, page } from "@hub/contracts";
import { findDeadLetter, listDeadLetters, listParkedOutbox, releaseParkedOutbox, replayDeadLetter } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertAdmin, assertMayReadDeadLetters, maySeeDeadLetters, unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, conflict, notFound } from "../errors";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function deadLetterRoutes(app: FastifyInstance, { db }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/v1/dead-letters",
    {
      schema: {
        tags: ["operations"],
        security,
        querystring: z.object({ limit: Limit, cursor: Cursor.optional() }),
        response: { 200: page(DeadLetterItem), ...errors },
      },
    },
    async (req) => {
      assertMayReadDeadLetters(caller(req));
      return listDeadLetters(db, req.query);
    },
  );

  r.post(
    "/v1/dead-letters/:id/replay",
    {
      schema: {
        tags: ["operations"],
        security,
        description: "Publishes a parked message again on its original topic (after the cause was fixed).",
        params: z.object({ id: z.string().uuid() }),
        response: { 202: z.object({ status: z.literal("replayed") }), ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const d = await findDeadLetter(db, req.params.id);
      // Those who may not list dead letters learn nothing about their ids; HQ sees them but only admins replay.
      if (!d || !maySeeDeadLetters(p)) throw unseen("dead letter", req.params.id);
      assertAdmin(p);
      if (d.replayedAt) throw conflict(`Already replayed at ${d.replayedAt.toISOString()}`);
      const replayed = await replayDeadLetter(db, d.id);
      if (replayed === "not_json") throw badRequest("This message is not JSON; it cannot be replayed");
      // Another replay of the same letter won the race: it was published once, by that one.
      if (replayed === "already_replayed") throw conflict("Already replayed by a concurrent request");
      return reply.status(202).send({ status: "replayed" as const });
    },
  );

  // The relay's side of the same idea: outbox rows Kafka refused, set aside so the rows behind them went on.
  r.get(
    "/v1/outbox/parked",
    {
      schema: {
        tags: ["operations"],
        security,
        description: "Outbox rows the relay could not publish for a reason of their own (newest first), with the reason.",
        querystring: z.object({ limit: Limit, cursor: Cursor.optional() }),
        response: { 200: page(ParkedOutboxItem), ...errors },
      },
    },
    async (req) => {
      assertMayReadDeadLetters(caller(req));
      return listParkedOutbox(db, req.query);
    },
  );

  r.post(
    "/v1/outbox/parked/:id/release",
    {
      schema: {
        tags: ["operations"],
        security,
        description: "Puts a parked outbox row back in the relay's queue (after the cause was fixed); parked again if it fails again.",
        params: z.object({ id: z.string().regex(/^[1-9]\d{0,17}$/, "must be an outbox row id (a positive whole number)") }),
        response: { 202: z.object({ status: z.literal("released") }), ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      if (!maySeeDeadLetters(p)) throw unseen("parked outbox row", req.params.id);
      assertAdmin(p);
      const released = await releaseParkedOutbox(db, req.params.id);
      if (released === "not-found") throw notFound(`No outbox row ${req.params.id}`);
      if (released === "not-parked") throw conflict(`Outbox row ${req.params.id} is not parked: it waits to be published or was published`);
      return reply.status(202).send({ status: "released" as const });
    },
  );
}
