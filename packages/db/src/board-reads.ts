/**
 * The country's Team Korea board and HQ's overview across missions: aggregates over the read
 * model. Callers decide who may read which country (services/api access.ts); every query here
 * still goes through the lists' visibility rules, so a board never shows more than the caller's
 * lists and task pages would.
 *
 * "Overdue" is the assignment inbox's rule: still open, and its due day (UTC) has passed.
 * Timestamps are UTC (the schema's convention, and the pool's session time zone), so a day
 * bound is the date itself.
 */
import {
  BOARD_LIST_LIMIT,
  type Board,
  CLOSED_TASK_STATUSES,
  isOpenAssignment,
  type Overview,
  type OverviewQuery,
  type Principal,
  type SlaBreach,
  WORKFLOW_KINDS,
} from "@hub/contracts";
import { ASSIGNMENT_STATUSES, TASK_STATUSES } from "@hub/contracts/core";
import { empty, join, type Queryable, type Sql, sql } from "./client";
import { visibleEventScopes, visibleTasksSql } from "./visibility";

const OPEN = ASSIGNMENT_STATUSES.filter(isOpenAssignment);
const RUNNING = TASK_STATUSES.filter((s) => !CLOSED_TASK_STATUSES.includes(s));
const RECENT_EVENTS = 20;

/** The current UTC day, YYYY-MM-DD: what "overdue" is measured against. */
export const utcToday = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

const isOverdue = (today: string) => sql`s.status = ANY(${OPEN}::text[]) AND s.due_on < ${today}`;
const toInt = (n: string | number) => Number(n);
/** A Korean twin (`titleKo`, `taskKo`) only where the template wrote one, as the lists answer it. */
const twin = <K extends string>(key: K, v: string | null | undefined) => (v ? ({ [key]: v } as Record<K, string>) : {});

interface BoardTaskRow {
  id: string;
  kind: Board["running"]["byKind"][number]["kind"];
  status: Board["running"]["byKind"][number]["tasks"][number]["status"];
  title: string;
  titleKo: string | null;
  startedAt: Date;
  assignments: string;
  completed: string;
  overdue: string;
}

/** Running tasks of a country by kind: every kind's count, and its newest tasks with their assignments' progress. */
async function runningByKind(db: Queryable, p: Principal, country: string, today: string): Promise<Board["running"]> {
  const visible = visibleTasksSql(p);
  const running = sql`t.country = ${country} AND t.status = ANY(${RUNNING}::text[]) AND ${visible}`;
  const [counts, tasks] = await Promise.all([
    db.query<{ kind: string; n: string }>(sql`SELECT t.kind, count(*) AS n FROM joint_tasks t WHERE ${running} GROUP BY t.kind`),
    // Per kind, the newest tasks through the (kind, started_at, id) index; each one's assignments through (workflow_id, key).
    db.query<BoardTaskRow & { kindOf: string }>(sql`
      SELECT t.id, t.kind, t.status, t.title, t.title_ko AS "titleKo", t.started_at AS "startedAt",
        (SELECT count(*) FROM assignments s WHERE s.workflow_id = t.id AND s.status <> 'withdrawn') AS assignments,
        (SELECT count(*) FROM assignments s WHERE s.workflow_id = t.id AND s.status = 'completed') AS completed,
        (SELECT count(*) FROM assignments s WHERE s.workflow_id = t.id AND ${isOverdue(today)}) AS overdue
      FROM unnest(${WORKFLOW_KINDS}::text[]) AS k(kind)
      CROSS JOIN LATERAL (
        SELECT t.id, t.kind, t.status, t.title, t.title_ko, t.started_at FROM joint_tasks t WHERE t.kind = k.kind AND ${running}
        ORDER BY t.started_at DESC, t.id DESC LIMIT ${BOARD_LIST_LIMIT}) t
      ORDER BY t.kind, t.started_at DESC, t.id DESC`),
  ]);
  const countOf = new Map(counts.map((c) => [c.kind, toInt(c.n)]));
  const byKind = WORKFLOW_KINDS.filter((k) => countOf.has(k)).map((kind) => ({
    kind,
    count: countOf.get(kind) ?? 0,
    tasks: tasks
      .filter((t) => t.kind === kind)
      .map((t) => ({
        id: t.id,
        kind: t.kind,
        status: t.status,
        title: t.title,
        ...twin("titleKo", t.titleKo),
        startedAt: t.startedAt.toISOString(),
        assignments: toInt(t.assignments),
        completed: toInt(t.completed),
        overdue: toInt(t.overdue),
      })),
  }));
  return { total: [...countOf.values()].reduce((a, b) => a + b, 0), byKind };
}

interface OverdueRow {
  id: string;
  workflowId: string;
  title: string;
  titleKo: string | null;
  org: string;
  task: string;
  taskKo: string | null;
  dueOn: string;
  status: Board["overdue"]["byOrg"][number]["assignments"][number]["status"];
  daysOverdue: number;
  n: string;
}

