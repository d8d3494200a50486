/** Queries the API answers list and detail views from, always through a visibility filter. */
import type { ApprovalItem, AssignmentItem, ClosingReport, PlanVersion, Principal, TaskStatus, WorkflowItem, WorkflowKind } from "@hub/contracts";
import type { Db } from "./client";
import { decodeCursor, encodeCursor, InvalidCursorError } from "./cursor";
import { Prisma } from "./generated/prisma/client";
import { seesEverything, visibleTasksSql, visibleTasksWhere } from "./visibility";

type ApprovalRow = Prisma.ApprovalGetPayload<{ include: { task: true } }>;
type AssignmentRow = Prisma.AssignmentGetPayload<object>;
type TaskRow = Pick<Prisma.JointTaskGetPayload<object>, "id" | "kind" | "country" | "status" | "title" | "startedAt" | "closedAt">;

const actorOf = (email: string | null, org: string | null, onBehalfOf?: string | null) =>
  email && org ? { email, org, ...(onBehalfOf ? { onBehalfOf } : {}) } : null;

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
    step: a.step,
    decider: a.decider,
    requestedAt: a.requestedAt.toISOString(),
    decideBy: a.decideBy.toISOString(),
    escalatedAt: a.escalatedAt?.toISOString() ?? null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decidedBy: actorOf(a.decidedByEmail, a.decidedByOrg, a.decidedOnBehalfOf),
    decision: (a.decision as ApprovalItem["decision"]) ?? null,
    comment: a.comment,
  };
}

export function toAssignmentItem(a: AssignmentRow): AssignmentItem {
  return {
    id: a.id,
    workflowId: a.workflowId,
    key: a.key,
    org: a.orgCode,
    task: a.description,
    dueOn: a.dueOn,
    status: a.status as AssignmentItem["status"],
    report: a.report,
    outcomes: a.outcomes?.length ? a.outcomes : null,
    outcome: a.outcome,
    declineReason: a.declineReason,
    withdrawnReason: a.withdrawnReason,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toWorkflowItem(t: TaskRow): WorkflowItem {
  return {
    id: t.id,
    kind: t.kind as WorkflowItem["kind"],
    country: t.country.trim(),
    status: t.status as WorkflowItem["status"],
    title: t.title,
    startedAt: t.startedAt.toISOString(),
    closedAt: t.closedAt?.toISOString() ?? null,
  };
}

/** A keyset cursor of (timestamp, id), refused as a client error when it is not one this API issued. */
function cursorAfter(cursor: string | undefined): { at: Date; id: string } | null {
  const after = decodeCursor(cursor, 2);
  if (!after) return null;
  const at = new Date(after[0] as string);
  if (Number.isNaN(at.getTime())) throw new InvalidCursorError();
  return { at, id: after[1] as string };
}

/** Keyset pagination on (timestamp desc, id desc). */
function keyset<K extends string>(cursor: string | undefined, at: K) {
  const after = cursorAfter(cursor);
  if (!after) return {};
  return { OR: [{ [at]: { lt: after.at } }, { [at]: after.at, id: { lt: after.id } }] };
}

function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (r: T) => Date) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([at(last).toISOString(), last.id]) : null };
}

/**
 * Approvals in a principal's list: their mission's, every step (callers check the role first).
 * HQ sees every mission's; asked for what is pending, HQ sees only what awaits HQ itself — its
 * own step of a chain, or a head's decision escalated to it.
 */
export function visibleApprovalsWhere(p: Principal, status?: string): Prisma.ApprovalWhereInput {
  if (!seesEverything(p)) return { missionCode: p.orgCode };
  if (status === "pending") return { OR: [{ decider: p.orgCode }, { escalatedAt: { not: null } }] };
  return {};
}

