/**
 * Stored data for the read and growth figures: joint tasks with their approval, assignments,
 * history, organisations and originating event — rows of the shape the write path produces,
 * inserted in bulk (the write path would take hours for 100,000 tasks on two cores).
 */
import { WORKFLOW_KINDS } from "@hub/contracts/core";
import type { Db } from "@hub/db";
import { sql } from "@hub/db";

const COUNTRIES = ["US", "JP", "CN", "VN", "SE", "HU", "ID"];
const KINDS = WORKFLOW_KINDS;
const TITLES = [
  "Anti-dumping investigation: Hot-rolled steel plate — US Department of Commerce",
  "Safeguard investigation: Large residential washers — USITC",
  "Youth placement: Production engineering trainee at a Korean supplier",
  "한-스웨덴 수교 60주년 기념 리셉션",
  "3·1운동 100주년 기념식",
  "청년 해외취업 설명회",
  "Korean Wave business week",
  "한-헝가리 수교 30주년 사진전",
  "Countervailing duty on Korean semiconductors",
];
// One in six waits for its head's decision; the rest are under way or closed.
const STATUSES = ["awaiting_approval", "in_progress", "in_progress", "completed", "rejected", "cancelled"];

export async function taskCount(db: Db): Promise<number> {
  return (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM joint_tasks WHERE case_ref LIKE 'BULK-%'`))?.n ?? 0;
}

/** Adds bulk tasks until there are `target` of them; returns the seconds it took. */
export async function growTasks(db: Db, target: number): Promise<number> {
  const from = (await taskCount(db)) + 1;
  if (from > target) return 0;
  const t0 = performance.now();
  const q = (text: string) => db.pool.query(text, [from, target, COUNTRIES, KINDS, TITLES, STATUSES]);
  // g numbers the task; every row below is derived from g, so the statements agree without joins.
  const task = `
    SELECT g, c, k, 'BULK-' || g AS ref, k || ':' || c || ':BULK-' || g AS id, 'EMB-' || c AS mission,
           ($5::text[])[1 + g % 9] || ' #' || g AS title, ($6::text[])[1 + g % 6] AS status,
           now() - (g || ' seconds')::interval AS at
    FROM generate_series($1::int, $2::int) AS g,
         LATERAL (SELECT ($3::text[])[1 + g % 7] AS c, ($4::text[])[1 + g % 4] AS k) x`;
  const plan = `jsonb_build_object('assignments', jsonb_build_array(
      jsonb_build_object('key', 'impact', 'org', 'KOTRA-' || c, 'task', 'Assess the industry impact.', 'dueOn', to_char(at + interval '14 days', 'YYYY-MM-DD')),
      jsonb_build_object('key', 'remedy', 'org', 'MOTIE', 'task', 'Run the trade-remedy response.', 'dueOn', to_char(at + interval '18 days', 'YYYY-MM-DD')),
      jsonb_build_object('key', 'engage', 'org', mission, 'task', 'Engage the authority.', 'dueOn', to_char(at + interval '21 days', 'YYYY-MM-DD'))))`;
  await q(`INSERT INTO joint_tasks (id, kind, country, case_ref, title, status, mission_code, started_at, closed_at, updated_at)
    SELECT id, k, c, ref, title, status, mission, at, CASE WHEN status IN ('completed', 'rejected', 'cancelled') THEN at + interval '30 days' END, at
    FROM (${task}) t`);
  await q(`INSERT INTO events (source, event_id, type, time, country, data, submitted_by, received_at)
    SELECT mission, 'bulk-' || g, 'kr.teamkorea.trade.restriction.detected.v1', at, c,
           jsonb_build_object('country', c, 'caseRef', ref, 'measure', 'anti_dumping', 'authority', 'Authority',
             'summary', 'Bulk-loaded case.', 'products', jsonb_build_array(jsonb_build_object('hsCode', '7208', 'description', 'Steel plate'))),
           'staff@teamkorea.dev', at
    FROM (${task}) t`);
  await q(`INSERT INTO approvals (id, workflow_id, round, step, mission_code, decider, plan, status, requested_at, decide_by, decided_at, decided_by_email, decided_by_org, decision)
    SELECT gen_random_uuid(), id, 1, 1, mission, mission, ${plan},
           CASE WHEN status = 'awaiting_approval' THEN 'pending' WHEN status = 'rejected' THEN 'rejected' ELSE 'approved' END,
           at, at + interval '3 days',
           CASE WHEN status <> 'awaiting_approval' THEN at + interval '1 hour' END,
           CASE WHEN status <> 'awaiting_approval' THEN 'head@teamkorea.dev' END,
           CASE WHEN status <> 'awaiting_approval' THEN mission END,
           CASE WHEN status = 'rejected' THEN 'reject' WHEN status <> 'awaiting_approval' THEN 'approve' END
    FROM (${task}) t`);
  await q(`INSERT INTO assignments (id, workflow_id, key, org_code, description, due_on, status, created_at, updated_at)
    SELECT gen_random_uuid(), id, a.key, a.org, a.task, to_char(at + a.due, 'YYYY-MM-DD'),
           CASE WHEN status = 'completed' THEN 'completed' WHEN status = 'cancelled' THEN 'withdrawn' ELSE 'pending' END,
           at + interval '1 hour', at + interval '1 hour'
    FROM (${task}) t,
         LATERAL (VALUES ('impact', 'KOTRA-' || c, 'Assess the industry impact.', interval '14 days'),
                         ('remedy', 'MOTIE', 'Run the trade-remedy response.', interval '18 days'),
                         ('engage', mission, 'Engage the authority.', interval '21 days')) AS a(key, org, task, due)
    WHERE status NOT IN ('awaiting_approval', 'rejected')`);
  await q(`INSERT INTO timeline (workflow_id, dedupe_key, at, actor_email, actor_org, action, detail)
    SELECT id, e.key, at + e.after, e.email, e.org, e.action, e.detail
    FROM (${task}) t,
         LATERAL (VALUES ('event:' || mission || ':bulk-' || g, interval '0', 'staff@teamkorea.dev', mission, 'event.received', jsonb_build_object('id', 'bulk-' || g)),
                         ('plan:1:drafted', interval '1 second', NULL, NULL, 'plan.drafted', jsonb_build_object('plan', ${plan})),
                         ('approval:1:requested', interval '1 second', NULL, NULL, 'approval.requested', jsonb_build_object('round', 1)),
                         ('approval:1:decided', interval '1 hour', 'head@teamkorea.dev', mission, 'approval.approved', jsonb_build_object('decision', 'approve'))) AS e(key, after, email, org, action, detail)
    WHERE e.action <> 'approval.approved' OR status <> 'awaiting_approval'`);
  await q(`INSERT INTO task_orgs (workflow_id, org_code, relation)
    SELECT id, mission, 'lead' FROM (${task}) t
    UNION ALL SELECT id, o, 'assignee' FROM (${task}) t, unnest(ARRAY['KOTRA-' || c, 'MOTIE', mission]) AS o WHERE status NOT IN ('awaiting_approval', 'rejected')
    ON CONFLICT DO NOTHING`);
  // As a table that grew by itself would be: vacuumed (visibility maps set, no autovacuum
  // running during the measurements) and analysed.
  await db.pool.query("VACUUM (ANALYZE)");
  return (performance.now() - t0) / 1000;
}
