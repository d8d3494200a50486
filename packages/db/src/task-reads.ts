/** Queries the API answers list and detail views from, always through a visibility filter. */
import type {
  ApprovalItem,
  AssignmentItem,
  ClosingReport,
  ExtensionValue,
  PlanVersion,
  Principal,
  TaskStatus,
  WorkflowItem,
  WorkflowKind,
} from "@hub/contracts";
import { type Db, join, type Queryable, type Sql, sql } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { seesEverything, visibleTasksSql } from "./visibility";

export interface ApprovalRow {
  id: string;
  workflowId: string;
  kind: string;
  country: string;
  title: string;
  titleKo: string | null;
  plan: ApprovalItem["plan"];
  status: string;
  round: number;
  step: number;
  missionCode: string;
  decider: string;
  requestedAt: Date;
  decideBy: Date;
  escalatedAt: Date | null;
  decidedAt: Date | null;
  decidedByEmail: string | null;
  decidedByOrg: string | null;
  decidedOnBehalfOf: string | null;
  decision: string | null;
  comment: string | null;
  submittedByEmail: string | null;
  submittedByOrg: string | null;
}

export interface AssignmentRow {
  id: string;
  workflowId: string;
  key: string;
  orgCode: string;
  task: string;
  taskKo: string | null;
  /** The task's title (and its Korean), so each inbox item shows it without another read. */
  title: string;
  titleKo: string | null;
  dueOn: string;
  status: string;
  report: string | null;
  outcomes: string[] | null;
  outcome: string | null;
  declineReason: string | null;
  withdrawnReason: string | null;
  assigneeEmail: string | null;
  assigneeName: string | null;
  claimedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TaskRow {
  id: string;
  kind: string;
  country: string;
  caseRef: string;
  title: string;
  titleKo: string | null;
  status: string;
  missionCode: string | null;
  informed: string[] | null;
  startedAt: Date;
  closedAt: Date | null;
  closingReport: unknown;
  /** A read-model write that failed for good, if one did. */
  problem: string | null;
}

const APPROVAL_COLUMNS = sql`a.id, a.workflow_id AS "workflowId", t.kind, t.country, t.title, t.title_ko AS "titleKo", a.plan, a.status, a.round, a.step,
  a.mission_code AS "missionCode", a.decider, a.requested_at AS "requestedAt", a.decide_by AS "decideBy", a.escalated_at AS "escalatedAt",
  a.decided_at AS "decidedAt", a.decided_by_email AS "decidedByEmail", a.decided_by_org AS "decidedByOrg",
  a.decided_on_behalf_of AS "decidedOnBehalfOf", a.decision, a.comment,
  a.submitted_by_email AS "submittedByEmail", a.submitted_by_org AS "submittedByOrg"`;

const ASSIGNMENT_COLUMNS = sql`s.id, s.workflow_id AS "workflowId", s.key, s.org_code AS "orgCode", s.description AS task, s.description_ko AS "taskKo",
  jt.title, jt.title_ko AS "titleKo", s.due_on AS "dueOn",
  s.status, s.report, s.outcomes, s.outcome, s.decline_reason AS "declineReason", s.withdrawn_reason AS "withdrawnReason",
  s.assignee_email AS "assigneeEmail", s.assignee_name AS "assigneeName", s.claimed_at AS "claimedAt",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/** Assignments with their task's row (as `jt`: `t` is the visibility filter's own alias), for its title. */
const ASSIGNMENTS_WITH_TASK = sql`assignments s JOIN joint_tasks jt ON jt.id = s.workflow_id`;

const TASK_COLUMNS = sql`t.id, t.kind, t.country, t.case_ref AS "caseRef", t.title, t.title_ko AS "titleKo", t.status, t.mission_code AS "missionCode", t.informed,
  t.started_at AS "startedAt", t.closed_at AS "closedAt", t.closing_report AS "closingReport", t.problem`;

const actorOf = (email: string | null, org: string | null, onBehalfOf?: string | null) =>
  email && org ? { email, org, ...(onBehalfOf ? { onBehalfOf } : {}) } : null;

export function toApprovalItem(a: ApprovalRow): ApprovalItem {
  return {
    id: a.id,
    workflowId: a.workflowId,
    kind: a.kind as ApprovalItem["kind"],
    country: a.country.trim(),
    title: a.title,
    ...(a.titleKo ? { titleKo: a.titleKo } : {}),
    plan: a.plan,
    status: a.status as ApprovalItem["status"],
    round: a.round,
    step: a.step,
    mission: a.missionCode,
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
    task: a.task,
    ...(a.taskKo ? { taskKo: a.taskKo } : {}),
    title: a.title,
    ...(a.titleKo ? { titleKo: a.titleKo } : {}),
    dueOn: a.dueOn,
    status: a.status as AssignmentItem["status"],
    report: a.report,
    outcomes: a.outcomes?.length ? a.outcomes : null,
    outcome: a.outcome,
    declineReason: a.declineReason,
    withdrawnReason: a.withdrawnReason,
    assignee: a.assigneeEmail ? { email: a.assigneeEmail, name: a.assigneeName ?? null, since: (a.claimedAt ?? a.updatedAt).toISOString() } : null,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toWorkflowItem(
  t: Pick<TaskRow, "id" | "kind" | "country" | "status" | "title" | "startedAt" | "closedAt"> & { titleKo?: string | null },
): WorkflowItem {
  return {
    id: t.id,
    kind: t.kind as WorkflowItem["kind"],
    country: t.country.trim(),
    status: t.status as WorkflowItem["status"],
    title: t.title,
    ...(t.titleKo ? { titleKo: t.titleKo } : {}),
    startedAt: t.startedAt.toISOString(),
    closedAt: t.closedAt?.toISOString() ?? null,
  };
}

/**
 * `(column, id) < (cursor)`, for keyset pages on (timestamp desc, id desc) — or `>` on ascending
 * ones; a cursor that is not one this API issued is refused as a client error
 * (InvalidCursorError) before any query runs.
 */
function keyset(cursor: string | undefined, column: Sql, id: Sql, idType: "uuid" | "workflowId", order: "desc" | "asc" = "desc"): Sql {
  const after = decodeCursor(cursor, ["timestamp", idType]);
  if (!after) return sql`TRUE`;
  const at = new Date(after[0] as string);
  const beyond = order === "desc" ? sql`<` : sql`>`;
  return idType === "uuid" ? sql`(${column}, ${id}) ${beyond} (${at}, ${after[1]}::uuid)` : sql`(${column}, ${id}) ${beyond} (${at}, ${after[1]})`;
}

function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (r: T) => Date) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([at(last).toISOString(), last.id]) : null };
}

/** A due day (YYYY-MM-DD) as the timestamp a cursor holds, and back. */
const dueDay = (dueOn: string) => new Date(`${dueOn}T00:00:00.000Z`);
const DAY_MS = 86_400_000;
/** Today and a day some days on, as due days are written (UTC, as the web app counts them). */
const dayFrom = (now: number, days = 0) => new Date(now + days * DAY_MS).toISOString().slice(0, 10);

const OPEN_ASSIGNMENT = sql`s.status IN ('pending', 'acknowledged', 'in_progress')`;

/**
 * Approvals in a principal's list: their mission's, every step (callers check the role first).
 * HQ sees every mission's; asked for what is pending, HQ sees only what awaits HQ itself — its
 * own step of a chain, or a head's decision escalated to it.
 */
export function visibleApprovalsSql(p: Principal, status?: string): Sql {
  if (!seesEverything(p)) return sql`a.mission_code = ${p.orgCode}`;
  if (status === "pending") return sql`(a.decider = ${p.orgCode} OR a.escalated_at IS NOT NULL)`;
  return sql`TRUE`;
}

export interface ApprovalList {
  status?: string;
  kind?: WorkflowKind;
  org?: string;
  urgency?: "overdue" | "soon";
  sort?: "newest" | "urgent";
  limit: number;
  cursor?: string;
}

export async function listApprovals(db: Queryable, p: Principal, q: ApprovalList, now = Date.now()) {
  const and: Sql[] = [visibleApprovalsSql(p, q.status)];
  if (q.status) and.push(sql`a.status = ${q.status}`);
  if (q.kind) and.push(sql`t.kind = ${q.kind}`);
  if (q.org) and.push(sql`a.mission_code = ${q.org}`);
  if (q.urgency === "overdue") and.push(sql`a.decide_by < ${new Date(now)}`);
  if (q.urgency === "soon") and.push(sql`a.decide_by >= ${new Date(now)} AND a.decide_by < ${new Date(now + DAY_MS)}`);
  const urgent = q.sort === "urgent";
  const at = urgent ? sql`a.decide_by` : sql`a.requested_at`;
  and.push(keyset(q.cursor, at, sql`a.id`, "uuid", urgent ? "asc" : "desc"));
  const rows = await db.query<ApprovalRow>(sql`
    SELECT ${APPROVAL_COLUMNS} FROM approvals a JOIN joint_tasks t ON t.id = a.workflow_id
    WHERE ${join(and, " AND ")}
    ORDER BY ${urgent ? sql`a.decide_by ASC, a.id ASC` : sql`a.requested_at DESC, a.id DESC`}
    LIMIT ${q.limit + 1}`);
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => (urgent ? r.decideBy : r.requestedAt));
  return { items: page.map(toApprovalItem), nextCursor };
}

export async function findApproval(db: Queryable, id: string): Promise<ApprovalRow | null> {
  return db.one<ApprovalRow>(sql`SELECT ${APPROVAL_COLUMNS} FROM approvals a JOIN joint_tasks t ON t.id = a.workflow_id WHERE a.id = ${id}::uuid`);
}

/** Whether an organisation is kept informed of a task. */
export async function isInformed(db: Queryable, workflowId: string, orgCode: string): Promise<boolean> {
  return (await db.one(sql`SELECT 1 FROM task_orgs WHERE workflow_id = ${workflowId} AND org_code = ${orgCode} AND relation = 'informed'`)) !== null;
}

/** Assignments a principal may see: their organisation's, their country's tasks' (missions), or all (HQ). */
export function visibleAssignmentsSql(p: Principal): Sql {
  if (seesEverything(p)) return sql`TRUE`;
  if (p.orgKind === "MISSION" && p.orgCountry) {
    // Correlated, so PostgreSQL walks the newest assignments and probes each one's task, rather
    // than first collecting every task of the country.
    return sql`(s.org_code = ${p.orgCode} OR EXISTS (SELECT 1 FROM joint_tasks t WHERE t.id = s.workflow_id AND t.country = ${p.orgCountry}))`;
  }
  return sql`s.org_code = ${p.orgCode}`;
}

export interface AssignmentList {
  status?: string;
  holder?: "me" | "unclaimed" | "any";
  kind?: WorkflowKind;
  org?: string;
  urgency?: "overdue" | "soon";
  sort?: "newest" | "due";
  limit: number;
  cursor?: string;
}

export async function listAssignments(db: Queryable, p: Principal, q: AssignmentList, now = Date.now()) {
  const and: Sql[] = [visibleAssignmentsSql(p)];
  if (q.status === "open") and.push(OPEN_ASSIGNMENT);
  else if (q.status) and.push(sql`s.status = ${q.status}`);
  // `unclaimed`: the caller's organisation's queue, open assignments nobody holds.
  if (q.holder === "me") and.push(sql`s.assignee_email = ${p.email}`);
  if (q.holder === "unclaimed") and.push(sql`s.assignee_email IS NULL AND s.org_code = ${p.orgCode} AND ${OPEN_ASSIGNMENT}`);
  if (q.kind) and.push(sql`jt.kind = ${q.kind}`);
  if (q.org) and.push(sql`s.org_code = ${q.org}`);
  if (q.urgency === "overdue") and.push(sql`${OPEN_ASSIGNMENT} AND s.due_on < ${dayFrom(now)}`);
  if (q.urgency === "soon") and.push(sql`${OPEN_ASSIGNMENT} AND s.due_on >= ${dayFrom(now)} AND s.due_on <= ${dayFrom(now, 3)}`);
  const due = q.sort === "due";
  if (due) {
    const after = decodeCursor(q.cursor, ["timestamp", "uuid"]);
    if (after) and.push(sql`(s.due_on, s.id) > (${(after[0] as string).slice(0, 10)}, ${after[1]}::uuid)`);
  } else and.push(keyset(q.cursor, sql`s.created_at`, sql`s.id`, "uuid"));
  const rows = await db.query<AssignmentRow>(sql`
    SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENTS_WITH_TASK}
    WHERE ${join(and, " AND ")}
    ORDER BY ${due ? sql`s.due_on ASC, s.id ASC` : sql`s.created_at DESC, s.id DESC`}
    LIMIT ${q.limit + 1}`);
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => (due ? dueDay(r.dueOn) : r.createdAt));
  return { items: page.map(toAssignmentItem), nextCursor };
}

export async function findAssignment(db: Queryable, id: string): Promise<AssignmentRow | null> {
  return db.one<AssignmentRow>(sql`SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENTS_WITH_TASK} WHERE s.id = ${id}::uuid`);
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
async function titleQuery(db: Queryable, text: string): Promise<string | null> {
  const row = await db.one<{ words: string[] }>(sql`SELECT tsvector_to_array(to_tsvector('simple', ${text})) AS words`);
  const words = row?.words ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `'${w.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`).join(" & ");
}

