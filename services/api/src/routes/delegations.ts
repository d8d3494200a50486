import { DelegationBody, DelegationCandidates, DelegationItem, ErrorBody } from "@hub/contracts";
import { createDelegation, findDelegation, findUserByEmail, listDelegations, listMembers, revokeDelegation, toDelegationItem } from "@hub/db";
import { addDays, dayOf } from "@hub/joint-task";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayDelegate, assertMayReadDelegations, assertMayRevoke, maySeeDelegation, unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, conflict } from "../errors";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** A delegation covers an absence, not a term of office. */
const MAX_DAYS = 366;

export async function delegationRoutes(app: FastifyInstance, { db }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => dayOf(Date.now());

  r.post(
    "/v1/delegations",
    {
      schema: {
        tags: ["delegations"],
        security,
        description:
          "A head of mission names an acting head (직무대리) from the staff of the same mission: from `from` to `until` (UTC days, inclusive) the delegate decides the mission's approvals on the head's behalf.",
        body: DelegationBody,
        response: { 201: DelegationItem, ...errors },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      assertMayDelegate(p);
      const { to, from, until } = req.body;
      const issues: { path: string; message: string }[] = [];
      if (until < from) issues.push({ path: "body.until", message: `is before body.from (${from})` });
      // UTC days, as the delegation's activity is judged: a window that ended before today would never be active.
      else if (until < today()) issues.push({ path: "body.until", message: "is in the past: a delegation must cover today or a day to come" });
      else if (addDays(from, MAX_DAYS) < until) issues.push({ path: "body.until", message: `makes the delegation longer than ${MAX_DAYS} days` });
      const delegate = await findUserByEmail(db, to);
      if (!delegate) issues.push({ path: "body.to", message: `no account ${to}` });
      else if (delegate.org.code !== p.orgCode || delegate.role !== "MISSION_STAFF") {
        issues.push({ path: "body.to", message: `${to} is not on the staff of ${p.orgCode}: an acting head is a staff member of your own mission` });
      }
      if (issues.length > 0 || !delegate)
        throw badRequest(`The delegation is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
      const d = await createDelegation(
        db,
        {
          missionCode: p.orgCode,
          grantedBy: { id: p.userId, email: p.email },
          delegate: { id: delegate.id, email: delegate.email },
          validFrom: from,
          validUntil: until,
        },
        { email: p.email, org: p.orgCode },
      );
      return reply.status(201).send(toDelegationItem(d, today()));
    },
  );

  r.get(
    "/v1/delegations",
    {
      schema: {
        tags: ["delegations"],
        security,
        description: "Your mission's delegations, newest first (HQ and administrators: every mission's).",
        response: { 200: z.object({ items: z.array(DelegationItem) }), ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      assertMayReadDelegations(p);
      const t = today();
      return { items: (await listDelegations(db, p)).map((d) => toDelegationItem(d, t)) };
    },
  );

  r.get(
    "/v1/delegations/candidates",
    {
      schema: {
        tags: ["delegations"],
        security,
        description: "Whom you may name acting head: the staff of your own mission, by name (heads of mission only).",
        response: { 200: DelegationCandidates, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      assertMayDelegate(p);
      return { items: await listMembers(db, p.orgCode, "MISSION_STAFF") };
    },
  );

  r.delete(
    "/v1/delegations/:id",
    {
      schema: {
        tags: ["delegations"],
        security,
        description: "The head revokes a delegation; from then on the delegate's decisions are refused.",
        params: z.object({ id: z.string().uuid() }),
        response: { 200: DelegationItem, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      const d = await findDelegation(db, req.params.id);
      if (!d || !maySeeDelegation(p, d)) throw unseen("delegation", req.params.id);
      assertMayRevoke(p, d);
      if (d.revokedAt) throw conflict(`This delegation was already revoked at ${d.revokedAt.toISOString()}`);
      return toDelegationItem(await revokeDelegation(db, d.id, { email: p.email, org: p.orgCode }), today());
    },
  );
}
