/**
 * Writes of the joint-task read model. Activities call these; activities run at least once,
 * so every write is an upsert or a guarded update, and timeline/audit rows carry dedupe keys.
 * Each write is one transaction; most are one or two statements. A write that changed something
 * also records it in the live stream's feed (changes.ts), in the same transaction, so the stream
 * never announces what was rolled back nor misses what was committed; a retried activity whose
 * guarded statements change nothing records nothing.
 */
import {
  type Actor,
  type ApprovalEscalationRecord,
  type ApprovalRequestRecord,
  type AssignmentActionRecord,
  type AssignmentsRecord,
  type CancelTaskRecord,
  CLOSED_TASK_STATUSES,
  type ClaimRecord,
  type CloseTaskRecord,
  type DecisionRecord,
  type FlagTaskRecord,
  type OpenTaskRecord,
  type TaskStatus,
  type TimelineRecord,
} from "@hub/contracts";
import { recordChanges } from "./changes";
import { bulkValues, type Db, jsonb, type Queryable, sql } from "./client";

const OPEN_ASSIGNMENT = ["pending", "acknowledged", "in_progress"];
const CLOSED = CLOSED_TASK_STATUSES as string[];

/** Writes timeline entries; resolves to how many were new (not already recorded under their dedupe key). */
async function timeline(q: Queryable, entries: TimelineRecord[]): Promise<number> {
  if (entries.length === 0) return 0;
  return q.run(sql`
    INSERT INTO timeline (workflow_id, dedupe_key, at, actor_email, actor_org, actor_on_behalf_of, action, detail)
    VALUES ${bulkValues(
      entries.map((e) => [
        e.workflowId,
        e.dedupeKey,
        new Date(e.at),
        e.actor?.email ?? null,
        e.actor?.org ?? null,
        e.actor?.onBehalfOf ?? null,
        e.action,
        sql`${jsonb(e.detail)}::jsonb`,
      ]),
    )}
    ON CONFLICT (workflow_id, dedupe_key) DO NOTHING`);
}

/** The same writer for other read models that record on a task's timeline (comments.ts). */
export { timeline as writeTimeline };

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

export async function audit(q: Queryable, entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  await q.run(sql`
    INSERT INTO audit_log (dedupe_key, at, actor_email, actor_org, actor_on_behalf_of, action, entity, entity_id, before, after)
    VALUES ${bulkValues(
      entries.map((a) => [
        a.dedupeKey,
        new Date(a.at),
        a.actor.email,
        a.actor.org,
        a.actor.onBehalfOf ?? null,
        a.action,
        a.entity,
        a.entityId,
        sql`${jsonb(a.before)}::jsonb`,
        sql`${jsonb(a.after)}::jsonb`,
      ]),
    )}
    ON CONFLICT (dedupe_key) DO NOTHING`);
}

/** How an organisation is involved in a task; "planned": named in a version of the plan not yet approved. */
type Relation = "lead" | "assignee" | "informed" | "planned";

async function involve(q: Queryable, workflowId: string, relation: Relation, orgs: string[]): Promise<void> {
  if (orgs.length === 0) return;
  await q.run(sql`
    INSERT INTO task_orgs (workflow_id, org_code, relation)
    SELECT ${workflowId}, org, ${relation} FROM unnest(${orgs}::text[]) AS org
    ON CONFLICT DO NOTHING`);
}

export async function openTask(db: Db, t: OpenTaskRecord): Promise<void> {
  await db.tx(async (q) => {
    const opened = await q.run(sql`
      INSERT INTO joint_tasks (id, kind, country, case_ref, title, title_ko, status, started_at, updated_at)
      VALUES (${t.workflowId}, ${t.kind}, ${t.country}, ${t.caseRef}, ${t.title}, ${t.titleKo ?? null}, 'awaiting_approval', ${new Date(t.at)}, now())
      ON CONFLICT (id) DO NOTHING`);
    await timeline(q, [
      {
        workflowId: t.workflowId,
        dedupeKey: `event:${t.event.source}:${t.event.id}`,
        at: t.at,
        actor: t.publishedBy,
        action: "event.received",
        detail: { type: t.event.type, source: t.event.source, id: t.event.id, data: t.event.data },
      },
    ]);
    if (opened > 0) await recordChanges(q, t.workflowId, []);
  });
}

