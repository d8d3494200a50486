/**
 * Outbound CloudEvents subscriptions (issue 10): an organisation's own system receives what its
 * subscribing user may see, signed. The relay delivers (services/relay/src/subscriptions); the
 * API only records subscriptions and reports their delivery state.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { type SubscriptionConfig, subscriptionConfig } from "@hub/config";
import {
  CreateSubscriptionBody,
  ErrorBody,
  type Principal,
  receiverUrlProblem,
  SIGNATURE_HEADER,
  SUBSCRIBABLE_TYPES,
  SUBSCRIPTIONS_PER_ORG,
  SubscriptionCreated,
  SubscriptionItem,
} from "@hub/contracts";
import { countOrgSubscriptions, createSubscription, deleteSubscription, listSubscriptions } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, conflict, forbidden, notFound } from "../errors";

const security = [{ bearer: [] }];
const SUBSCRIBERS = new Set(["ADMIN", "MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF"]);

/** An organisation's own staff subscribe its systems, and admins; HQ reviewers read histories instead. */
function assertMaySubscribe(p: Principal): void {
  if (!SUBSCRIBERS.has(p.role)) throw forbidden("Subscriptions are made by an organisation's own staff, or by an administrator");
}

export async function subscriptionRoutes(app: FastifyInstance, deps: ApiDeps & { subscriptions?: SubscriptionConfig }) {
  const { db } = deps;
  const rule = deps.subscriptions ?? subscriptionConfig();
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/v1/subscriptions",
    {
      schema: {
        tags: ["subscriptions"],
        security,
        description: [
          "Subscribe your organisation's system to the events and joint-task changes you may see, delivered as CloudEvents by HTTP POST",
          `(structured mode, application/cloudevents+json), signed: header ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the exact body under the secret>.`,
          "The secret is in this answer only. Deliveries are retried with exponential backoff; after the last attempt the subscription is parked with the reason.",
          `Types: ${SUBSCRIBABLE_TYPES.join(", ")}.`,
        ].join(" "),
        body: CreateSubscriptionBody,
        response: { 201: SubscriptionCreated, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      assertMaySubscribe(p);
      const problem = receiverUrlProblem(req.body.url, { allowHosts: rule.allowHosts, production: rule.production });
      if (problem) throw badRequest(`The request is invalid: body.url ${problem}`, [{ path: "body.url", message: problem }]);
      if ((await countOrgSubscriptions(db, p.orgCode)) >= SUBSCRIPTIONS_PER_ORG) {
        throw conflict(`${p.orgCode} already has ${SUBSCRIPTIONS_PER_ORG} subscriptions; delete one first`);
      }
      const secret = randomBytes(32).toString("base64url");
      const created = await createSubscription(db, {
        id: randomUUID(),
        userId: p.userId,
        orgCode: p.orgCode,
        url: req.body.url,
        types: req.body.types,
        secret,
      });
      return reply.status(201).send({ ...created, secret });
    },
  );

  r.get(
    "/v1/subscriptions",
    {
      schema: {
        tags: ["subscriptions"],
        security,
        description: "Your organisation's subscriptions (an administrator: all) with their delivery state; never their secrets.",
        response: { 200: z.object({ items: z.array(SubscriptionItem) }), 403: ErrorBody },
      },
    },
    async (req) => {
      const p = caller(req);
      assertMaySubscribe(p);
      return { items: await listSubscriptions(db, p) };
    },
  );

  r.delete(
    "/v1/subscriptions/:id",
    {
      schema: {
        tags: ["subscriptions"],
        security,
        description: "Removes a subscription of your organisation (an administrator: any) and what was still owed to it.",
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ id: z.string(), status: z.literal("deleted") }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const p = caller(req);
      assertMaySubscribe(p);
      if (!(await deleteSubscription(db, p, req.params.id))) throw notFound(`No subscription ${req.params.id}`);
      return { id: req.params.id, status: "deleted" as const };
    },
  );
}
