/**
 * The e-mail notice outbox. Facts arrive in `notice_facts` by a trigger on `timeline`, in the
 * transaction that records them (see the migration). The relay's notice loop expands each fact
 * into one notice per recipient (unique per recipient and fact, so expanding twice adds nothing),
 * then leases due notices, sends them, and marks them sent, or failed with a retry time, or
 * parked. A lease, not a transaction held open, covers the send: the mail server's pace must not
 * hold back the live stream, which waits for the oldest running transaction.
 */
import type { NotificationPrefs, ParkedNotice, Principal, Role } from "@hub/contracts";
import { bulkValues, type Db, jsonb, type Queryable, sql } from "./client";
import { partiesPosted } from "./delegations";
import { visibleTasksSql } from "./visibility";

/** A fact to expand: the timeline row and the task it belongs to. */
export interface NoticeFact {
  timelineId: string;
  workflowId: string;
  action: string;
  at: Date;
  detail: Record<string, unknown>;
  task: {
    kind: string;
    country: string;
    title: string;
    titleKo?: string | null;
    missionCode: string | null;
    missionTimeZone?: string | null;
    informed: string[];
  };
}

export interface Person {
  id: string;
  email: string;
  role: Role;
  orgCode: string;
  orgKind: Principal["orgKind"];
  orgCountry: string | null;
  /** The clock of the person's organisation (the directory's time zone). */
  orgTimeZone: string;
}

export interface NewNotice {
  recipient: Person;
  kind: string;
  urgent: boolean;
  data: Record<string, unknown>;
  dueAt: Date;
}

const PERSON = sql`u.id::text AS id, u.email, u.role::text AS role, u.org_code AS "orgCode", o.kind::text AS "orgKind", o.country AS "orgCountry", o.time_zone AS "orgTimeZone"`;

/**
 * Claims up to `limit` facts not yet expanded (FOR UPDATE SKIP LOCKED: another relay takes
 * others), asks `expand` for each fact's notices, inserts them and marks the facts expanded, all
 * in one transaction. Resolves to the number of facts expanded.
 */
export async function expandNoticeFacts(
  db: Db,
  limit: number,
  expand: (q: Queryable, f: NoticeFact) => Promise<NewNotice[]>,
  onFailure: (f: NoticeFact, err: unknown) => void = () => undefined,
): Promise<number> {
  return db.tx(async (q) => {
    const facts = await q.query<NoticeFact>(sql`
      SELECT f.timeline_id::text AS "timelineId", tl.workflow_id AS "workflowId", tl.action, tl.at, tl.detail,
             json_build_object('kind', t.kind, 'country', t.country, 'title', t.title, 'titleKo', t.title_ko, 'missionCode', t.mission_code,
                               'missionTimeZone', (SELECT o.time_zone FROM organizations o WHERE o.code = t.mission_code),
                               'informed', coalesce(t.informed, '{}'::text[])) AS task
      FROM notice_facts f
      JOIN timeline tl ON tl.id = f.timeline_id
      JOIN joint_tasks t ON t.id = tl.workflow_id
      WHERE f.expanded_at IS NULL
      ORDER BY f.timeline_id
      LIMIT ${limit}
      FOR UPDATE OF f SKIP LOCKED`);
    for (const f of facts) {
      // A fact that cannot be expanded (a bug, data no rule foresaw) is set aside with a log line
      // rather than retried at the head of the queue for ever, holding back every notice after it.
      await q.run(sql`SAVEPOINT notice_fact`);
      try {
        await insertNotices(q, f, await expand(q, f));
        await q.run(sql`RELEASE SAVEPOINT notice_fact`);
      } catch (err) {
        await q.run(sql`ROLLBACK TO SAVEPOINT notice_fact`);
        onFailure(f, err);
      }
      await q.run(sql`UPDATE notice_facts SET expanded_at = now() WHERE timeline_id = ${f.timelineId}::bigint`);
    }
    return facts.length;
  });
}

