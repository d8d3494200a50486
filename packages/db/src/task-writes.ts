/**
 * Writes of the joint-task read model. Activities call these; activities run at least once,
 * so every write is an upsert or a guarded update, and timeline/audit rows carry dedupe keys.
 */
import {
  type Actor,
  type ApprovalEscalationRecord,
  type ApprovalRequestRecord,
  type AssignmentActionRecord,
  type AssignmentsRecord,
  type CancelTaskRecord,
  CLOSED_TASK_STATUSES,
  type CloseTaskRecord,
  type DecisionRecord,
  type OpenTaskRecord,
  type TaskStatus,
  type TimelineRecord,
} from "@hub/contracts";
import type { Db, Tx } from "./client";
import type { Prisma } from "./generated/prisma/client";

const json = (v: unknown) => v as Prisma.InputJsonValue;
const OPEN_ASSIGNMENT = ["pending", "acknowledged", "in_progress"];

async function timeline(tx: Tx | Db, e: TimelineRecord): Promise<void> {
  await tx.timelineEntry.createMany({
    data: [
      {
        workflowId: e.workflowId,
        dedupeKey: e.dedupeKey,
        at: new Date(e.at),
        actorEmail: e.actor?.email ?? null,
        actorOrg: e.actor?.org ?? null,
        actorOnBehalfOf: e.actor?.onBehalfOf ?? null,
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

export async function audit(tx: Tx | Db, { actor, before, after, at, ...rest }: AuditInput): Promise<void> {
  await tx.auditLog.createMany({
    data: [
      {
        ...rest,
        at: new Date(at),
        actorEmail: actor.email,
        actorOrg: actor.org,
        actorOnBehalfOf: actor.onBehalfOf ?? null,
        before: json(before),
        after: json(after),
      },
    ],
    skipDuplicates: true,
  });
}

/** How an organisation is involved in a task; "planned": named in a version of the plan not yet approved. */
type Relation = "lead" | "assignee" | "informed" | "planned";

async function involve(tx: Tx, workflowId: string, relation: Relation, orgs: string[]): Promise<void> {
  if (orgs.length === 0) return;
  await tx.taskOrg.createMany({ data: orgs.map((orgCode) => ({ workflowId, orgCode, relation })), skipDuplicates: true });
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

/** Step 1 keeps the dedupe keys of the one-step approvals that came first. */
const approvalKey = (round: number, step: number) => (step === 1 ? `approval:${round}` : `approval:${round}:${step}`);

export async function requestApproval(db: Db, a: ApprovalRequestRecord): Promise<void> {
  const step = a.step ?? 1;
  const decider = a.decider ?? a.missionCode;
  const informed = a.plan.informed ?? [];
  await db.$transaction(async (tx) => {
    await tx.approval.createMany({
      data: [
        {
          id: a.approvalId,
          workflowId: a.workflowId,
          round: a.round,
          step,
          missionCode: a.missionCode,
          decider,
          plan: json(a.plan),
          status: "pending",
          requestedAt: new Date(a.at),
          decideBy: new Date(a.decideBy),
          submittedByEmail: a.submittedBy?.email ?? null,
          submittedByOrg: a.submittedBy?.org ?? null,
        },
      ],
      skipDuplicates: true,
    });
    await tx.jointTask.updateMany({
      where: { id: a.workflowId, status: { notIn: CLOSED_TASK_STATUSES } },
      data: { status: "awaiting_approval" satisfies TaskStatus, missionCode: a.missionCode, informed },
    });
    // Informed and planned organisations are the latest version's: a revision may drop one.
    const planned = [...new Set(a.plan.assignments.map((x) => x.org))];
    await tx.taskOrg.deleteMany({ where: { workflowId: a.workflowId, relation: "informed", orgCode: { notIn: informed } } });
    await tx.taskOrg.deleteMany({ where: { workflowId: a.workflowId, relation: "planned", orgCode: { notIn: planned } } });
    await involve(tx, a.workflowId, "lead", [a.missionCode]);
    await involve(tx, a.workflowId, "informed", informed);
    await involve(tx, a.workflowId, "planned", planned);
    if (a.round === 1 && step === 1) {
      // Later rounds' plans are entered by the mission (plan.revised); the first is the template's.
      await timeline(tx, {
        workflowId: a.workflowId,
        dedupeKey: "plan:1:drafted",
        at: a.at,
        actor: a.submittedBy ?? null,
        action: "plan.drafted",
        detail: { plan: a.plan },
      });
    }
    await timeline(tx, {
      workflowId: a.workflowId,
      dedupeKey: `${approvalKey(a.round, step)}:requested`,
      at: a.at,
      actor: null,
      action: "approval.requested",
      detail: { approvalId: a.approvalId, round: a.round, step, decider, decideBy: a.decideBy, plan: a.plan, note: a.note ?? null },
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
      detail: { approvalId: a.approvalId, to: a.to ?? null, reason: "the head of mission did not decide before the deadline" },
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
  const taskStatus = d.taskStatus ?? TASK_STATUS[d.decision];
  const step = d.step ?? 1;
  const at = new Date(d.at);
  await db.$transaction(async (tx) => {
    const before = await tx.approval.findUniqueOrThrow({ where: { id: d.approvalId } });
    if (before.status === "pending") {
      await tx.approval.update({
        where: { id: d.approvalId },
        data: {
          status,
          decision: d.decision,
          comment: d.comment ?? null,
          decidedAt: at,
          decidedByEmail: d.actor.email,
          decidedByOrg: d.actor.org,
          decidedOnBehalfOf: d.actor.onBehalfOf ?? null,
        },
      });
      // A cancellation recorded first wins: a closed task does not reopen.
      await tx.jointTask.updateMany({
        where: { id: d.workflowId, status: { notIn: CLOSED_TASK_STATUSES } },
        data: { status: taskStatus, ...(taskStatus === "rejected" ? { closedAt: at } : {}) },
      });
    }
    await timeline(tx, {
      workflowId: d.workflowId,
      dedupeKey: `${approvalKey(d.round, step)}:decided`,
      at: d.at,
      actor: d.actor,
      action: `approval.${status}`,
      detail: { approvalId: d.approvalId, step, decision: d.decision, comment: d.comment ?? null },
    });
    await audit(tx, {
      dedupeKey: `${d.workflowId}:${approvalKey(d.round, step)}:decided`,
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
        outcomes: i.outcomes ?? [],
        status: "pending",
      })),
      skipDuplicates: true,
    });
    await involve(tx, a.workflowId, "assignee", [...new Set(a.items.map((i) => i.org))]);
    await tx.jointTask.updateMany({ where: { id: a.workflowId, status: { notIn: CLOSED_TASK_STATUSES } }, data: { status: "in_progress" } });
    for (const i of a.items) {
      await timeline(tx, {
        workflowId: a.workflowId,
        dedupeKey: `assignment:${i.key}:created`,
        at: a.at,
        actor: a.actor,
        action: "assignment.created",
        detail: { assignmentId: i.id, key: i.key, org: i.org, task: i.task, dueOn: i.dueOn, outcomes: i.outcomes ?? null },
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
        ...(a.action === "complete" ? { report: a.text ?? null, outcome: a.outcome ?? null } : {}),
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
      detail: { assignmentId: a.assignmentId, from: a.from, to: a.to, text: a.text ?? null, ...(a.outcome ? { outcome: a.outcome } : {}) },
    });
    await audit(tx, {
      dedupeKey: `${a.workflowId}:${key}`,
      at: a.at,
      actor: a.actor,
      action: `assignment.${a.action}`,
      entity: "assignment",
      entityId: a.assignmentId,
      before: { status: a.from },
      after: { status: a.to, text: a.text ?? null, ...(a.outcome ? { outcome: a.outcome } : {}) },
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

/**
 * A cancelled task: every open assignment withdrawn with the reason (whatever its status by
 * now, so an action recorded late cannot leave it open), the pending approval cancelled, the
 * task closed; one history entry and an audit row per withdrawal.
 */
export async function cancelTask(db: Db, c: CancelTaskRecord): Promise<void> {
  const at = new Date(c.at);
  await db.$transaction(async (tx) => {
    await tx.assignment.updateMany({
      where: { workflowId: c.workflowId, status: { in: OPEN_ASSIGNMENT } },
      data: { status: "withdrawn", withdrawnReason: c.reason },
    });
    await tx.approval.updateMany({ where: { workflowId: c.workflowId, status: "pending" }, data: { status: "cancelled" } });
    await tx.jointTask.update({ where: { id: c.workflowId }, data: { status: "cancelled", closedAt: at, cancelReason: c.reason } });
    await timeline(tx, {
      workflowId: c.workflowId,
      dedupeKey: "closed",
      at: c.at,
      actor: c.actor,
      action: "task.cancelled",
      detail: { reason: c.reason, withdrawn: c.withdrawn },
    });
    await audit(tx, {
      dedupeKey: `${c.workflowId}:cancelled`,
      at: c.at,
      actor: c.actor,
      action: "task.cancel",
      entity: "joint_task",
      entityId: c.workflowId,
      before: null,
      after: { status: "cancelled", reason: c.reason },
    });
    for (const w of c.withdrawn) {
      await audit(tx, {
        dedupeKey: `${c.workflowId}:assignment:${w.assignmentId}:withdrawn`,
        at: c.at,
        actor: c.actor,
        action: "assignment.withdraw",
        entity: "assignment",
        entityId: w.assignmentId,
        before: { status: w.from },
        after: { status: "withdrawn", reason: c.reason },
      });
    }
  });
}
