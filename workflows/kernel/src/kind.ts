/**
 * What a kind of joint task supplies to the kernel: a small module of pure rules over its own
 * event data and a little state of its own. The kernel does everything else.
 */
import type { Actor, ClosingReport, DeciderRole, EventRef, Plan, PlanAssignment, TaskPolicy, TaskStatus, WorkflowKind } from "@hub/contracts";
import type { PlanContext, PlanIssue } from "./plan-rules";
import type { AssignmentState } from "./task-state";
import type { ResolvedTeam } from "./team";

/**
 * A read-only view of the task for a kind's rules. Team and plan exist once the task has
 * started; an event may be delivered earlier, so `deliver` checks the status first.
 */
export interface TaskView<D, S> {
  readonly data: D;
  readonly state: S;
  readonly status: TaskStatus;
  readonly team: ResolvedTeam | null;
  readonly plan: Plan | null;
  readonly assignments: readonly AssignmentState[];
  /** The day the task started (UTC). */
  readonly startedOn: string;
}

/** What a kind may do to its running task, from inside the workflow. */
export interface TaskControl<D, S> extends TaskView<D, S> {
  /** Adds assignments after fan-out (e.g. follow-ups of a placement), with their due-date timers. */
  addAssignments(items: PlanAssignment[], actor: Actor): Promise<void>;
  /** A history entry; the dedupe key makes a retried write land once. */
  note(entry: { dedupeKey: string; action: string; detail: unknown; actor?: Actor | null }): Promise<void>;
  /** Sleeps on the task clock until the start (or end) of a day; returns at once if that is past. */
  sleepUntil(day: string, at: "start" | "end"): Promise<void>;
  /** The day it is now on the task clock (which counts days of `timing.dayMs` from the start day). */
  today(): string;
}

/** A kind's plan template in words and numbers: listed at GET /v1/plan-templates to pre-fill a plan. */
export interface KindTemplate {
  title: string;
  description: string;
  /** Who approves, in words. */
  approval: string;
  /** What the due-date offsets count from. */
  relativeTo: string;
  assignments: {
    key: string;
    /** Who takes it, in words. */
    party: string;
    /** The directory duty whose holder takes it; absent: the mission; null: it depends on the event. */
    duty?: string | null;
    task: string;
    dueInDays: number;
  }[];
}

export interface KindModule<D extends { country: string }, S> {
  kind: WorkflowKind;
  template: KindTemplate;
  /** The business reference in the event data (case, opening, event or plan ref). */
  ref(data: D): string;
  title(data: D): string;
  /**
   * The title in Korean, where the kind writes the title itself (then `title` is its English).
   * Kinds whose title is the event's own leave it out: that title is shown as written.
   */
  titleKo?(data: D): string;
  initialState(data: D): S;
  /** Rules on the start event beyond its schema (dates, organisations named in it), with paths under `data`. */
  checkStart?(data: D, ctx: PlanContext): PlanIssue[];
  /**
   * Whose plan this is, when the kind's tasks belong to the mission that published the start
   * event rather than to the country's leading mission (a mission's own plan): given the event's
   * source. That mission, if it is one of the country's, then leads the task: its head approves,
   * it revises and cancels. Absent: the country's leading mission.
   */
  ownedBy?(data: D, source: string): string;
  /** The first version of the plan, drafted from the event and the country's team. */
  draftPlan(data: D, ctx: { today: string; team: ResolvedTeam }): Plan;
  /** Who approves a version of the plan, in order. */
  approvalChain(plan: Plan, policy: TaskPolicy): DeciderRole[];
  /** Events delivered to the running task. `refuse` runs before the event is taken (its reason dead-letters it). */
  deliver?: {
    refuse(task: TaskView<D, S>, event: EventRef): string | null;
    apply(task: TaskControl<D, S>, event: EventRef): Promise<void>;
  };
  /** Called once the plan is approved and its assignments are out: the kind's own timers start here. */
  onFanOut?(task: TaskControl<D, S>): void;
  /** Besides every assignment being completed or declined, what must hold for the task to close. */
  isDone(task: TaskView<D, S>): boolean;
  closingReport(task: TaskView<D, S>): ClosingReport;
}

/** The assignments of a task as reports, in plan order. */
export const reportsOf = (assignments: readonly AssignmentState[]) =>
  assignments.map((a) => ({ org: a.org, task: a.task, status: a.status, report: a.text }));