async function insertNotices(q: Queryable, f: NoticeFact, notices: NewNotice[]): Promise<void> {
  if (notices.length > 0) {
    await q.run(sql`
          INSERT INTO notices (recipient_id, email, recipient_org, timeline_id, workflow_id, kind, urgent, data, due_at)
          VALUES ${bulkValues(
            notices.map((n) => [
              sql`${n.recipient.id}::uuid`,
              n.recipient.email,
              n.recipient.orgCode,
              sql`${f.timelineId}::bigint`,
              f.workflowId,
              n.kind,
              n.urgent,
              sql`${jsonb(n.data)}::jsonb`,
              n.dueAt,
            ]),
          )}
          ON CONFLICT (recipient_id, timeline_id) DO NOTHING`);
  }
}

// people_now: only those active and posted there today are told (migration 20261202100000_directory).

/** The people of these organisations who do its work (not HQ reviewers or administrators). */
export async function workersOf(q: Queryable, orgs: string[]): Promise<Person[]> {
  if (orgs.length === 0) return [];
  return q.query<Person>(sql`
    SELECT ${PERSON} FROM people_now u JOIN organizations o ON o.code = u.org_code
    WHERE u.org_code = ANY(${orgs}::text[]) AND u.role IN ('MISSION_HEAD', 'MISSION_STAFF', 'AGENCY_STAFF')
    ORDER BY u.email`);
}

/** These people, by e-mail, if they are posted today (whoever else the notice is for, only they). */
export async function postedByEmail(q: Queryable, emails: string[]): Promise<Person[]> {
  if (emails.length === 0) return [];
  return q.query<Person>(sql`
    SELECT ${PERSON} FROM people_now u JOIN organizations o ON o.code = u.org_code WHERE u.email = ANY(${emails}::text[]) ORDER BY u.email`);
}

/** The leads of an organisation today: those whose posting is marked lead, and a mission's head. */
export async function leadsOf(q: Queryable, org: string): Promise<Person[]> {
  return q.query<Person>(sql`
    SELECT ${PERSON} FROM people_now u JOIN organizations o ON o.code = u.org_code
    WHERE u.org_code = ${org} AND (u.lead OR u.role = 'MISSION_HEAD') ORDER BY u.email`);
}

/** Who decides for `org` today: its heads of mission and their acting heads inside a delegation's window (or the named acting head while no head is posted), or HQ's reviewers. */
export async function decidersOf(q: Queryable, org: string, today: string): Promise<Person[]> {
  return q.query<Person>(sql`
    SELECT ${PERSON} FROM people_now u JOIN organizations o ON o.code = u.org_code
    WHERE (u.org_code = ${org} AND u.role IN ('MISSION_HEAD', 'HQ_REVIEWER'))
       OR u.id IN (SELECT d.delegate_id FROM delegations d WHERE d.mission_code = ${org} AND d.revoked_at IS NULL
                     AND d.valid_from <= ${today} AND d.valid_until >= ${today} AND ${partiesPosted("d")})
       -- The acting head the directory names, while no head is posted (vacancies.ts).
       OR (u.org_code = ${org} AND u.email = o.acting_head
           AND NOT EXISTS (SELECT 1 FROM people_now h WHERE h.org_code = ${org} AND h.role = 'MISSION_HEAD'))
    ORDER BY u.email`);
}

/** The heads of these missions (an overdue assignment is escalated to them). */
export async function headsOf(q: Queryable, missions: string[]): Promise<Person[]> {
  return q.query<Person>(sql`
    SELECT ${PERSON} FROM people_now u JOIN organizations o ON o.code = u.org_code
    WHERE u.org_code = ANY(${missions}::text[]) AND u.role = 'MISSION_HEAD' ORDER BY u.email`);
}

/** The organisations holding these assignments. */
export async function assignmentOrgs(q: Queryable, assignmentIds: string[]): Promise<string[]> {
  const rows = await q.query<{ org: string }>(
    sql`SELECT DISTINCT org_code AS org FROM assignments WHERE id = ANY(${assignmentIds}::uuid[]) ORDER BY org_code`,
  );
  return rows.map((r) => r.org);
}

/** The people who may see the task, by the API's own rule (visibility.ts): nobody is told of a task they may not open. */
export async function whoMaySee(q: Queryable, workflowId: string, people: Person[]): Promise<Person[]> {
  const seen: Person[] = [];
  for (const p of people) {
    const principal: Principal = {
      userId: p.id,
      email: p.email,
      role: p.role,
      orgCode: p.orgCode,
      orgKind: p.orgKind,
      orgCountry: p.orgCountry as Principal["orgCountry"],
    };
    const row = await q.one<{ ok: boolean }>(sql`SELECT true AS ok FROM joint_tasks t WHERE t.id = ${workflowId} AND ${visibleTasksSql(principal)}`);
    if (row) seen.push(p);
  }
  return seen;
}