/** Overdue assignments of a country's tasks by organisation, the longest overdue first. */
async function overdueByOrg(db: Queryable, p: Principal, country: string, today: string): Promise<Board["overdue"]> {
  const rows = await db.query<OverdueRow>(sql`
    SELECT * FROM (
      SELECT s.id, s.workflow_id AS "workflowId", t.title, t.title_ko AS "titleKo", s.org_code AS org, s.description AS task,
        s.description_ko AS "taskKo", s.due_on AS "dueOn", s.status,
        (${today}::date - s.due_on::date) AS "daysOverdue",
        count(*) OVER (PARTITION BY s.org_code) AS n,
        row_number() OVER (PARTITION BY s.org_code ORDER BY s.due_on, s.created_at, s.id) AS rank
      FROM assignments s JOIN joint_tasks t ON t.id = s.workflow_id
      WHERE t.country = ${country} AND ${visibleTasksSql(p)} AND ${isOverdue(today)}) o
    WHERE o.rank <= ${BOARD_LIST_LIMIT}
    ORDER BY o.n DESC, o.org, o.rank`);
  const byOrg: Board["overdue"]["byOrg"] = [];
  for (const r of rows) {
    let group = byOrg[byOrg.length - 1];
    if (group?.org !== r.org) {
      group = { org: r.org, count: toInt(r.n), assignments: [] };
      byOrg.push(group);
    }
    const { n: _n, titleKo, taskKo, ...item } = r;
    group.assignments.push({ ...item, ...twin("titleKo", titleKo), ...twin("taskKo", taskKo), daysOverdue: Number(r.daysOverdue) });
  }
  return { total: byOrg.reduce((a, g) => a + g.count, 0), byOrg };
}

/** The country's newest events the caller may read (the events list's own scopes), with the title of the task each concerns. */
async function recentEvents(db: Queryable, p: Principal, country: string): Promise<Board["recentEvents"]> {
  const scopes = visibleEventScopes(p);
  const scope = scopes ? sql`(${join(scopes, " OR ")})` : sql`TRUE`;
  const rows = await db.query<{
    id: string;
    source: string;
    type: string;
    subject: string | null;
    time: Date;
    workflowId: string | null;
    taskTitle: string | null;
    taskTitleKo: string | null;
  }>(sql`
    SELECT e.event_id AS id, e.source, e.type, e.subject, e.time, e.workflow_id AS "workflowId", t.title AS "taskTitle", t.title_ko AS "taskTitleKo"
    FROM events e LEFT JOIN joint_tasks t ON t.id = e.workflow_id
    WHERE e.country = ${country} AND ${scope}
    ORDER BY e.seq DESC LIMIT ${RECENT_EVENTS}`);
  return rows.map(({ taskTitleKo, ...r }) => ({ ...r, ...twin("taskTitleKo", taskTitleKo), time: r.time.toISOString() }));
}

/** A country's board as the caller may see it; `mission` is the country's leading mission (from the directory). */
export async function countryBoard(db: Queryable, p: Principal, country: string, mission: string, now = Date.now()): Promise<Board> {
  const today = utcToday(now);
  const [running, overdue, events] = await Promise.all([
    runningByKind(db, p, country, today),
    overdueByOrg(db, p, country, today),
    recentEvents(db, p, country),
  ]);
  return { country, mission, today, running, overdue, recentEvents: events };
}

// ── HQ's overview across missions ──────────────────────────────────────────

/** `column` within the range's days (inclusive), or no condition without a range. */
function within(column: Sql, q: OverviewQuery): Sql {
  const parts: Sql[] = [];
  if (q.from) parts.push(sql`${column} >= ${q.from}::date`);
  if (q.to) parts.push(sql`${column} < ${q.to}::date + 1`);
  return parts.length ? sql`AND ${join(parts, " AND ")}` : empty;
}

const percentiles = (hours: Sql) =>
  sql`count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours}) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours}) AS p90`;
const hoursBetween = (from: Sql, to: Sql) => sql`(extract(epoch FROM (${to} - ${from})) / 3600.0)`;
type PercentileRow = { key: string; n: string; median: number; p90: number };
const toCycle = (r: PercentileRow) => ({ count: toInt(r.n), medianHours: Number(r.median), p90Hours: Number(r.p90) });

/** Per country with a mission (or with tasks): running tasks and overdue assignments now. */
async function countryCounts(db: Queryable, today: string): Promise<Overview["countries"]> {
  const rows = await db.query<{ country: string; mission: string | null; running: string; overdue: string }>(sql`
    WITH missions AS (
      SELECT DISTINCT ON (country) country, code FROM organizations
      WHERE kind = 'MISSION' AND country IS NOT NULL ORDER BY country, leads_team DESC, code),
    running AS (
      SELECT t.country, count(*) AS n FROM joint_tasks t WHERE t.status = ANY(${RUNNING}::text[]) GROUP BY t.country),
    overdue AS (
      SELECT t.country, count(*) AS n FROM assignments s JOIN joint_tasks t ON t.id = s.workflow_id WHERE ${isOverdue(today)} GROUP BY t.country)
    SELECT c.country, m.code AS mission, coalesce(r.n, 0) AS running, coalesce(o.n, 0) AS overdue
    FROM (SELECT country FROM missions UNION SELECT country FROM running UNION SELECT country FROM overdue) c
    LEFT JOIN missions m ON m.country = c.country
    LEFT JOIN running r ON r.country = c.country
    LEFT JOIN overdue o ON o.country = c.country
    ORDER BY c.country`);
  return rows.map((r) => ({ country: r.country.trim(), mission: r.mission, running: toInt(r.running), overdue: toInt(r.overdue) }));
}