export async function addTimelineEntry(db: Db, e: TimelineRecord): Promise<void> {
  await db.tx(async (q) => {
    if ((await timeline(q, [e])) > 0) await recordChanges(q, e.workflowId, []);
  });
}

/**
 * A write that failed for good, on the task and in its timeline, in one transaction. Repeated
 * failures of the same activity keep one timeline entry (the dedupe key names the activity).
 */
export async function flagTask(db: Db, f: FlagTaskRecord): Promise<void> {
  const problem = `${f.activity}: ${f.reason}`;
  await db.tx(async (q) => {
    const tasks = await q.run(sql`UPDATE joint_tasks SET problem = ${problem}, updated_at = now() WHERE id = ${f.workflowId}`);
    // The task's own row may be what could not be written; the flag then lives in the workflow's history.
    if (tasks === 0) return;
    await recordChanges(q, f.workflowId, []);
    await timeline(q, [
      {
        workflowId: f.workflowId,
        dedupeKey: `problem:${f.activity}`,
        at: f.at,
        actor: null,
        action: "task.write_failed",
        detail: { activity: f.activity, reason: f.reason },
      },
    ]);
  });
}

/** Step 1 keeps the dedupe keys of the one-step approvals that came first. */
const approvalKey = (round: number, step: number) => (step === 1 ? `approval:${round}` : `approval:${round}:${step}`);

export async function requestApproval(db: Db, a: ApprovalRequestRecord): Promise<void> {
  const step = a.step ?? 1;
  const decider = a.decider ?? a.missionCode;
  const informed = a.plan.informed ?? [];
  const planned = [...new Set(a.plan.assignments.map((x) => x.org))];
  await db.tx(async (q) => {
    const requested = await q.run(sql`
      INSERT INTO approvals (id, workflow_id, round, step, mission_code, decider, plan, status, requested_at, decide_by, submitted_by_email, submitted_by_org)
      VALUES (${a.approvalId}::uuid, ${a.workflowId}, ${a.round}, ${step}, ${a.missionCode}, ${decider}, ${jsonb(a.plan)}::jsonb, 'pending',
              ${new Date(a.at)}, ${new Date(a.decideBy)}, ${a.submittedBy?.email ?? null}, ${a.submittedBy?.org ?? null})
      ON CONFLICT DO NOTHING`);
    await q.run(sql`
      UPDATE joint_tasks SET status = 'awaiting_approval', mission_code = ${a.missionCode}, informed = ${informed}::text[], updated_at = now()
      WHERE id = ${a.workflowId} AND status <> ALL(${CLOSED}::text[])`);
    // Informed and planned organisations are the latest version's: a revision may drop one.
    await q.run(sql`
      DELETE FROM task_orgs WHERE workflow_id = ${a.workflowId}
        AND ((relation = 'informed' AND org_code <> ALL(${informed}::text[])) OR (relation = 'planned' AND org_code <> ALL(${planned}::text[])))`);
    await involve(q, a.workflowId, "lead", [a.missionCode]);
    await involve(q, a.workflowId, "informed", informed);
    await involve(q, a.workflowId, "planned", planned);
    if (requested > 0) await recordChanges(q, a.workflowId, [{ kind: "approval", id: a.approvalId }]);
    await timeline(q, [
      // Later rounds' plans are entered by the mission (plan.revised); the first is the template's.
      ...(a.round === 1 && step === 1
        ? [
            {
              workflowId: a.workflowId,
              dedupeKey: "plan:1:drafted",
              at: a.at,
              actor: a.submittedBy ?? null,
              action: "plan.drafted",
              detail: { plan: a.plan },
            },
          ]
        : []),
      {
        workflowId: a.workflowId,
        dedupeKey: `${approvalKey(a.round, step)}:requested`,
        at: a.at,
        actor: null,
        action: "approval.requested",
        detail: { approvalId: a.approvalId, round: a.round, step, decider, decideBy: a.decideBy, plan: a.plan, note: a.note ?? null },
      },
    ]);
  });
}