/**
 * Task search, newest first, on keyset cursors. Every filter is served by an index: (kind |
 * status | country, started_at, id), task_orgs(org_code) for `org`, and a GIN index on the
 * title's words for `q`, where each word of the query matches as a prefix.
 */
export async function listTasks(db: Queryable, p: Principal, q: TaskSearch) {
  const and: Sql[] = [visibleTasksSql(p), keyset(q.cursor, sql`t.started_at`, sql`t.id`, "workflowId")];
  if (q.kind) and.push(sql`t.kind = ${q.kind}`);
  if (q.country) and.push(sql`t.country = ${q.country}`);
  if (q.status) and.push(sql`t.status = ${q.status}`);
  if (q.org) and.push(sql`EXISTS (SELECT 1 FROM task_orgs o WHERE o.workflow_id = t.id AND o.org_code = ${q.org})`);
  if (q.from) and.push(sql`t.started_at >= ${q.from}::date`);
  if (q.to) and.push(sql`t.started_at < ${q.to}::date + 1`);
  if (q.q) {
    const query = await titleQuery(db, q.q);
    if (!query) return { items: [], nextCursor: null };
    and.push(sql`t.search @@ to_tsquery('simple', ${query})`);
  }
  const rows = await db.query<TaskRow>(sql`
    SELECT ${TASK_COLUMNS} FROM joint_tasks t
    WHERE ${join(and, " AND ")}
    ORDER BY t.started_at DESC, t.id DESC
    LIMIT ${q.limit + 1}`);
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.startedAt);
  return { items: page.map(toWorkflowItem), nextCursor };
}

