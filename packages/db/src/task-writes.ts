/**
 * Writes of the joint-task read model. Activities call these; activities run at least once,
 * so every write is an upsert or a guarded update, and timeline/audit rows carry dedupe keys.
 */
import type { Actor, AssignmentStatus, ClosingReport, Plan, TaskStatus } from "@hub/contracts";
import type { Db, Tx } from "./client";
import type { Prisma } from "./generated/prisma/client";

const json = (v: unknown) => v as Prisma.InputJsonValue;

interface TimelineInput {
  workflowId: string;
  dedupeKey: string;
  at: Date;
  actor: Actor | null;
  action: string;
  detail: unknown;
}

async function timeline(tx: Tx | Db, e: TimelineInput): Promise<void> {
  await tx.timelineEntry.createMany({
    data: [
      {
        workflowId: e.workflowId,
        dedupeKey: e.dedupeKey,
        at: e.at,
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
  at: Date;
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

async function audit(tx: Tx, { actor, before, after, ...rest }: AuditInput): Promise<void> {
  await tx.auditLog.createMany({
    data: [{ ...rest, actorEmail: actor.email, actorOrg: actor.org, before: json(before), after: json(after) }],
    skipDuplicates: true,
  });
}

export async function openTask(
  db: Db,
  t: { workflowId: string; kind: string; country: string; caseRef: string; title: string; at: Date },
  event: { source: string; id: string; type: string; data: unknown; actor: Actor | null },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.jointTask.createMany({
      data: [
        { id: t.workflowId, kind: t.kind, country: t.country, caseRef: t.caseRef, title: t.title, status: "awaiting_approval", startedAt: t.at },
      ],
      skipDuplicates: true,
    });
    await timeline(tx, {
      workflowId: t.workflowId,
      dedupeKey: `event:${event.source}:${event.id}`,
      at: t.at,
      actor: event.actor,
      action: "event.received",
      detail: { type: event.type, source: event.source, id: event.id, data: event.data },
    });
  });
}

export async function addTimelineEntry(db: Db, e: TimelineInput): Promise<void> {
  await timeline(db, e);
}

export async function requestApproval(
  db: Db,
  a: { workflowId: string; approvalId: string; round: number; missionCode: string; plan: Plan; at: Date; decideBy: Date; note?: string },
): Promise<void> {
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
          requestedAt: a.at,
          decideBy: a.decideBy,
        },
      ],
      skipDuplicates: true,
    });
    await tx.jointTask.update({ where: { id: a.workflowId }, data: { status: "awaiting_approval" satisfies TaskStatus } });
    await timeline(tx, {
      workflowId: a.workflowId,
      dedupeKey: `approval:${a.round}:requested`,
      at: a.at,
      actor: null,
      action: "approval.requested",
      detail: {
        approvalId: a.approvalId,
        round: a.round,
        decider: a.missionCode,
        decideBy: a.decideBy.toISOString(),
        plan: a.plan,
        note: a.note ?? null,
      },
    });
  });
}

export async function escalateApproval(db: Db, a: { workflowId: string; approvalId: string; round: number; at: Date }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.approval.updateMany({ where: { id: a.approvalId, escalatedAt: null }, data: { escalatedAt: a.at } });
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

export async function recordDecision(
  db: Db,
  d: {
    workflowId: string;
    approvalId: string;
    round: number;
    decision: "approve" | "reject" | "request_changes";
    comment?: string;
    actor: Actor;
    at: Date;
  },
): Promise<void> {
  const status = { approve: "approved", reject: "rejected", request_changes: "changes_requested" }[d.decision];
  const taskStatus: TaskStatus = { approve: "in_progress", reject: "rejected", request_changes: "changes_requested" }[d.decision] as TaskStatus;
  await db.$transaction(async (tx) => {
    const before = await tx.approval.findUniqueOrThrow({ where: { id: d.approvalId } });
    if (before.status === "pending") {
      await tx.approval.update({
        where: { id: d.approvalId },
        data: { status, decision: d.decision, comment: d.comment ?? null, decidedAt: d.at, decidedByEmail: d.actor.email, decidedByOrg: d.actor.org },
      });
      await tx.jointTask.update({
        where: { id: d.workflowId },
        data: { status: taskStatus, ...(d.decision === "reject" ? { closedAt: d.at } : {}) },
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

export async function createAssignments(
  db: Db,
  a: { workflowId: string; items: { id: string; key: string; org: string; task: string; dueOn: string }[]; actor: Actor; at: Date },
): Promise<void> {
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

export async function recordAssignmentAction(
  db: Db,
  a: {
    workflowId: string;
    assignmentId: string;
    seq: number;
    action: string;
    from: AssignmentStatus;
    to: AssignmentStatus;
    text?: string;
    actor: Actor;
    at: Date;
  },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.assignment.updateMany({
      where: { id: a.assignmentId, status: a.from },
      data: {
        status: a.to,
        ...(a.action === "complete" ? { report: a.text ?? null } : {}),
        ...(a.action === "decline" ? { declineReason: a.text ?? null } : {}),
      },
    });
    await timeline(tx, {
      workflowId: a.workflowId,
      dedupeKey: `assignment:${a.assignmentId}:action:${a.seq}`,
      at: a.at,
      actor: a.actor,
      action: `assignment.${a.action}`,
      detail: { assignmentId: a.assignmentId, from: a.from, to: a.to, text: a.text ?? null },
    });
    await audit(tx, {
      dedupeKey: `${a.workflowId}:assignment:${a.assignmentId}:action:${a.seq}`,
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

export async function closeTask(db: Db, c: { workflowId: string; status: TaskStatus; report: ClosingReport | null; at: Date }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.jointTask.update({
      where: { id: c.workflowId },
      data: { status: c.status, closedAt: c.at, closingReport: c.report ? json(c.report) : undefined },
    });
    await timeline(tx, {
      workflowId: c.workflowId,
      dedupeKey: "closed",
      at: c.at,
      actor: null,
      action: `task.${c.status}`,
      detail: c.report ?? {},
    });
  });
}
