/**
 * Who holds an organisation's assignments, as the directory says today: its leads (a posting
 * flagged `lead`, and a mission's head), the people posted there, and the claims whose holder is
 * no longer posted there (moved, left, deactivated), which the API's vacancy sweep returns to the
 * organisation's queue.
 */
import { type Queryable, sql } from "./client";

/** Whether the person is a lead of the organisation today: a `lead` posting there, or its head of mission. */
export async function isLeadOf(q: Queryable, email: string, org: string): Promise<boolean> {
  const row = await q.one(sql`
    SELECT 1 FROM people_now WHERE email = ${email} AND org_code = ${org} AND (lead OR role = 'MISSION_HEAD') LIMIT 1`);
  return row !== null;
}

/** The person with this e-mail posted at the organisation today, with their name; null when there is none. */
export async function personPostedAt(q: Queryable, email: string, org: string): Promise<{ email: string; name: string } | null> {
  return q.one<{ email: string; name: string }>(sql`
    SELECT email, name FROM people_now WHERE lower(email) = lower(${email}) AND org_code = ${org} LIMIT 1`);
}

export interface DepartedClaim {
  workflowId: string;
  assignmentId: string;
  org: string;
  holder: { email: string; name: string | null };
}

/** Open assignments whose holder is not posted at the assignment's organisation today. */
export async function departedClaims(q: Queryable, limit = 100): Promise<DepartedClaim[]> {
  return q.query<DepartedClaim>(sql`
    SELECT s.workflow_id AS "workflowId", s.id::text AS "assignmentId", s.org_code AS org,
      json_build_object('email', s.assignee_email, 'name', s.assignee_name) AS holder
    FROM assignments s
    WHERE s.assignee_email IS NOT NULL AND s.status IN ('pending', 'acknowledged', 'in_progress')
      AND NOT EXISTS (SELECT 1 FROM people_now p WHERE p.email = s.assignee_email AND p.org_code = s.org_code)
    ORDER BY s.claimed_at, s.id
    LIMIT ${limit}`);
}

/** The sentence the timeline keeps when the hub returns a claim to the queue. */
export function claimDepartureReason(c: DepartedClaim): string {
  const who = c.holder.name ? `${c.holder.name} (${c.holder.email})` : c.holder.email;
  return `${who} is no longer posted at ${c.org}: the assignment is back in ${c.org}'s queue`;
}
