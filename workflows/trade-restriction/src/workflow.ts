/**
 * The trade-restriction joint task: draft plan → head's decision (escalated to HQ when late)
 * → assignments fanned out with reminders and overdue escalation → closes when the case is
 * decided and every assignment is completed or declined. Deterministic: all I/O is activities.
 */
import {
  type Actor,
  type AssignmentStatus,
  type ClosingReport,
  nextAssignmentStatus,
  type Plan,
  type TaskStatus,
  type TradeRestrictionDecided,
} from "@hub/contracts";
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, sleep, uuid4, workflowInfo } from "@temporalio/workflow";
import type { TradeRestrictionActivities } from "./activities";
import {
  assignmentActionUpdate,
  caseDecidedSignal,
  decideUpdate,
  type EventRef,
  FAILURE,
  KIND,
  revisePlanUpdate,
  snapshotQuery,
  type TaskSnapshot,
  type TradeRestrictionInput,
} from "./definitions";
import { daysBetween, draftTradeRestrictionPlan, taskTitle } from "./plan";

const acts = proxyActivities<TradeRestrictionActivities>({
  startToCloseTimeout: "30 seconds",
  retry: { initialInterval: "1 second", maximumInterval: "30 seconds", backoffCoefficient: 2 },
});

interface ApprovalState {
  id: string;
  round: number;
  status: "pending" | "approved" | "rejected" | "changes_requested";
  escalated: boolean;
  recorded: boolean;
  decidedBy: Actor | null;
}

interface AssignmentState {
  id: string;
  key: string;
  org: string;
  task: string;
  dueOn: string;
  status: AssignmentStatus;
  text: string | null;
}

const isOpen = (s: AssignmentStatus) => s !== "completed" && s !== "declined";
const nowIso = () => new Date(Date.now()).toISOString();