export interface VisibleTask extends TaskRow {
  approvals: ApprovalRow[];
  assignments: AssignmentRow[];
}

/** A task's own row, or null when it does not exist or is not visible. */
export async function findVisibleTaskRow(db: Queryable, p: Principal, id: string): Promise<TaskRow | null> {
  return db.one<TaskRow>(sql`SELECT ${TASK_COLUMNS} FROM joint_tasks t WHERE t.id = ${id} AND ${visibleTasksSql(p)}`);
}

/** A task with its approvals and assignments, or null when it does not exist or is not visible. */
export async function findVisibleTask(db: Db, p: Principal, id: string): Promise<VisibleTask | null> {
  const task = await findVisibleTaskRow(db, p, id);
  if (!task) return null;
  const [approvals, assignments] = await Promise.all([
    db.query<ApprovalRow>(
      sql`SELECT ${APPROVAL_COLUMNS} FROM approvals a JOIN joint_tasks t ON t.id = a.workflow_id WHERE a.workflow_id = ${id} ORDER BY a.round, a.step`,
    ),
    db.query<AssignmentRow>(sql`SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENTS_WITH_TASK} WHERE s.workflow_id = ${id} ORDER BY s.created_at, s.key`),
  ]);
  return { ...task, approvals, assignments };
}