/** When a digest reader's pending digest goes out, if one is gathering. */
export async function pendingDigestDue(q: Queryable, recipientId: string): Promise<Date | null> {
  const row = await q.one<{ due: Date }>(sql`
    SELECT min(due_at) AS due FROM notices WHERE recipient_id = ${recipientId}::uuid AND status = 'pending' AND NOT urgent
    HAVING min(due_at) IS NOT NULL`);
  return row?.due ?? null;
}

// ── preferences ─────────────────────────────────────────────────────────────

export interface StoredPrefs {
  language: "ko" | "en";
  delivery: "instant" | "digest";
  timeZone: string;
  quietFrom: string | null;
  quietUntil: string | null;
  urgentBypass: boolean;
}

const PREFS = sql`language, delivery, time_zone AS "timeZone", quiet_from AS "quietFrom", quiet_until AS "quietUntil", urgent_bypass AS "urgentBypass"`;

/** A person's stored preferences, or null for the defaults. */
export async function findNoticePrefs(q: Queryable, userId: string): Promise<StoredPrefs | null> {
  return q.one<StoredPrefs>(sql`SELECT ${PREFS} FROM notification_prefs WHERE user_id = ${userId}::uuid`);
}

export function toNotificationPrefs(s: StoredPrefs): NotificationPrefs {
  return {
    language: s.language,
    delivery: s.delivery,
    timeZone: s.timeZone,
    quietHours: s.quietFrom && s.quietUntil ? { from: s.quietFrom, until: s.quietUntil } : null,
    urgentBypassesQuiet: s.urgentBypass,
  };
}

/** Stores a person's preferences whole. Notices already timed keep their time; new ones follow these. */
export async function saveNoticePrefs(db: Queryable, userId: string, p: NotificationPrefs): Promise<void> {
  await db.run(sql`
    INSERT INTO notification_prefs (user_id, language, delivery, time_zone, quiet_from, quiet_until, urgent_bypass, updated_at)
    VALUES (${userId}::uuid, ${p.language}, ${p.delivery}, ${p.timeZone}, ${p.quietHours?.from ?? null}, ${p.quietHours?.until ?? null},
            ${p.urgentBypassesQuiet}, now())
    ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, delivery = EXCLUDED.delivery, time_zone = EXCLUDED.time_zone,
      quiet_from = EXCLUDED.quiet_from, quiet_until = EXCLUDED.quiet_until, urgent_bypass = EXCLUDED.urgent_bypass, updated_at = now()`);
}

// ── sending ─────────────────────────────────────────────────────────────────

