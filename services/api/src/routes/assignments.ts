import {
  AssignBody,
  type AssignmentAction,
  AssignmentItem,
  AssignmentListQuery,
  CompleteBody,
  DeclineBody,
  ErrorBody,
  nextAssignmentStatus,
  ProgressBody,
  page,
} from "@hub/contracts";
import { findAssignment, findVisibleTaskRow, isLeadOf, listAssignments, personPostedAt, toAssignmentItem } from "@hub/db";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayActOnAssignment, unseen } from "../access";
import { assertHolderOrLead } from "../assignment-holder";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, conflict } from "../errors";
import { sendAssignmentAction, sendClaim } from "../workflow-commands";

const security = [{ bearer: [] }];
const Params = z.object({ id: z.string().uuid() });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function assignmentRoutes(app: FastifyInstance, { db, temporal }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/v1/assignments",
    { schema: { tags: ["assignments"], security, querystring: AssignmentListQuery, response: { 200: page(AssignmentItem), ...errors } } },
    async (req) => listAssignments(db, caller(req), req.query),
  );

  async function act(req: FastifyRequest, reply: FastifyReply, id: string, action: AssignmentAction, text?: string, outcome?: string) {
    const p = caller(req);
    const a = await findAssignment(db, id);
    // Whoever sees the task sees its assignments (in the task's detail): others get the 404 of an unknown id.
    if (!a || !(await findVisibleTaskRow(db, p, a.workflowId))) throw unseen("assignment", id);
    assertMayActOnAssignment(p, a);
    const asLead = await assertHolderOrLead(db, p, a);
    if (!nextAssignmentStatus(a.status as never, action)) throw conflict(`Cannot ${action} an assignment that is ${a.status}`);
    const outcomes = a.outcomes ?? [];
    if (action === "complete" && outcomes.length > 0 && (!outcome || !outcomes.includes(outcome))) {
      const message = `must be one of ${outcomes.join(", ")}`;
      throw badRequest(`Completing this assignment needs an outcome: body.outcome ${message}`, [{ path: "body.outcome", message }]);
    }
    const sent = await sendAssignmentAction(temporal, a.workflowId, {
      assignmentId: a.id,
      action,
      text,
      outcome,
      actor: { email: p.email, org: p.orgCode },
      // Whether the caller may act on an assignment a colleague holds: the task decides, on the directory's word.
      ...(asLead ? { asLead } : {}),
    });
    return reply.status(sent === "recorded" ? 200 : 202).send(toAssignmentItem((await findAssignment(db, id)) as NonNullable<typeof a>));
  }

  /**
   * Claim, release, assign: who in the organisation holds the assignment. The workflow decides
   * (409 when someone else holds it, 403 for another organisation or a non-lead assigning); the
   * API first answers what it can see itself: the 404 of an assignment the caller may not see,
   * the 403 across organisations, the 400 of a person not posted at the organisation today.
   */
  async function claim(req: FastifyRequest, reply: FastifyReply, id: string, action: "claim" | "release" | "assign", toEmail?: string) {
    const p = caller(req);
    const a = await findAssignment(db, id);
    if (!a || !(await findVisibleTaskRow(db, p, a.workflowId))) throw unseen("assignment", id);
    assertMayActOnAssignment(p, a);
    let to: { email: string; name?: string } | undefined;
    if (action === "assign") {
      const person = await personPostedAt(db, toEmail as string, a.orgCode);
      if (!person) {
        const message = `names nobody posted at ${a.orgCode} today`;
        throw badRequest(`An assignment of ${a.orgCode} can be assigned only to a person posted there today: body.to ${message}`, [
          { path: "body.to", message },
        ]);
      }
      to = { email: person.email, name: person.name };
    } else if (action === "claim") {
      const me = await personPostedAt(db, p.email, a.orgCode);
      to = { email: p.email, ...(me ? { name: me.name } : {}) };
    }
    const asLead = action !== "claim" && (await isLeadOf(db, p.email, a.orgCode));
    const sent = await sendClaim(temporal, a.workflowId, {
      assignmentId: a.id,
      action,
      ...(to ? { to } : {}),
      actor: { email: p.email, org: p.orgCode },
      ...(asLead ? { asLead } : {}),
    });
    return reply.status(sent === "recorded" ? 200 : 202).send(toAssignmentItem((await findAssignment(db, id)) as NonNullable<typeof a>));
  }

  const route = { tags: ["assignments"], security, params: Params, response: { 200: AssignmentItem, 202: AssignmentItem, ...errors } };
  r.post("/v1/assignments/:id/ack", { schema: { ...route, description: "Acknowledge receipt" } }, (req, reply) =>
    act(req, reply, req.params.id, "ack"),
  );
  r.post("/v1/assignments/:id/progress", { schema: { ...route, body: ProgressBody, description: "Report progress" } }, (req, reply) =>
    act(req, reply, req.params.id, "progress", req.body.note),
  );
  r.post(
    "/v1/assignments/:id/complete",
    { schema: { ...route, body: CompleteBody, description: "Complete with a report (and an outcome, where the assignment lists outcomes)" } },
    (req, reply) => act(req, reply, req.params.id, "complete", req.body.report, req.body.outcome),
  );
  r.post("/v1/assignments/:id/decline", { schema: { ...route, body: DeclineBody, description: "Decline with a reason" } }, (req, reply) =>
    act(req, reply, req.params.id, "decline", req.body.reason),
  );
  r.post(
    "/v1/assignments/:id/claim",
    { schema: { ...route, description: "Take the assignment from the organisation's queue (409 when someone else holds it, naming them)" } },
    (req, reply) => claim(req, reply, req.params.id, "claim"),
  );
  r.post(
    "/v1/assignments/:id/release",
    { schema: { ...route, description: "Put the assignment back in the organisation's queue: its holder, or a lead of the organisation" } },
    (req, reply) => claim(req, reply, req.params.id, "release"),
  );
  r.post(
    "/v1/assignments/:id/assign",
    {
      schema: {
        ...route,
        body: AssignBody,
        description: "A lead of the organisation assigns (or reassigns) the assignment to a person posted there today",
      },
    },
    (req, reply) => claim(req, reply, req.params.id, "assign", req.body.to),
  );
}