/** Each version of the plan: the one put to the first step of each round. */
export function planVersions(t: VisibleTask): PlanVersion[] {
  return t.approvals
    .filter((a) => a.step === 1)
    .map((a) => ({ round: a.round, plan: a.plan, submittedBy: actorOf(a.submittedByEmail, a.submittedByOrg), at: a.requestedAt.toISOString() }));
}

/** The closing report typed by kind (reports stored before kinds were tagged gain their task's kind). */
export function closingReportOf(t: TaskRow): ClosingReport | null {
  if (!t.closingReport || typeof t.closingReport !== "object") return null;
  return { kind: t.kind, ...(t.closingReport as object) } as ClosingReport;
}

type HistoryRow = {
  at: Date;
  email: string | null;
  org: string | null;
  obo: string | null;
  action: string;
  detail: unknown;
  ev_time: Date | null;
  time_defaulted: boolean | null;
  subject: string | null;
  dataschema: string | null;
  extensions: Record<string, ExtensionValue> | null;
};

/**
 * A task's timeline. An entry that records an event (its detail names the event's source, id and
 * type) carries the event's CloudEvents attributes from the log beside it — its time and whether
 * the hub supplied it, subject, dataschema, extension attributes — read in the same query.
 */
export async function taskHistory(db: Queryable, workflowId: string) {
  const rows = await db.query<HistoryRow>(sql`
    SELECT t.at, t.actor_email AS email, t.actor_org AS org, t.actor_on_behalf_of AS obo, t.action, t.detail,
           e.time AS ev_time, e.time_defaulted, e.subject, e.dataschema, e.extensions
    FROM timeline t
    LEFT JOIN events e ON e.source = t.detail->>'source' AND e.event_id = t.detail->>'id' AND e.type = t.detail->>'type'
    WHERE t.workflow_id = ${workflowId} ORDER BY t.at, t.id`);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: actorOf(r.email, r.org, r.obo),
    action: r.action,
    detail: r.detail,
    ...(r.ev_time
      ? {
          cloudEvent: {
            time: r.ev_time.toISOString(),
            timeDefaulted: r.time_defaulted === true,
            ...(r.subject !== null ? { subject: r.subject } : {}),
            ...(r.dataschema !== null ? { dataschema: r.dataschema } : {}),
            extensions: r.extensions ?? {},
          },
        }
      : {}),
  }));
}