export interface DueNotice {
  id: string;
  recipientId: string;
  email: string;
  workflowId: string;
  kind: string;
  urgent: boolean;
  data: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

/**
 * Leases the notices due at `now` for `leaseMs`: every due notice of the recipients of the
 * `limit` oldest due ones, so a digest reader's notices go out together. A lease that ran out (a
 * relay that died mid-send) makes the notice due again: at least once. The instant comes from
 * the caller's clock, not the database's, so a test can tell the loop the time. Notices stop when
 * their reader leaves: one due for someone no longer posted where it was meant for (moved, left,
 * deactivated) is parked unsent, with that reason, for the admins' listing.
 */
export async function leaseDueNotices(db: Db, limit: number, leaseMs: number, now: Date): Promise<DueNotice[]> {
  return db.tx(async (q) => {
    await q.run(sql`
      UPDATE notices n SET status = 'parked', parked_at = now(), leased_until = NULL,
        last_error = 'not sent: the recipient has left the posting it was for (moved, left, or deactivated)'
      WHERE n.status = 'pending' AND n.due_at <= ${now} AND (n.leased_until IS NULL OR n.leased_until < ${now})
        AND NOT EXISTS (SELECT 1 FROM people_now u WHERE u.id = n.recipient_id AND (n.recipient_org IS NULL OR u.org_code = n.recipient_org))`);
    return q.query<DueNotice>(sql`
      WITH due AS (
        SELECT id, recipient_id FROM notices
        WHERE status = 'pending' AND due_at <= ${now} AND (leased_until IS NULL OR leased_until < ${now})
        ORDER BY due_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), batch AS (
        SELECT n.id FROM notices n
        WHERE n.status = 'pending' AND n.due_at <= ${now} AND (n.leased_until IS NULL OR n.leased_until < ${now})
          AND n.recipient_id IN (SELECT recipient_id FROM due)
        FOR UPDATE SKIP LOCKED
      )
      UPDATE notices n SET leased_until = ${now}::timestamptz + make_interval(secs => ${leaseMs / 1000})
      FROM batch WHERE n.id = batch.id
      RETURNING n.id::text AS id, n.recipient_id::text AS "recipientId", n.email, n.workflow_id AS "workflowId", n.kind, n.urgent,
                n.data, n.attempts, n.created_at AS "createdAt"`);
  });
}

/** How each recipient reads notices (stored preferences; absent: Korean, one message each). */
export async function noticeReaders(
  q: Queryable,
  recipientIds: string[],
): Promise<Map<string, { language: "ko" | "en"; delivery: "instant" | "digest" }>> {
  const rows = await q.query<{ id: string; language: "ko" | "en"; delivery: "instant" | "digest" }>(
    sql`SELECT user_id::text AS id, language, delivery FROM notification_prefs WHERE user_id = ANY(${recipientIds}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, { language: r.language, delivery: r.delivery }]));
}

export async function markNoticesSent(db: Db, ids: string[], messageId: string): Promise<void> {
  await db.run(sql`
    UPDATE notices SET status = 'sent', sent_at = now(), message_id = ${messageId}, attempts = attempts + 1, leased_until = NULL, last_error = NULL
    WHERE id = ANY(${ids}::bigint[]) AND status = 'pending'`);
}

/** A failed send: retried at `retryAt`, or parked with the reason when `retryAt` is null. */
export async function markNoticesFailed(db: Db, ids: string[], reason: string, retryAt: Date | null): Promise<void> {
  await db.run(sql`
    UPDATE notices SET attempts = attempts + 1, last_error = ${reason.slice(0, 1000)}, leased_until = NULL,
      ${retryAt ? sql`due_at = ${retryAt}` : sql`status = 'parked', parked_at = now()`}
    WHERE id = ANY(${ids}::bigint[]) AND status = 'pending'`);
}

/** Gives leased notices back unsent (the mail server failed on an earlier message of the batch): due again at once. */
export async function releaseNotices(db: Db, ids: string[]): Promise<void> {
  await db.run(sql`UPDATE notices SET leased_until = NULL WHERE id = ANY(${ids}::bigint[]) AND status = 'pending'`);
}

/** Parked notices, newest first (the admins' listing). */
export async function listParkedNotices(q: Queryable, limit: number): Promise<ParkedNotice[]> {
  const rows = await q.query<{
    id: string;
    email: string;
    workflowId: string;
    kind: string;
    attempts: number;
    lastError: string | null;
    createdAt: Date;
    parkedAt: Date | null;
  }>(sql`
    SELECT id::text AS id, email, workflow_id AS "workflowId", kind, attempts, last_error AS "lastError", created_at AS "createdAt", parked_at AS "parkedAt"
    FROM notices WHERE status = 'parked' ORDER BY parked_at DESC, notices.id DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    recipient: r.email,
    workflowId: r.workflowId,
    kind: r.kind,
    attempts: r.attempts,
    reason: r.lastError,
    createdAt: r.createdAt.toISOString(),
    parkedAt: r.parkedAt?.toISOString() ?? null,
  }));
}

/** An assignment as a notice describes it. */
export async function assignmentForNotice(q: Queryable, id: string): Promise<{ org: string; task: string; dueOn: string } | null> {
  return q.one(sql`SELECT org_code AS org, description AS task, due_on AS "dueOn" FROM assignments WHERE id = ${id}::uuid`);
}

/** The moment an approval was due. */
export async function approvalDueAt(q: Queryable, id: string): Promise<string | null> {
  const row = await q.one<{ at: Date }>(sql`SELECT decide_by AS at FROM approvals WHERE id = ${id}::uuid`);
  return row?.at.toISOString() ?? null;
}