export async function tradeRestrictionWorkflow(input: TradeRestrictionInput): Promise<ClosingReport | null> {
  const { event, timing } = input;
  const d = event.data;
  const workflowId = workflowInfo().workflowId;
  const startedOn = nowIso().slice(0, 10);

  let status: TaskStatus = "awaiting_approval";
  let mission = "";
  let approval: ApprovalState | null = null;
  let revision: { plan: Plan; comment?: string; actor: Actor } | null = null;
  let caseDecided: EventRef<TradeRestrictionDecided> | null = null;
  let actionSeq = 0;
  const assignments = new Map<string, AssignmentState>();

  setHandler(
    snapshotQuery,
    (): TaskSnapshot => ({
      status,
      round: approval?.round ?? 0,
      approval: approval ? { id: approval.id, status: approval.status, escalated: approval.escalated } : null,
      assignments: [...assignments.values()].map((a) => ({ id: a.id, key: a.key, org: a.org, status: a.status })),
      caseDecided: caseDecided !== null,
    }),
  );

  setHandler(
    decideUpdate,
    async ({ approvalId, decision, comment, actor }) => {
      const a = approval as ApprovalState;
      a.status = decision === "approve" ? "approved" : decision === "reject" ? "rejected" : "changes_requested";
      a.decidedBy = actor;
      await acts.recordDecision({ workflowId, approvalId, round: a.round, decision, comment, actor, at: nowIso() });
      a.recorded = true;
    },
    {
      validator: ({ approvalId, actor }) => {
        if (!approval || approval.id !== approvalId)
          throw ApplicationFailure.create({ type: FAILURE.conflict, message: "this approval is no longer open" });
        if (approval.status !== "pending")
          throw ApplicationFailure.create({ type: FAILURE.conflict, message: `this approval was already decided (${approval.status})` });
        const mayDecide = actor.org === mission || (approval.escalated && actor.org === "MOFA");
        if (!mayDecide) throw ApplicationFailure.create({ type: FAILURE.forbidden, message: `only the head of ${mission} may decide this approval` });
      },
    },
  );

  setHandler(
    assignmentActionUpdate,
    async ({ assignmentId, action, text, actor }) => {
      const a = assignments.get(assignmentId) as AssignmentState;
      const from = a.status;
      const to = nextAssignmentStatus(from, action) as AssignmentStatus;
      a.status = to;
      if (action === "complete" || action === "decline") a.text = text ?? null;
      actionSeq += 1;
      await acts.recordAssignmentAction({ workflowId, assignmentId, seq: actionSeq, action, from, to, text, actor, at: nowIso() });
    },
    {
      validator: ({ assignmentId, action, actor }) => {
        const a = assignments.get(assignmentId);
        if (!a) throw ApplicationFailure.create({ type: FAILURE.conflict, message: "this assignment is not part of the task" });
        if (actor.org !== a.org) throw ApplicationFailure.create({ type: FAILURE.forbidden, message: `this assignment belongs to ${a.org}` });
        if (!nextAssignmentStatus(a.status, action)) {
          throw ApplicationFailure.create({ type: FAILURE.conflict, message: `cannot ${action} an assignment that is ${a.status}` });
        }
      },
    },
  );

  setHandler(
    revisePlanUpdate,
    async (r) => {
      revision = r;
    },
    {
      validator: ({ actor }) => {
        if (status !== "changes_requested" || revision !== null) {
          throw ApplicationFailure.create({ type: FAILURE.conflict, message: "the plan can be revised only once after the head requested changes" });
        }
        if (actor.org !== mission) throw ApplicationFailure.create({ type: FAILURE.forbidden, message: `only ${mission} may revise this plan` });
      },
    },
  );

  setHandler(caseDecidedSignal, async (e) => {
    if (caseDecided) return;
    caseDecided = e;
    await acts.addTimelineEntry({
      workflowId,
      dedupeKey: `event:${e.source}:${e.id}`,
      at: nowIso(),
      actor: null,
      action: "case.decided",
      detail: { type: e.type, source: e.source, id: e.id, data: e.data },
    });
  });

  await acts.openTask({
    workflowId,
    kind: KIND,
    country: d.country,
    caseRef: d.caseRef,
    title: taskTitle(d),
    at: nowIso(),
    event: { source: event.source, id: event.id, type: event.type, data: d },
    publishedBy: input.publishedBy,
  });

  const team = await acts.resolveTeam({ country: d.country });
  if (!team) {
    // The router checks this before starting; kept as a guard for countries removed later.
    throw ApplicationFailure.nonRetryable(`no mission leads Team Korea in ${d.country}`);
  }
  mission = team.mission;
  let plan = draftTradeRestrictionPlan(d, startedOn, team);
  let note: string | undefined;

  // Approval rounds: a request for changes waits for the mission's revised plan.
  for (let round = 1; ; round++) {
    const decideBy = new Date(Date.now() + timing.approvalTimeoutDays * timing.dayMs).toISOString();
    approval = { id: uuid4(), round, status: "pending", escalated: false, recorded: false, decidedBy: null };
    status = "awaiting_approval";
    await acts.requestApproval({ workflowId, approvalId: approval.id, round, missionCode: mission, plan, at: nowIso(), decideBy, note });
    const current: ApprovalState = approval;
    const inTime = await condition(() => current.status !== "pending", timing.approvalTimeoutDays * timing.dayMs);
    if (!inTime) {
      current.escalated = true;
      await acts.escalateApproval({ workflowId, approvalId: current.id, round, at: nowIso() });
      await condition(() => current.status !== "pending");
    }
    await condition(() => current.recorded);
    if (current.status === "approved") break;
    if (current.status === "rejected") {
      status = "rejected";
      await condition(allHandlersFinished);
      await acts.closeTask({ workflowId, status, report: null, at: nowIso() });
      return null;
    }
    status = "changes_requested";
    await condition(() => revision !== null);
    const r = revision as unknown as { plan: Plan; comment?: string; actor: Actor };
    plan = r.plan;
    note = r.comment;
    revision = null;
    await acts.addTimelineEntry({
      workflowId,
      dedupeKey: `plan:revised:${round}`,
      at: nowIso(),
      actor: r.actor,
      action: "plan.revised",
      detail: { plan, comment: note ?? null },
    });
  }

  status = "in_progress";
  const items = plan.assignments.map((p) => ({ id: uuid4(), key: p.key, org: p.org, task: p.task, dueOn: p.dueOn }));
  for (const i of items) assignments.set(i.id, { ...i, status: "pending", text: null });
  await acts.createAssignments({ workflowId, items, actor: (approval as ApprovalState).decidedBy as Actor, at: nowIso() });

  const fannedOutAt = Date.now();
  for (const a of assignments.values()) void watchDueDate(a);

  await condition(() => caseDecided !== null && [...assignments.values()].every((a) => !isOpen(a.status)));
  await condition(allHandlersFinished);

  const decided = caseDecided as unknown as EventRef<TradeRestrictionDecided>;
  const report: ClosingReport = {
    outcome: decided.data.outcome,
    dutyRatePercent: decided.data.dutyRatePercent,
    summary: decided.data.summary,
    reports: [...assignments.values()].map((a) => ({ org: a.org, task: a.task, status: a.status, report: a.text })),
  };
  status = "completed";
  await acts.closeTask({ workflowId, status, report, at: nowIso() });
  return report;

  /**
   * Durable timers on the task clock: an assignment is due at the end of its due day, counted
   * in dayMs from the day the task started, so tests can compress days into seconds.
   */
  async function watchDueDate(a: AssignmentState): Promise<void> {
    const dueAt = fannedOutAt + (daysBetween(startedOn, a.dueOn) + 1) * timing.dayMs;
    const remindAt = dueAt - timing.reminderLeadDays * timing.dayMs;
    if (remindAt > Date.now()) await sleep(remindAt - Date.now());
    if (timing.reminderLeadDays > 0) await noteIfOpen(a, "reminder", {});
    if (dueAt > Date.now()) await sleep(dueAt - Date.now());
    await noteIfOpen(a, "overdue", { escalatedTo: mission });
  }

  /** Records a reminder or an overdue escalation, unless the assignment or the task is done. */
  async function noteIfOpen(a: AssignmentState, notice: "reminder" | "overdue", extra: Record<string, string>): Promise<void> {
    if (!isOpen(a.status) || status !== "in_progress") return;
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
