/**
 * What a joint-task workflow records in the read model, one type per write. The workflow's
 * activity interface and the db package's writers share these, so activities stay one-liners.
 * Times are ISO strings: these cross the Temporal boundary as plain JSON.
 */
import type { Actor } from "./common";
import type { ApprovalDecision, AssignmentStatus, ClosingReport, Plan, TaskStatus, WorkflowKind } from "./joint-tasks";

export interface OpenTaskRecord {
  workflowId: string;
  kind: WorkflowKind;
  country: string;
  caseRef: string;
  title: string;
  at: string;
  event: { source: string; id: string; type: string; data: unknown };
  publishedBy: Actor | null;
}

export interface ApprovalRequestRecord {
  workflowId: string;
  approvalId: string;
  round: number;
  missionCode: string;
  plan: Plan;
  at: string;
  decideBy: string;
  note?: string;
}

export interface ApprovalEscalationRecord {
  workflowId: string;
  approvalId: string;
  round: number;
  at: string;
}

export interface DecisionRecord {
  workflowId: string;
  approvalId: string;
  round: number;
  decision: ApprovalDecision;
  comment?: string;
  actor: Actor;
  at: string;
}

export interface AssignmentsRecord {
  workflowId: string;
  items: { id: string; key: string; org: string; task: string; dueOn: string }[];
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
  actor: Actor;
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
  report: ClosingReport | null;
  at: string;
}