async function cycleTimes(db: Queryable, q: OverviewQuery): Promise<Overview["cycleTime"]> {
  const [byKind, byOrg] = await Promise.all([
    db.query<PercentileRow>(sql`
      SELECT t.kind AS key, ${percentiles(hoursBetween(sql`t.started_at`, sql`t.closed_at`))}
      FROM joint_tasks t WHERE t.status = 'completed' AND t.closed_at IS NOT NULL ${within(sql`t.closed_at`, q)}
      GROUP BY t.kind ORDER BY t.kind`),
    // A completed assignment changes no more, so its last update is its completion.
    db.query<PercentileRow>(sql`
      SELECT s.org_code AS key, ${percentiles(hoursBetween(sql`s.created_at`, sql`s.updated_at`))}
      FROM assignments s WHERE s.status = 'completed' ${within(sql`s.updated_at`, q)}
      GROUP BY s.org_code ORDER BY s.org_code`),
  ]);
  return {
    byKind: byKind.map((r) => ({ kind: r.key as Overview["cycleTime"]["byKind"][number]["kind"], ...toCycle(r) })),
    byOrg: byOrg.map((r) => ({ org: r.key, ...toCycle(r) })),
  };
}

/**
 * Missed deadlines: approvals escalated past their decide-by moment, assignments completed after
 * their due day, and assignments still open past it. The range selects by when the breach
 * happened: escalation, completion, or (still open) the due day.
 */
function breachesSql(q: OverviewQuery, today: string): Sql {
  return sql`
    SELECT 'approval_escalated' AS type, a.id::text AS id, a.workflow_id AS "workflowId", t.title, t.title_ko AS "titleKo", t.country, a.decider AS org,
      to_char(a.decide_by, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS due, a.escalated_at AS at, a.escalated_at AS sort
    FROM approvals a JOIN joint_tasks t ON t.id = a.workflow_id
    WHERE a.escalated_at IS NOT NULL ${within(sql`a.escalated_at`, q)}
    UNION ALL
    SELECT 'assignment_late', s.id::text, s.workflow_id, t.title, t.title_ko, t.country, s.org_code, s.due_on, s.updated_at, s.updated_at
    FROM assignments s JOIN joint_tasks t ON t.id = s.workflow_id
    WHERE s.status = 'completed' AND s.updated_at >= s.due_on::date + 1 ${within(sql`s.updated_at`, q)}
    UNION ALL
    SELECT 'assignment_overdue', s.id::text, s.workflow_id, t.title, t.title_ko, t.country, s.org_code, s.due_on, NULL, (s.due_on::date + 1)::timestamp
    FROM assignments s JOIN joint_tasks t ON t.id = s.workflow_id
    WHERE ${isOverdue(today)} ${within(sql`s.due_on::date`, q)}`;
}

async function breaches(db: Queryable, q: OverviewQuery, today: string): Promise<Overview["breaches"]> {
  const all = breachesSql(q, today);
  const [counts, items] = await Promise.all([
    db.query<{ type: SlaBreach["type"]; n: string }>(sql`SELECT b.type, count(*) AS n FROM (${all}) b GROUP BY b.type`),
    db.query<Omit<SlaBreach, "at" | "titleKo"> & { at: Date | null; titleKo: string | null }>(
      sql`SELECT b.type, b.id, b."workflowId", b.title, b."titleKo", b.country, b.org, b.due, b.at FROM (${all}) b ORDER BY b.sort DESC, b.id LIMIT ${BOARD_LIST_LIMIT}`,
    ),
  ]);
  const n = (type: SlaBreach["type"]) => toInt(counts.find((c) => c.type === type)?.n ?? 0);
  return {
    counts: { approval_escalated: n("approval_escalated"), assignment_late: n("assignment_late"), assignment_overdue: n("assignment_overdue") },
    items: items.map(({ titleKo, ...b }) => ({ ...b, ...twin("titleKo", titleKo), country: b.country.trim(), at: b.at?.toISOString() ?? null })),
  };
}

/** HQ's picture across missions (callers check that the caller sees every mission). */
export async function missionsOverview(db: Queryable, q: OverviewQuery, now = Date.now()): Promise<Overview> {
  const today = utcToday(now);
  const [countries, cycleTime, breached] = await Promise.all([countryCounts(db, today), cycleTimes(db, q), breaches(db, q, today)]);
  return { today, from: q.from ?? null, to: q.to ?? null, countries, cycleTime, breaches: breached };
}
