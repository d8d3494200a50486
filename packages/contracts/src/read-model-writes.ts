/**
 * What a joint-task workflow records in the read model, one type per write. The kernel's
 * activity interface and the db package's writers share these, so activities stay one-liners.
 * Times are ISO strings: these cross the Temporal boundary as plain JSON. Fields added after
 * the first release are optional, because a retried activity of an older task carries its
 * original arguments.
 */

import type { ClosingReport } from "./closing-reports";
import type { Actor } from "./common";
import type { ApprovalDecision, AssignmentStatus, Plan, TaskStatus } from "./joint-tasks";
import type { WorkflowKind } from "./kinds";

export interface OpenTaskRecord {
  workflowId: string;
  kind: WorkflowKind;
  country: string;
  /** The business reference of the task (case, opening, event or plan ref). */
  caseRef: string;
  title: string;
  /** The title in Korean, when the kind's template wrote the title (tasks opened before: absent). */
  titleKo?: string;
  at: string;
  event: { source: string; id: string; type: string; data: unknown };
  publishedBy: Actor | null;
}

export interface ApprovalRequestRecord {
  workflowId: string;
  approvalId: string;
  round: number;
  /** The leading mission: it sees every step of its tasks' approvals. */
  missionCode: string;
  plan: Plan;
  at: string;
  decideBy: string;
  note?: string;
  /** Position in the approval chain, from 1; absent means 1. */
  step?: number;
  /** The organisation that decides this step; absent means the mission. */
  decider?: string;
  /** Who submitted this version of the plan (null: drafted by the hub from an event). */
  submittedBy?: Actor | null;
}

export interface ApprovalEscalationRecord {
  workflowId: string;
  approvalId: string;
  round: number;
  at: string;
  /** The organisation the decision passes to (HQ). */
  to?: string;
  /** Why, when not the deadline (the head left with the approval pending). */
  reason?: string;
}

export interface DecisionRecord {
  workflowId: string;
  approvalId: string;
  round: number;
  step?: number;
  decision: ApprovalDecision;
  comment?: string;
  actor: Actor;
  at: string;
  /** The task's status after this decision (an approval with a further step leaves it awaiting approval). */
  taskStatus?: TaskStatus;
}

export interface AssignmentItemRecord {
  id: string;
  key: string;
  org: string;
  task: string;
  /** The task in Korean, when the kind's template wrote it. */
  taskKo?: string;
  dueOn: string;
  outcomes?: string[];
}

export interface AssignmentsRecord {
  workflowId: string;
  items: AssignmentItemRecord[];
  actor: Actor;
  at: string;
}

export interface AssignmentActionRecord {
  workflowId: string;
  assignmentId: string;
  /** Increases with each action in the task; part of the dedupe key of its history entry. */
  seq: number;
  action: string;
  from: AssignmentStatus;
  to: AssignmentStatus;
  text?: string;
  outcome?: string;
  actor: Actor;
  at: string;
}

export interface ClaimRecord {
  workflowId: string;
  assignmentId: string;
  /** Increases with each claim, release or assignment in the task; part of the dedupe key of its history entry. */
  seq: number;
  action: "claim" | "release" | "assign";
  /** The holder after the change; null: back in the queue. */
  holder: { email: string; name?: string } | null;
  /** The holder before it. */
  previous: { email: string; name?: string } | null;
  actor: Actor | null;
  reason?: string;
  at: string;
}

export interface TimelineRecord {
  workflowId: string;
  dedupeKey: string;
  at: string;
  actor: Actor | null;
  action: string;
  detail: unknown;
}

export interface CloseTaskRecord {
  workflowId: string;
  status: TaskStatus;
  report: ClosingReport | Omit<ClosingReport, "kind"> | null;
  at: string;
}

export interface CancelTaskRecord {
  workflowId: string;
  reason: string;
  actor: Actor;
  at: string;
  /** Open assignments withdrawn by the cancellation, with the status each had. */
  withdrawn: { assignmentId: string; from: AssignmentStatus }[];
}

/**
 * A write the read model refused for good (data no retry can store): the task keeps running on
 * the workflow's own state, and shows the problem to HQ and operators.
 */
export interface FlagTaskRecord {
  workflowId: string;
  /** The activity whose write failed, e.g. recordDecision. */
  activity: string;
  reason: string;
  at: string;
}
