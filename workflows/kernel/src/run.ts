/**
 * The joint-task workflow every kind runs: draft plan → approval chain (head, then HQ where the
 * kind asks), rounds with request-changes → assignments fanned out with reminders and overdue
 * escalation → closes when every assignment is done and the kind's own rule holds; cancel at
 * any point withdraws what is open. Deterministic: all I/O is activities.
 *
 * Running tasks replay their recorded histories against this code. The order of activities,
 * timers and random ids for a task of one approval step is exactly the one the first
 * trade-restriction workflow produced; keep it so, or put the change behind patched().
 */
import type { Actor, ClosingReport, DeciderRole, EventRef, JointTaskInput, PlanAssignment } from "@hub/contracts";
import { DEFAULT_TASK_POLICY, unstorableTextIssues } from "@hub/contracts/core";
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineSignal,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from "@temporalio/workflow";
import type { JointTaskActivities } from "./activities";
import { addDays, dayOf, daysBetween, taskClock } from "./dates";
import {
  assignmentActionUpdate,
  cancelUpdate,
  claimUpdate,
  decideUpdate,
  deliverEventUpdate,
  FAILURE,
  handOverUpdate,
  revisePlanUpdate,
  snapshotQuery,
  type TaskSnapshot,
} from "./definitions";
import { fitAssignment, fitPlan, fitTitle } from "./fit";
import { guardWrites } from "./guarded-writes";
import type { KindModule, TaskControl } from "./kind";
import { diffPlans } from "./plan-rules";
import { type ApprovalState, type AssignmentState, JointTaskState, type Refusal } from "./task-state";
import { resolveTeamShape } from "./team";

const ACTIVITY_OPTIONS = {
  startToCloseTimeout: "30 seconds",
  retry: { initialInterval: "1 second", maximumInterval: "30 seconds", backoffCoefficient: 2 },
} as const;
const remoteActivities = proxyActivities<JointTaskActivities>(ACTIVITY_OPTIONS);
const localActivities = proxyLocalActivities<JointTaskActivities>(ACTIVITY_OPTIONS);

/**
 * Tasks started since this patch write the read model through local activities: a write runs
 * inside the workflow task that asked for it and leaves one marker in the history, instead of a
 * round trip through the server's activity queue. Measured, that was most of the Temporal
 * server's work per task. Older tasks keep the activities their histories recorded.
 */
export const LOCAL_READ_MODEL_WRITES = "local-read-model-writes";
/**
 * Tasks started since this patch, whose kind is owned by its submitter (a mission's own plan)
 * and whose submitter is a mission of the country other than the leading one, are led by that
 * mission. The marker is written only on that path: every other task's history is unchanged.
 */
export const PLAN_OWNED_BY_SUBMITTING_MISSION = "plan-owned-by-submitting-mission";
/**
 * Tasks fanned out since this patch (even ones started before it) count the task clock's days
 * from the start of the day they started on (midnight UTC on a 24 h day; dates.ts, taskClock), so
 * a due day ends when its calendar day ends. Tasks fanned out before it keep counting from the
 * moment of fan-out, as their timers were recorded: every due timer, the youth-job closing day
 * and the anniversary milestones moved by however long the approval took. Asked once, when the
 * task first sets a timer on a day (at fan-out); the marker is written there.
 */
export const TASK_CLOCK_FROM_START_DAY = "task-clock-from-start-day";
/**
 * Tasks that come to close since this patch look at the closing condition again once in-flight
 * handlers have finished, and keep waiting if a handler made it false meanwhile (a youth-job
 * placement is counted before its follow-ups are added: confirmed last, it closed the task with
 * them pending).
 * The marker is written only on that path: every other task's history is unchanged.
 */
export const RECHECK_CLOSE_AFTER_HANDLERS = "recheck-close-after-handlers";

const nowIso = () => new Date(Date.now()).toISOString();

function refuse(r: Refusal | null): void {
  if (r) throw ApplicationFailure.create({ type: r.type, message: r.message, details: r.issues ? [r.issues] : undefined });
}