export async function listApprovals(db: Db, p: Principal, q: { status?: string; limit: number; cursor?: string }) {
  const rows = await db.approval.findMany({
    where: { AND: [visibleApprovalsWhere(p, q.status), q.status ? { status: q.status } : {}, keyset(q.cursor, "requestedAt")] },
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

/** Whether an organisation is kept informed of a task. */
export async function isInformed(db: Db, workflowId: string, orgCode: string): Promise<boolean> {
  return (await db.taskOrg.count({ where: { workflowId, orgCode, relation: "informed" } })) > 0;
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

export interface TaskSearch {
  kind?: WorkflowKind;
  country?: string;
  status?: TaskStatus;
  org?: string;
  from?: string;
  to?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

/**
 * The words of a search, split by the very parser that indexed the titles, each made a prefix:
 * `'수교':* & 'steel':*`. Built here and passed as a value (not a subquery) so the planner sees
 * it and picks the title index for a rare word, the date index for a common one. Null: no words.
 */
async function titleQuery(db: Db, text: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ words: string[] }[]>`SELECT tsvector_to_array(to_tsvector('simple', ${text})) AS words`;
  const words = row?.words ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `'${w.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`).join(" & ");
}

type TaskSqlRow = { id: string; kind: string; country: string; status: string; title: string; started_at: Date; closed_at: Date | null };

/**
 * Task search, newest first, on keyset cursors. Every filter is served by an index: (kind |
 * status | country, started_at, id), task_orgs(org_code) for `org`, and a GIN index on the
 * title's words for `q`, where each word of the query matches as a prefix.
 */
export async function listTasks(db: Db, p: Principal, q: TaskSearch) {
  const after = cursorAfter(q.cursor);
  const and: Prisma.Sql[] = [visibleTasksSql(p)];
  if (q.kind) and.push(Prisma.sql`t.kind = ${q.kind}`);
  if (q.country) and.push(Prisma.sql`t.country = ${q.country}`);
  if (q.status) and.push(Prisma.sql`t.status = ${q.status}`);
  if (q.org) and.push(Prisma.sql`EXISTS (SELECT 1 FROM task_orgs o WHERE o.workflow_id = t.id AND o.org_code = ${q.org})`);
  if (q.from) and.push(Prisma.sql`t.started_at >= ${q.from}::date`);
  if (q.to) and.push(Prisma.sql`t.started_at < ${q.to}::date + 1`);
  if (q.q) {
    const query = await titleQuery(db, q.q);
    if (!query) return { items: [], nextCursor: null };
    and.push(Prisma.sql`t.search @@ to_tsquery('simple', ${query})`);
  }
  if (after) and.push(Prisma.sql`(t.started_at, t.id) < (${after.at}, ${after.id})`);
  const rows = await db.$queryRaw<TaskSqlRow[]>`
    SELECT t.id, t.kind, t.country, t.status, t.title, t.started_at, t.closed_at
    FROM joint_tasks t
    WHERE ${Prisma.join(and, " AND ")}
    ORDER BY t.started_at DESC, t.id DESC
    LIMIT ${q.limit + 1}`;
  const tasks = rows.map((r) => ({ ...r, startedAt: r.started_at, closedAt: r.closed_at }));
  const { page, nextCursor } = pageOf(tasks, q.limit, (r) => r.startedAt);
  return { items: page.map(toWorkflowItem), nextCursor };
}

/** A task with its approvals and assignments, or null when it does not exist or is not visible. */
export async function findVisibleTask(db: Db, p: Principal, id: string) {
  return db.jointTask.findFirst({
    where: { AND: [{ id }, visibleTasksWhere(p)] },
    include: {
      approvals: { include: { task: true }, orderBy: [{ round: "asc" }, { step: "asc" }] },
      assignments: { orderBy: [{ createdAt: "asc" }, { key: "asc" }] },
    },
  });
}
export type VisibleTask = NonNullable<Awaited<ReturnType<typeof findVisibleTask>>>;

/** Each version of the plan: the one put to the first step of each round. */
export function planVersions(t: VisibleTask): PlanVersion[] {
  return t.approvals
    .filter((a) => a.step === 1)
    .map((a) => ({
      round: a.round,
      plan: a.plan as PlanVersion["plan"],
      submittedBy: actorOf(a.submittedByEmail, a.submittedByOrg),
      at: a.requestedAt.toISOString(),
    }));
}

/** The closing report typed by kind (reports stored before kinds were tagged gain their task's kind). */
export function closingReportOf(t: VisibleTask): ClosingReport | null {
  if (!t.closingReport || typeof t.closingReport !== "object") return null;
  return { kind: t.kind, ...(t.closingReport as object) } as ClosingReport;
}

export async function taskExists(db: Db, id: string): Promise<boolean> {
  return (await db.jointTask.count({ where: { id } })) > 0;
}

export async function taskHistory(db: Db, workflowId: string) {
  const rows = await db.timelineEntry.findMany({ where: { workflowId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: actorOf(r.actorEmail, r.actorOrg, r.actorOnBehalfOf),
    action: r.action,
    detail: r.detail,
  }));
}
