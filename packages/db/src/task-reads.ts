/** Queries the API answers list and detail views from, always through a visibility filter. */
import type { ApprovalItem, AssignmentItem, Principal, WorkflowItem } from "@hub/contracts";
import type { Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import type { Prisma } from "./generated/prisma/client";
import { seesEverything, visibleTasksWhere } from "./visibility";

type ApprovalRow = Prisma.ApprovalGetPayload<{ include: { task: true } }>;
type AssignmentRow = Prisma.AssignmentGetPayload<object>;
type TaskRow = Prisma.JointTaskGetPayload<object>;

export function toApprovalItem(a: ApprovalRow): ApprovalItem {
  return {
    id: a.id,
    workflowId: a.workflowId,
    kind: a.task.kind as ApprovalItem["kind"],
    country: a.task.country,
    title: a.task.title,
    plan: a.plan as ApprovalItem["plan"],
    status: a.status as ApprovalItem["status"],
    round: a.round,
    requestedAt: a.requestedAt.toISOString(),
    decideBy: a.decideBy.toISOString(),
    escalatedAt: a.escalatedAt?.toISOString() ?? null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decidedBy: a.decidedByEmail && a.decidedByOrg ? { email: a.decidedByEmail, org: a.decidedByOrg } : null,
    decision: (a.decision as ApprovalItem["decision"]) ?? null,
    comment: a.comment,
  };
}

export function toAssignmentItem(a: AssignmentRow): AssignmentItem {
  return {
    id: a.id,
    workflowId: a.workflowId,
    org: a.orgCode,
    task: a.description,
    dueOn: a.dueOn,
    status: a.status as AssignmentItem["status"],
    report: a.report,
    declineReason: a.declineReason,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toWorkflowItem(t: TaskRow): WorkflowItem {
  return {
    id: t.id,
    kind: t.kind as WorkflowItem["kind"],
    country: t.country,
    status: t.status as WorkflowItem["status"],
    title: t.title,
    startedAt: t.startedAt.toISOString(),
    closedAt: t.closedAt?.toISOString() ?? null,
  };
}

/** Keyset pagination on (timestamp desc, id desc). */
function keyset<K extends string>(cursor: string | undefined, at: K) {
  const after = decodeCursor(cursor, 2);
  if (!after) return {};
  const ts = new Date(after[0] as string);
  return { OR: [{ [at]: { lt: ts } }, { [at]: ts, id: { lt: after[1] } }] };
}

function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (r: T) => Date) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([at(last).toISOString(), last.id]) : null };
}

/** Approvals a principal may see: their mission's, or all for HQ. Callers check the role first. */
export function visibleApprovalsWhere(p: Principal): Prisma.ApprovalWhereInput {
  return seesEverything(p) ? {} : { missionCode: p.orgCode };
}

export async function listApprovals(db: Db, p: Principal, q: { status?: string; limit: number; cursor?: string }) {
  const rows = await db.approval.findMany({
    where: { AND: [visibleApprovalsWhere(p), q.status ? { status: q.status } : {}, keyset(q.cursor, "requestedAt")] },
    include: { task: true },
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.requestedAt);
  return { items: page.map(toApprovalItem), nextCursor };
}

export async function findApproval(db: Db, id: string) {
  return db.approval.findUnique({ where: { id }, include: { task: true } });
}

/** Assignments a principal may see: their organisation's, their country's tasks' (missions), or all (HQ). */
export function visibleAssignmentsWhere(p: Principal): Prisma.AssignmentWhereInput {
  if (seesEverything(p)) return {};
  if (p.orgKind === "MISSION" && p.orgCountry) return { OR: [{ orgCode: p.orgCode }, { task: { country: p.orgCountry } }] };
  return { orgCode: p.orgCode };
}

export async function listAssignments(db: Db, p: Principal, q: { status?: string; limit: number; cursor?: string }) {
  const rows = await db.assignment.findMany({
    where: { AND: [visibleAssignmentsWhere(p), q.status ? { status: q.status } : {}, keyset(q.cursor, "createdAt")] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.createdAt);
  return { items: page.map(toAssignmentItem), nextCursor };
}

export async function findAssignment(db: Db, id: string) {
  return db.assignment.findUnique({ where: { id } });
}

export async function listTasks(db: Db, p: Principal, q: { kind?: string; country?: string; status?: string; limit: number; cursor?: string }) {
  const rows = await db.jointTask.findMany({
    where: {
      AND: [
        visibleTasksWhere(p),
        q.kind ? { kind: q.kind } : {},
        q.country ? { country: q.country } : {},
        q.status ? { status: q.status } : {},
        keyset(q.cursor, "startedAt"),
      ],
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.startedAt);
  return { items: page.map(toWorkflowItem), nextCursor };
}

/** A task with its approvals and assignments, or null when it does not exist or is not visible. */
export async function findVisibleTask(db: Db, p: Principal, id: string) {
  return db.jointTask.findFirst({
    where: { AND: [{ id }, visibleTasksWhere(p)] },
    include: { approvals: { include: { task: true }, orderBy: { round: "asc" } }, assignments: { orderBy: { key: "asc" } } },
  });
}

export async function taskExists(db: Db, id: string): Promise<boolean> {
  return (await db.jointTask.count({ where: { id } })) > 0;
}

export async function taskHistory(db: Db, workflowId: string) {
  const rows = await db.timelineEntry.findMany({ where: { workflowId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actorEmail && r.actorOrg ? { email: r.actorEmail, org: r.actorOrg } : null,
    action: r.action,
    detail: r.detail,
  }));
}
