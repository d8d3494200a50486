/** What the workflow asks of the outside world. The worker implements it; the workflow imports only the type. */
import type { Actor, AssignmentStatus, ClosingReport, Plan, TaskStatus } from "@hub/contracts";
import type { Team } from "./plan";

export interface TradeRestrictionActivities {
  openTask(i: {
    workflowId: string;
    country: string;
    caseRef: string;
    title: string;
    at: string;
    event: { source: string; id: string; type: string; data: unknown };
    publishedBy: Actor | null;
  }): Promise<void>;
  resolveTeam(i: { country: string }): Promise<Team | null>;
  requestApproval(i: {
    workflowId: string;
    approvalId: string;
    round: number;
    missionCode: string;
    plan: Plan;
    at: string;
    decideBy: string;
    note?: string;
  }): Promise<void>;
  escalateApproval(i: { workflowId: string; approvalId: string; round: number; at: string }): Promise<void>;
  recordDecision(i: {
    workflowId: string;
    approvalId: string;
    round: number;
    decision: "approve" | "reject" | "request_changes";
    comment?: string;
    actor: Actor;
    at: string;
  }): Promise<void>;
  createAssignments(i: {
    workflowId: string;
    items: { id: string; key: string; org: string; task: string; dueOn: string }[];
    actor: Actor;
    at: string;
  }): Promise<void>;
  recordAssignmentAction(i: {
    workflowId: string;
    assignmentId: string;
    seq: number;
    action: string;
    from: AssignmentStatus;
    to: AssignmentStatus;
    text?: string;
    actor: Actor;
    at: string;
  }): Promise<void>;
  addTimelineEntry(i: { workflowId: string; dedupeKey: string; at: string; actor: Actor | null; action: string; detail: unknown }): Promise<void>;
  closeTask(i: { workflowId: string; status: TaskStatus; report: ClosingReport | null; at: string }): Promise<void>;
}