/**
 * A command holding text no activity could write (NUL, half a surrogate pair) is refused before
 * it is recorded: accepted, it would fail its recording activity for ever. The API refuses such
 * text too; this guards commands sent to Temporal by any other client.
 */
function refuseUnstorable(input: unknown): void {
  const issues = unstorableTextIssues(input);
  if (issues.length > 0) refuse({ type: FAILURE.invalid, message: "the command holds text that cannot be stored", issues });
}

export interface KindWorkflowOptions {
  /** A signal older tasks of this kind received their events through; still answered, never refused. */
  legacySignal?: string;
}

export async function runJointTask<D extends { country: string }, S>(
  kind: KindModule<D, S>,
  input: JointTaskInput<D>,
  opts: KindWorkflowOptions = {},
): Promise<ClosingReport | null> {
  const { event, timing } = input;
  const data = event.data;
  const policy = input.policy ?? DEFAULT_TASK_POLICY;
  const workflowId = workflowInfo().workflowId;
  const startedAt = Date.now();
  const startedOn = dayOf(startedAt);
  const clock = taskClock(startedAt, timing.dayMs);
  let clockFromStartDay: boolean | undefined;
  const acts = guardWrites(patched(LOCAL_READ_MODEL_WRITES) ? localActivities : remoteActivities, remoteActivities.flagTask, workflowId, nowIso);
  const task = new JointTaskState(data.country);
  const kindState = kind.initialState(data);
  let chain: DeciderRole[] = [];
  let fannedOutAt = 0;

  const control: TaskControl<D, S> = {
    data,
    state: kindState,
    startedOn,
    get status() {
      return task.status;
    },
    get team() {
      return task.team;
    },
    get plan() {
      return task.plan;
    },
    get assignments() {
      return [...task.assignments.values()];
    },
    addAssignments: (items, actor) => fanOut(items, actor),
    note: (e) =>
      acts.addTimelineEntry({ workflowId, at: nowIso(), actor: e.actor ?? null, action: e.action, dedupeKey: e.dedupeKey, detail: e.detail }),
    sleepUntil: async (day, at) => {
      const wake = dayStart(day) + (at === "end" ? timing.dayMs : 0);
      if (wake > Date.now()) await sleep(wake - Date.now());
    },
    today: () => addDays(startedOn, Math.floor((Date.now() - dayStart(startedOn)) / timing.dayMs)),
  };

  // ── messages ─────────────────────────────────────────────────────────────

  setHandler(
    snapshotQuery,
    (): TaskSnapshot => ({
      status: task.status,
      round: task.approval?.round ?? 0,
      approval: task.approval
        ? {
            id: task.approval.id,
            step: task.approval.step,
            decider: task.approval.decider,
            status: task.approval.status,
            escalated: task.approval.escalated,
          }
        : null,
      assignments: control.assignments.map((a) => ({ id: a.id, key: a.key, org: a.org, status: a.status, holder: a.holder?.email ?? null })),
      kindState,
    }),
  );

  setHandler(
    decideUpdate,
    async (d) => {
      const a = task.applyDecision(d);
      const last = a.step >= chain.length;
      const taskStatus =
        d.decision === "approve" ? (last ? "in_progress" : "awaiting_approval") : a.status === "rejected" ? "rejected" : "changes_requested";
      await acts.recordDecision({
        workflowId,
        approvalId: d.approvalId,
        round: a.round,
        step: a.step,
        decision: d.decision,
        comment: d.comment,
        actor: d.actor,
        at: nowIso(),
        taskStatus,
      });
      a.recorded = true;
    },
    {
      validator: (d) => {
        refuseUnstorable(d);
        refuse(task.refuseDecision(d));
      },
    },
  );

  setHandler(
    assignmentActionUpdate,
    async (i) => {
      const { from, to, seq } = task.applyAssignmentAction(i);
      await acts.recordAssignmentAction({
        workflowId,
        assignmentId: i.assignmentId,
        seq,
        action: i.action,
        from,
        to,
        text: i.text,
        outcome: i.outcome,
        actor: i.actor,
        at: nowIso(),
      });
    },
    {
      validator: (i) => {
        refuseUnstorable(i);
        refuse(task.refuseAssignmentAction(i));
      },
    },
  );

  // Only tasks that receive this Update get its activity in their history: recorded histories replay as before.
  setHandler(
    claimUpdate,
    async (c) => {
      const { previous, holder, seq } = task.applyClaim(c);
      const action = c.action;
      await acts.recordClaim({
        workflowId,
        assignmentId: c.assignmentId,
        seq,
        action,
        holder,
        previous,
        actor: c.actor,
        ...(c.reason ? { reason: c.reason } : {}),
        at: nowIso(),
      });
    },
    {
      validator: (c) => {
        refuseUnstorable(c);
        refuse(task.refuseClaim(c));
      },
    },
  );

  setHandler(
    revisePlanUpdate,
    async (r) => {
      task.revision = r;
    },
    {
      validator: (r) => {
        refuseUnstorable(r);
        refuse(task.refuseRevision(r, dayOf(Date.now())));
      },
    },
  );

  // Cancelling only raises the flag: the main flow withdraws and records once in-flight handlers finished.
  setHandler(
    cancelUpdate,
    async (c) => {
      task.cancellation = c;
    },
    {
      validator: (c) => {
        refuseUnstorable(c);
        refuse(task.refuseCancel(c));
      },
    },
  );

  setHandler(
    handOverUpdate,
    async (h) => {
      const a = task.applyHandOver(h);
      if (h.to.kind === "hq") {
        await acts.escalateApproval({ workflowId, approvalId: a.id, round: a.round, at: nowIso(), to: team.hq, reason: h.reason });
      } else {
        await acts.addTimelineEntry({
          workflowId,
          dedupeKey: `approval:${a.id}:handed-over`,
          at: nowIso(),
          actor: null,
          action: "approval.handed_over",
          detail: { approvalId: a.id, decider: a.decider, to: h.to.email, reason: h.reason },
        });
      }
    },
    {
      validator: (h) => {
        refuseUnstorable(h);
        refuse(task.refuseHandOver(h));
      },
    },
  );

  const deliver = kind.deliver;
  setHandler(
    deliverEventUpdate,
    async (e) => {
      await deliver?.apply(control, e);
    },
    {
      validator: (e: EventRef) => {
        refuseUnstorable(e);
        if (task.cancelled || task.closed)
          refuse({ type: FAILURE.conflict, message: `the task is already ${task.cancelled ? "cancelled" : task.status}` });
        const reason = deliver ? deliver.refuse(control, e) : `a ${kind.kind} task takes no events after its start`;
        if (reason) refuse({ type: FAILURE.invalid, message: reason });
      },
    },
  );
  if (opts.legacySignal && deliver) {
    setHandler(defineSignal<[EventRef]>(opts.legacySignal), async (e) => {
      if (deliver.refuse(control, e) === null) await deliver.apply(control, e);
    });
  }

  // ── the task ─────────────────────────────────────────────────────────────

  await acts.openTask({
    workflowId,
    kind: kind.kind,
    country: data.country,
    caseRef: kind.ref(data),
    title: fitTitle(kind.title(data)),
    // Only an activity argument: no command changes, so recorded histories replay as before.
    ...(kind.titleKo ? { titleKo: fitTitle(kind.titleKo(data)) } : {}),
    at: nowIso(),
    event: { source: event.source, id: event.id, type: event.type, data },
    publishedBy: input.publishedBy,
  });

  // A task of a consulate general's team names it; the input, not the call, changes, so histories replay.
  const found = await acts.resolveTeam({ country: data.country, ...(input.team ? { lead: input.team } : {}) });
  if (!found) {
    // The router checks this before starting; kept as a guard for countries removed later.
    throw ApplicationFailure.nonRetryable(`no mission leads Team Korea in ${data.country}`);
  }
  const led = resolveTeamShape(found);
  // A mission's own plan belongs to the mission that submitted it (MSN-ASEAN in Indonesia, where
  // EMB-ID leads): its head approves, it revises and cancels. Only for a submitter other than the
  // leading mission, and behind a patch, so every recorded history replays as it ran.
  const owner = kind.ownedBy?.(data, event.source);
  const team =
    owner && owner !== led.mission && led.missions.includes(owner) && patched(PLAN_OWNED_BY_SUBMITTING_MISSION) ? { ...led, mission: owner } : led;
  task.team = team;
  let plan = fitPlan(kind.draftPlan(data, { today: startedOn, team }));
  task.plan = plan;
  let note: string | undefined;
  let submittedBy: Actor | null = input.publishedBy;

  // Approval rounds: each runs the chain in order; a request for changes waits for the mission's revised plan.
  for (let round = 1; ; round++) {
    chain = kind.approvalChain(plan, policy);
    let outcome: ApprovalState["status"] | "cancelled" = "approved";
    for (let step = 1; step <= chain.length && outcome === "approved"; step++) {
      outcome = await approvalStep(round, step, chain[step - 1] as DeciderRole);
    }
    if (outcome === "cancelled") return cancel();
    if (outcome === "approved") break;
    if (outcome === "rejected") {
      task.status = "rejected";
      await condition(allHandlersFinished);
      await acts.closeTask({ workflowId, status: "rejected", report: null, at: nowIso() });
      return null;
    }
    task.status = "changes_requested";
    await condition(() => task.revision !== null || task.cancelled);
    if (task.cancelled) return cancel();
    const r = task.revision as NonNullable<typeof task.revision>;
    const previous = plan;
    plan = r.plan;
    task.plan = plan;
    note = r.comment;
    submittedBy = r.actor;
    task.revision = null;
    await acts.addTimelineEntry({
      workflowId,
      dedupeKey: `plan:revised:${round}`,
      at: nowIso(),
      actor: r.actor,
      action: "plan.revised",
      detail: { plan, comment: note ?? null, diff: diffPlans(previous, plan) },
    });
  }

  task.status = "in_progress";
  const approvedBy = (task.approval as ApprovalState).decidedBy as Actor;
  const items = plan.assignments.map((p) => ({ ...p, id: uuid4() }));
  task.addAssignments(items);
  await acts.createAssignments({ workflowId, items: items.map(assignmentRecord), actor: approvedBy, at: nowIso() });

  fannedOutAt = Date.now();
  for (const a of task.assignments.values()) void watchDueDate(a);
  kind.onFanOut?.(control);

  const closable = () => task.allAssignmentsClosed() && kind.isDone(control);
  for (;;) {
    await condition(() => task.cancelled || closable());
    if (task.cancelled) return cancel();
    await condition(allHandlersFinished);
    // A handler that was still running may have opened the task again (assignments it added).
    if (closable() || !patched(RECHECK_CLOSE_AFTER_HANDLERS)) break;
  }

  const report = kind.closingReport(control);
  task.status = "completed";
  await acts.closeTask({ workflowId, status: "completed", report, at: nowIso() });
  return report;

  // ── steps ────────────────────────────────────────────────────────────────

  /** One step of the chain: asks its decider, escalates a late head's decision to HQ, waits for the recorded outcome. */
  async function approvalStep(round: number, step: number, role: DeciderRole): Promise<ApprovalState["status"] | "cancelled"> {
    const decider = role === "hq" ? team.hq : team.mission;
    const decideBy = new Date(Date.now() + timing.approvalTimeoutDays * timing.dayMs).toISOString();
    const approval: ApprovalState = {
      id: uuid4(),
      round,
      step,
      role,
      decider,
      status: "pending",
      escalated: false,
      recorded: false,
      decidedBy: null,
    };
    task.approval = approval;
    task.status = "awaiting_approval";
    await acts.requestApproval({
      workflowId,
      approvalId: approval.id,
      round,
      step,
      decider,
      missionCode: team.mission,
      plan,
      at: nowIso(),
      decideBy,
      note,
      submittedBy,
    });
    const inTime = await condition(() => approval.status !== "pending" || task.cancelled, timing.approvalTimeoutDays * timing.dayMs);
    if (!inTime) {
      // A step that already passed to HQ because its head left is not escalated a second time.
      if (role === "mission" && !approval.escalated) {
        approval.escalated = true;
        await acts.escalateApproval({ workflowId, approvalId: approval.id, round, at: nowIso(), to: team.hq });
      } else if (role === "hq") {
        await acts.addTimelineEntry({
          workflowId,
          dedupeKey: `approval:${round}:${step}:overdue`,
          at: nowIso(),
          actor: null,
          action: "approval.overdue",
          detail: { approvalId: approval.id, decider, decideBy },
        });
      }
      await condition(() => approval.status !== "pending" || task.cancelled);
    }
    if (approval.status === "pending") return "cancelled";
    await condition(() => approval.recorded);
    return approval.status;
  }

  /** Withdraws every open assignment and closes the task as cancelled, once in-flight handlers are done. */
  async function cancel(): Promise<null> {
    await condition(allHandlersFinished);
    const c = task.cancellation as NonNullable<typeof task.cancellation>;
    const open = task.openAssignments();
    const withdrawn = open.map((a) => ({ assignmentId: a.id, from: a.status }));
    for (const a of open) a.status = "withdrawn";
    task.status = "cancelled";
    await acts.cancelTask({ workflowId, reason: c.reason, actor: c.actor, at: nowIso(), withdrawn });
    return null;
  }

  async function fanOut(more: PlanAssignment[], actor: Actor): Promise<void> {
    const added = more.map((p) => ({ ...fitAssignment(p), id: uuid4() }));
    task.addAssignments(added);
    await acts.createAssignments({ workflowId, items: added.map(assignmentRecord), actor, at: nowIso() });
    for (const a of added) void watchDueDate(task.assignments.get(a.id) as AssignmentState);
  }

  /**
   * When day `day` begins on the task clock (a "day" lasts dayMs): counted from the start of the
   * start day; in tasks started before TASK_CLOCK_FROM_START_DAY, from the moment of fan-out.
   */
  function dayStart(day: string): number {
    clockFromStartDay ??= patched(TASK_CLOCK_FROM_START_DAY);
    if (clockFromStartDay) return clock.dayStart(day);
    return (fannedOutAt || Date.now()) + daysBetween(startedOn, day) * timing.dayMs;
  }

  /**
   * Durable timers on the task clock: an assignment is due at the end of its due day, counted
   * in dayMs from the day the task started, so tests can compress days into seconds. A due day
   * already over at fan-out (a late approval) is reminded and overdue at once.
   */
  async function watchDueDate(a: AssignmentState): Promise<void> {
    const dueAt = dayStart(a.dueOn) + timing.dayMs;
    const remindAt = dueAt - timing.reminderLeadDays * timing.dayMs;
    if (remindAt > Date.now()) await sleep(remindAt - Date.now());
    if (timing.reminderLeadDays > 0) await noteIfOpen(a, "reminder", {});
    if (dueAt > Date.now()) await sleep(dueAt - Date.now());
    await noteIfOpen(a, "overdue", { escalatedTo: team.mission });
  }

  /** Records a reminder or an overdue escalation, unless the assignment or the task is done. */
  async function noteIfOpen(a: AssignmentState, notice: "reminder" | "overdue", extra: Record<string, string>): Promise<void> {
    if (a.status === "completed" || a.status === "declined" || a.status === "withdrawn" || task.status !== "in_progress") return;
    await acts.addTimelineEntry({
      workflowId,
      dedupeKey: `assignment:${a.id}:${notice}`,
      at: nowIso(),
      actor: null,
      action: `assignment.${notice}`,
      detail: { assignmentId: a.id, org: a.org, dueOn: a.dueOn, status: a.status, ...extra },
    });
  }
}

const assignmentRecord = (a: PlanAssignment & { id: string }) => ({
  id: a.id,
  key: a.key,
  org: a.org,
  task: a.task,
  ...(a.taskKo ? { taskKo: a.taskKo } : {}),
  dueOn: a.dueOn,
  ...(a.outcomes ? { outcomes: a.outcomes } : {}),
});
