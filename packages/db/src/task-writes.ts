/**
 * Writes of the joint-task read model. Activities call these; activities run at least once,
 * so every write is an upsert or a guarded update, and timeline/audit rows carry dedupe keys.
 */
import type {
  Actor,
  ApprovalEscalationRecord,
  ApprovalRequestRecord,
  AssignmentActionRecord,
  AssignmentsRecord,
  CloseTaskRecord,
  DecisionRecord,
  OpenTaskRecord,
  TaskStatus,
  TimelineRecord,
} from "@hub/contracts";
import type { Db, Tx } from "./client";
import type { Prisma } from "./generated/prisma/client";

const json = (v: unknown) => v as Prisma.InputJsonValue;

async function timeline(tx: Tx | Db, e: TimelineRecord): Promise<void> {
  await tx.timelineEntry.createMany({
    data: [
      {
        workflowId: e.workflowId,
        dedupeKey: e.dedupeKey,
        at: new Date(e.at),
        actorEmail: e.actor?.email ?? null,
        actorOrg: e.actor?.org ?? null,
        action: e.action,
        detail: json(e.detail),
      },
    ],
    skipDuplicates: true,
  });
}

interface AuditInput {
  dedupeKey: string;
  at: string;
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

async function audit(tx: Tx, { actor, before, after, at, ...rest }: AuditInput): Promise<void> {
  await tx.auditLog.createMany({
    data: [{ ...rest, at: new Date(at), actorEmail: actor.email, actorOrg: actor.org, before: json(before), after: json(after) }],
    skipDuplicates: true,
  });
}

export async function openTask(db: Db, t: OpenTaskRecord): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.jointTask.createMany({
      data: [
        {
          id: t.workflowId,
          kind: t.kind,
          country: t.country,
          caseRef: t.caseRef,
          title: t.title,
          status: "awaiting_approval",
          startedAt: new Date(t.at),
        },
      ],
      skipDuplicates: true,
    });
    await timeline(tx, {
      workflowId: t.workflowId,
      dedupeKey: `event:${t.event.source}:${t.event.id}`,
      at: t.at,
      actor: t.publishedBy,
      action: "event.received",
      detail: { type: t.event.type, source: t.event.source, id: t.event.id, data: t.event.data },
    });
  });
}

export async function addTimelineEntry(db: Db, e: TimelineRecord): Promise<void> {
  await timeline(db, e);
}

export async function requestApproval(db: Db, a: ApprovalRequestRecord): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.approval.createMany({
      data: [
        {
          id: a.approvalId,
          workflowId: a.workflowId,
          round: a.round,
          missionCode: a.missionCode,
          plan: json(a.plan),
          status: "pending",
          requestedAt: new Date(a.at),
          decideBy: new Date(a.decideBy),
        },
      ],
      skipDuplicates: true,
    });
    await tx.jointTask.update({ where: { id: a.workflowId }, data: { status: "awaiting_approval" satisfies TaskStatus } });
    if (a.round === 1) {
      // Later rounds' plans are entered by the mission (plan.revised); the first is the template's.
      await timeline(tx, {
        workflowId: a.workflowId,
        dedupeKey: "plan:1:drafted",
        at: a.at,
        actor: null,
        action: "plan.drafted",
        detail: { plan: a.plan },
      });
    }
    await timeline(tx, {
      workflowId: a.workflowId,
      dedupeKey: `approval:${a.round}:requested`,
      at: a.at,
      actor: null,
      action: "approval.requested",
      detail: { approvalId: a.approvalId, round: a.round, decider: a.missionCode, decideBy: a.decideBy, plan: a.plan, note: a.note ?? null },
    });
  });
}

export async function escalateApproval(db: Db, a: ApprovalEscalationRecord): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.approval.updateMany({ where: { id: a.approvalId, escalatedAt: null }, data: { escalatedAt: new Date(a.at) } });
    await timeline(tx, {
      workflowId: a.workflowId,
      dedupeKey: `approval:${a.round}:escalated`,
      at: a.at,
      actor: null,
      action: "approval.escalated",
      detail: { approvalId: a.approvalId, to: "MOFA", reason: "the head of mission did not decide before the deadline" },
    });
  });
}

