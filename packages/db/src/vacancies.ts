/**
 * Missions whose head has left: no head is posted today, and the most recent head's posting
 * ended (or they were deactivated). A head's pending approval there has nobody to decide it; it
 * passes to the acting head the directory names for the mission (organizations.acting_head, who
 * must be posted there today), or else to HQ. The API's vacancy sweep reads these and tells each
 * task; the task records the hand-over, so a step passes once.
 */
import { type Queryable, sql } from "./client";

export interface HeadlessApproval {
  workflowId: string;
  approvalId: string;
  mission: string;
  /** The acting head named for the mission and posted there today; null: the step goes to HQ. */
  actingHead: string | null;
  /** The head who left, and how: their posting's last day, or that they were deactivated. */
  departed: { email: string; name: string; until: string | null; active: boolean };
}

/** Pending head's steps of missions whose head left, not yet handed over or escalated. */
export async function headlessApprovals(q: Queryable, limit = 100): Promise<HeadlessApproval[]> {
  return q.query<HeadlessApproval>(sql`
    SELECT a.workflow_id AS "workflowId", a.id AS "approvalId", a.decider AS mission,
      (SELECT s.email FROM people_now s WHERE s.org_code = a.decider AND s.email = o.acting_head) AS "actingHead",
      json_build_object('email', last.email, 'name', last.name, 'until', last.until, 'active', last.active) AS departed
    FROM approvals a
    JOIN organizations o ON o.code = a.decider AND o.kind = 'MISSION'
    JOIN LATERAL (
      SELECT u.email, u.name, p.valid_until::text AS until, u.active FROM postings p JOIN users u ON u.id = p.person_id
      WHERE p.org_code = a.decider AND p.role = 'MISSION_HEAD' AND p.valid_from <= hub_today()
      -- The latest head: the last to start, then the last to end, then the last added.
      ORDER BY p.valid_from DESC, p.valid_until DESC NULLS FIRST, u.created_at DESC LIMIT 1
    ) last ON TRUE
    WHERE a.status = 'pending' AND a.escalated_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM people_now h WHERE h.org_code = a.decider AND h.role = 'MISSION_HEAD')
      AND NOT EXISTS (SELECT 1 FROM timeline t WHERE t.workflow_id = a.workflow_id AND t.dedupe_key = 'approval:' || a.id || ':handed-over')
    ORDER BY a.requested_at, a.id
    LIMIT ${limit}`);
}

/** The sentence the timeline keeps: who left, and how. */
export function departureReason(a: HeadlessApproval): string {
  const who = `${a.departed.name} (${a.departed.email})`;
  const how = !a.departed.active ? "was deactivated" : `left: their posting ended on ${a.departed.until}`;
  return `${who}, head of ${a.mission}, ${how}, with this approval pending; no other head is posted`;
}

/**
 * Whether a mission's staff member decides its head's approvals today as its named acting head:
 * no head is posted, and the directory names them. Answers on whose behalf they decide.
 */
export async function actingForVacantHead(q: Queryable, userId: string, missionCode: string): Promise<string | null> {
  const row = await q.one<{ mission: string }>(sql`
    SELECT o.code AS mission FROM organizations o JOIN people_now s ON s.org_code = o.code AND s.email = o.acting_head
    WHERE o.code = ${missionCode} AND s.id = ${userId}::uuid
      AND NOT EXISTS (SELECT 1 FROM people_now h WHERE h.org_code = o.code AND h.role = 'MISSION_HEAD')`);
  return row ? `${row.mission} (head's post vacant)` : null;
}