export async function escalateApproval(db: Db, a: ApprovalEscalationRecord): Promise<void> {
  await db.tx(async (q) => {
    const escalated = await q.run(
      sql`UPDATE approvals SET escalated_at = ${new Date(a.at)} WHERE id = ${a.approvalId}::uuid AND escalated_at IS NULL`,
    );
    if (escalated > 0) await recordChanges(q, a.workflowId, [{ kind: "approval", id: a.approvalId }]);
    await timeline(q, [
      {
        workflowId: a.workflowId,
        dedupeKey: `approval:${a.round}:escalated`,
        at: a.at,
        actor: null,
        action: "approval.escalated",
        detail: {
          approvalId: a.approvalId,
          to: a.to ?? null,
          reason: a.reason ?? "the head of mission did not decide before the deadline",
          cause: a.reason ? "head_left" : "deadline",
        },
      },
    ]);
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
  await db.tx(async (q) => {
    const before = await q.one<{ status: string }>(sql`SELECT status FROM approvals WHERE id = ${d.approvalId}::uuid FOR UPDATE`);
    if (!before) throw new Error(`no approval ${d.approvalId}`);
    if (before.status === "pending") {
      await q.run(sql`
        UPDATE approvals SET status = ${status}, decision = ${d.decision}, comment = ${d.comment ?? null}, decided_at = ${at},
          decided_by_email = ${d.actor.email}, decided_by_org = ${d.actor.org}, decided_on_behalf_of = ${d.actor.onBehalfOf ?? null}
        WHERE id = ${d.approvalId}::uuid`);
      // A cancellation recorded first wins: a closed task does not reopen.
      await q.run(sql`
        UPDATE joint_tasks SET status = ${taskStatus}, updated_at = now() ${taskStatus === "rejected" ? sql`, closed_at = ${at}` : sql``}
        WHERE id = ${d.workflowId} AND status <> ALL(${CLOSED}::text[])`);
      await recordChanges(q, d.workflowId, [{ kind: "approval", id: d.approvalId }]);
    }
    await timeline(q, [
      {
        workflowId: d.workflowId,
        dedupeKey: `${approvalKey(d.round, step)}:decided`,
        at: d.at,
        actor: d.actor,
        action: `approval.${status}`,
        detail: { approvalId: d.approvalId, step, decision: d.decision, comment: d.comment ?? null },
      },
    ]);
    await audit(q, [
      {
        dedupeKey: `${d.workflowId}:${approvalKey(d.round, step)}:decided`,
        at: d.at,
        actor: d.actor,
        action: `approval.${d.decision}`,
        entity: "approval",
        entityId: d.approvalId,
        before: { status: before.status },
        after: { status, comment: d.comment ?? null },
      },
    ]);
  });
}

export async function createAssignments(db: Db, a: AssignmentsRecord): Promise<void> {
  if (a.items.length === 0) return;
  await db.tx(async (q) => {
    const created = await q.query<{ id: string }>(sql`
      INSERT INTO assignments (id, workflow_id, key, org_code, description, description_ko, due_on, outcomes, status, created_at, updated_at)
      VALUES ${bulkValues(
        a.items.map((i) => [
          sql`${i.id}::uuid`,
          a.workflowId,
          i.key,
          i.org,
          i.task,
          i.taskKo ?? null,
          i.dueOn,
          sql`${i.outcomes ?? []}::text[]`,
          "pending",
          sql`now()`,
          sql`now()`,
        ]),
      )}
      ON CONFLICT DO NOTHING
      RETURNING id::text AS id`);
    await involve(q, a.workflowId, "assignee", [...new Set(a.items.map((i) => i.org))]);
    await q.run(
      sql`UPDATE joint_tasks SET status = 'in_progress', updated_at = now() WHERE id = ${a.workflowId} AND status <> ALL(${CLOSED}::text[])`,
    );
    if (created.length > 0)
      await recordChanges(
        q,
        a.workflowId,
        created.map((c) => ({ kind: "assignment" as const, id: c.id })),
      );
    await timeline(
      q,
      a.items.map((i) => ({
        workflowId: a.workflowId,
        dedupeKey: `assignment:${i.key}:created`,
        at: a.at,
        actor: a.actor,
        action: "assignment.created",
        detail: { assignmentId: i.id, key: i.key, org: i.org, task: i.task, dueOn: i.dueOn, outcomes: i.outcomes ?? null },
      })),
    );
    await audit(
      q,
      a.items.map((i) => ({
        dedupeKey: `${a.workflowId}:assignment:${i.key}:created`,
        at: a.at,
        actor: a.actor,
        action: "assignment.create",
        entity: "assignment",
        entityId: i.id,
        before: null,
        after: { org: i.org, task: i.task, dueOn: i.dueOn, status: "pending" },
      })),
    );
  });
}

export async function recordAssignmentAction(db: Db, a: AssignmentActionRecord): Promise<void> {
  const key = `assignment:${a.assignmentId}:action:${a.seq}`;
  const withOutcome = a.outcome ? { outcome: a.outcome } : {};
  await db.tx(async (q) => {
    const moved = await q.run(sql`
      UPDATE assignments SET status = ${a.to}, updated_at = now()
        ${a.action === "complete" ? sql`, report = ${a.text ?? null}, outcome = ${a.outcome ?? null}` : sql``}
        ${a.action === "decline" ? sql`, decline_reason = ${a.text ?? null}` : sql``}
      WHERE id = ${a.assignmentId}::uuid AND status = ${a.from}`);
    if (moved > 0) await recordChanges(q, a.workflowId, [{ kind: "assignment", id: a.assignmentId }]);
    await timeline(q, [
      {
        workflowId: a.workflowId,
        dedupeKey: key,
        at: a.at,
        actor: a.actor,
        action: `assignment.${a.action}`,
        detail: { assignmentId: a.assignmentId, from: a.from, to: a.to, text: a.text ?? null, ...withOutcome },
      },
    ]);
    await audit(q, [
      {
        dedupeKey: `${a.workflowId}:${key}`,
        at: a.at,
        actor: a.actor,
        action: `assignment.${a.action}`,
        entity: "assignment",
        entityId: a.assignmentId,
        before: { status: a.from },
        after: { status: a.to, text: a.text ?? null, ...withOutcome },
      },
    ]);
  });
}

const CLAIM_ACTION = { claim: "assignment.claimed", release: "assignment.released", assign: "assignment.assigned" } as const;

/**
 * Who holds an assignment now (the workflow decided): the holder's columns on the assignment, a
 * timeline entry with who did it, from whom and to whom (and why, when the hub released it
 * because the holder left), and an audit row when a person did it. The update is guarded by the
 * holder before it, so a retried activity changes nothing twice.
 */
export async function recordClaim(db: Db, c: ClaimRecord): Promise<void> {
  const key = `assignment:${c.assignmentId}:claim:${c.seq}`;
  const at = new Date(c.at);
  const detail = {
    assignmentId: c.assignmentId,
    from: c.previous ? { email: c.previous.email, name: c.previous.name ?? null } : null,
    to: c.holder ? { email: c.holder.email, name: c.holder.name ?? null } : null,
    reason: c.reason ?? null,
  };
  await db.tx(async (q) => {
    const moved = await q.run(sql`
      UPDATE assignments SET assignee_email = ${c.holder?.email ?? null}, assignee_name = ${c.holder?.name ?? null},
        claimed_at = ${c.holder ? at : null}, updated_at = now()
      WHERE id = ${c.assignmentId}::uuid AND assignee_email IS NOT DISTINCT FROM ${c.previous?.email ?? null}`);
    if (moved > 0) await recordChanges(q, c.workflowId, [{ kind: "assignment", id: c.assignmentId }]);
    await timeline(q, [{ workflowId: c.workflowId, dedupeKey: key, at: c.at, actor: c.actor, action: CLAIM_ACTION[c.action], detail }]);
    if (c.actor) {
      await audit(q, [
        {
          dedupeKey: `${c.workflowId}:${key}`,
          at: c.at,
          actor: c.actor,
          action: `assignment.${c.action}`,
          entity: "assignment",
          entityId: c.assignmentId,
          before: { holder: c.previous?.email ?? null },
          after: { holder: c.holder?.email ?? null },
        },
      ]);
    }
  });
}

export async function closeTask(db: Db, c: CloseTaskRecord): Promise<void> {
  await db.tx(async (q) => {
    const closed = await q.run(sql`
      UPDATE joint_tasks SET status = ${c.status}, closed_at = ${new Date(c.at)}, updated_at = now()
        ${c.report ? sql`, closing_report = ${jsonb(c.report)}::jsonb` : sql``}
      WHERE id = ${c.workflowId}`);
    if (closed > 0) await recordChanges(q, c.workflowId, []);
    await timeline(q, [{ workflowId: c.workflowId, dedupeKey: "closed", at: c.at, actor: null, action: `task.${c.status}`, detail: c.report ?? {} }]);
  });
}

/**
 * A cancelled task: every open assignment withdrawn with the reason (whatever its status by
 * now, so an action recorded late cannot leave it open), the pending approval cancelled, the
 * task closed; one history entry and an audit row per withdrawal.
 */
export async function cancelTask(db: Db, c: CancelTaskRecord): Promise<void> {
  const at = new Date(c.at);
  await db.tx(async (q) => {
    const withdrawn = await q.query<{ id: string }>(sql`
      UPDATE assignments SET status = 'withdrawn', withdrawn_reason = ${c.reason}, updated_at = now()
      WHERE workflow_id = ${c.workflowId} AND status = ANY(${OPEN_ASSIGNMENT}::text[])
      RETURNING id::text AS id`);
    const cancelled = await q.query<{ id: string }>(
      sql`UPDATE approvals SET status = 'cancelled' WHERE workflow_id = ${c.workflowId} AND status = 'pending' RETURNING id::text AS id`,
    );
    const task = await q.run(
      sql`UPDATE joint_tasks SET status = 'cancelled', closed_at = ${at}, cancel_reason = ${c.reason}, updated_at = now() WHERE id = ${c.workflowId}`,
    );
    if (task > 0) {
      await recordChanges(q, c.workflowId, [
        ...withdrawn.map((w) => ({ kind: "assignment" as const, id: w.id })),
        ...cancelled.map((a) => ({ kind: "approval" as const, id: a.id })),
      ]);
    }
    await timeline(q, [
      {
        workflowId: c.workflowId,
        dedupeKey: "closed",
        at: c.at,
        actor: c.actor,
        action: "task.cancelled",
        detail: { reason: c.reason, withdrawn: c.withdrawn },
      },
    ]);
    await audit(q, [
      {
        dedupeKey: `${c.workflowId}:cancelled`,
        at: c.at,
        actor: c.actor,
        action: "task.cancel",
        entity: "joint_task",
        entityId: c.workflowId,
        before: null,
        after: { status: "cancelled", reason: c.reason },
      },
      ...c.withdrawn.map((w) => ({
        dedupeKey: `${c.workflowId}:assignment:${w.assignmentId}:withdrawn`,
        at: c.at,
        actor: c.actor,
        action: "assignment.withdraw",
        entity: "assignment",
        entityId: w.assignmentId,
        before: { status: w.from },
        after: { status: "withdrawn", reason: c.reason },
      })),
    ]);
  });
}