const APPROVAL_STATUS = { approve: "approved", reject: "rejected", request_changes: "changes_requested" } as const;
const TASK_STATUS: Record<DecisionRecord["decision"], TaskStatus> = {
  approve: "in_progress",
  reject: "rejected",
  request_changes: "changes_requested",
};

export async function recordDecision(db: Db, d: DecisionRecord): Promise<void> {
  const status = APPROVAL_STATUS[d.decision];
  const at = new Date(d.at);
  await db.$transaction(async (tx) => {
    const before = await tx.approval.findUniqueOrThrow({ where: { id: d.approvalId } });
    if (before.status === "pending") {
      await tx.approval.update({
        where: { id: d.approvalId },
        data: { status, decision: d.decision, comment: d.comment ?? null, decidedAt: at, decidedByEmail: d.actor.email, decidedByOrg: d.actor.org },
      });
      await tx.jointTask.update({
        where: { id: d.workflowId },
        data: { status: TASK_STATUS[d.decision], ...(d.decision === "reject" ? { closedAt: at } : {}) },
      });
    }
    await timeline(tx, {
      workflowId: d.workflowId,
      dedupeKey: `approval:${d.round}:decided`,
      at: d.at,
      actor: d.actor,
      action: `approval.${status}`,
      detail: { approvalId: d.approvalId, decision: d.decision, comment: d.comment ?? null },
    });
    await audit(tx, {
      dedupeKey: `${d.workflowId}:approval:${d.round}:decided`,
      at: d.at,
      actor: d.actor,
      action: `approval.${d.decision}`,
      entity: "approval",
      entityId: d.approvalId,
      before: { status: before.status },
      after: { status, comment: d.comment ?? null },
    });
  });
}

export async function createAssignments(db: Db, a: AssignmentsRecord): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.assignment.createMany({
      data: a.items.map((i) => ({
        id: i.id,
        workflowId: a.workflowId,
        key: i.key,
        orgCode: i.org,
        description: i.task,
        dueOn: i.dueOn,
        status: "pending",
      })),
      skipDuplicates: true,
    });
    for (const i of a.items) {
      await timeline(tx, {
        workflowId: a.workflowId,
        dedupeKey: `assignment:${i.key}:created`,
        at: a.at,
        actor: a.actor,
        action: "assignment.created",
        detail: { assignmentId: i.id, org: i.org, task: i.task, dueOn: i.dueOn },
      });
      await audit(tx, {
        dedupeKey: `${a.workflowId}:assignment:${i.key}:created`,
        at: a.at,
        actor: a.actor,
        action: "assignment.create",
        entity: "assignment",
        entityId: i.id,
        before: null,
        after: { org: i.org, task: i.task, dueOn: i.dueOn, status: "pending" },
      });
    }
  });
}

export async function recordAssignmentAction(db: Db, a: AssignmentActionRecord): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.assignment.updateMany({
      where: { id: a.assignmentId, status: a.from },
      data: {
        status: a.to,
        ...(a.action === "complete" ? { report: a.text ?? null } : {}),
        ...(a.action === "decline" ? { declineReason: a.text ?? null } : {}),
      },
    });
    const key = `assignment:${a.assignmentId}:action:${a.seq}`;
    await timeline(tx, {
      workflowId: a.workflowId,
      dedupeKey: key,
      at: a.at,
      actor: a.actor,
      action: `assignment.${a.action}`,
      detail: { assignmentId: a.assignmentId, from: a.from, to: a.to, text: a.text ?? null },
    });
    await audit(tx, {
      dedupeKey: `${a.workflowId}:${key}`,
      at: a.at,
      actor: a.actor,
      action: `assignment.${a.action}`,
      entity: "assignment",
      entityId: a.assignmentId,
      before: { status: a.from },
      after: { status: a.to, text: a.text ?? null },
    });
  });
}

export async function closeTask(db: Db, c: CloseTaskRecord): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.jointTask.update({
      where: { id: c.workflowId },
      data: { status: c.status, closedAt: new Date(c.at), closingReport: c.report ? json(c.report) : undefined },
    });
    await timeline(tx, { workflowId: c.workflowId, dedupeKey: "closed", at: c.at, actor: null, action: `task.${c.status}`, detail: c.report ?? {} });
  });
}
