/**
 * Shapes shared by the workflows, the activities that write the read model and the API that
 * reads it. Plain JSON only: these cross the Temporal boundary.
 */
import { z } from "zod";
import { Actor, IsoDate, OrgCode } from "./common";

export const WorkflowKind = z.enum(["trade-restriction"]);
export type WorkflowKind = z.infer<typeof WorkflowKind>;

export const TaskStatus = z.enum(["awaiting_approval", "changes_requested", "in_progress", "rejected", "completed"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const PlanAssignment = z.object({
  /** Stable within a task: lets activities upsert and the workflow track each assignment. */
  key: z.string().min(1).max(64),
  org: OrgCode,
  task: z.string().min(1).max(1000),
  dueOn: IsoDate,
});
export type PlanAssignment = z.infer<typeof PlanAssignment>;

export const Plan = z.object({ assignments: z.array(PlanAssignment).min(1) });
export type Plan = z.infer<typeof Plan>;

/**
 * Durations in "days" are scaled by dayMs so a test can run a fortnight's timers in seconds;
 * production keeps dayMs at 24 h.
 */
export const Timing = z.object({
  dayMs: z.number().int().positive(),
  approvalTimeoutDays: z.number().positive(),
  reminderLeadDays: z.number().nonnegative(),
});
export type Timing = z.infer<typeof Timing>;

export const ApprovalDecision = z.enum(["approve", "reject", "request_changes"]);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;
export const ApprovalStatus = z.enum(["pending", "approved", "rejected", "changes_requested"]);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const AssignmentStatus = z.enum(["pending", "acknowledged", "in_progress", "completed", "declined"]);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;
export const AssignmentAction = z.enum(["ack", "progress", "complete", "decline"]);
export type AssignmentAction = z.infer<typeof AssignmentAction>;

/** Legal moves of an assignment; anything else is a 409. */
export const ASSIGNMENT_TRANSITIONS: Record<AssignmentAction, { from: AssignmentStatus[]; to: AssignmentStatus }> = {
  ack: { from: ["pending"], to: "acknowledged" },
  progress: { from: ["acknowledged", "in_progress"], to: "in_progress" },
  complete: { from: ["acknowledged", "in_progress"], to: "completed" },
  decline: { from: ["pending", "acknowledged"], to: "declined" },
};

export function nextAssignmentStatus(from: AssignmentStatus, action: AssignmentAction): AssignmentStatus | null {
  const t = ASSIGNMENT_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

export const DecideInput = z.object({
  approvalId: z.string().uuid(),
  decision: ApprovalDecision,
  comment: z.string().max(4000).optional(),
  actor: Actor,
});
export type DecideInput = z.infer<typeof DecideInput>;

export const AssignmentActionInput = z.object({
  assignmentId: z.string().uuid(),
  action: AssignmentAction,
  text: z.string().max(8000).optional(),
  actor: Actor,
});
export type AssignmentActionInput = z.infer<typeof AssignmentActionInput>;

export const RevisePlanInput = z.object({ plan: Plan, comment: z.string().max(4000).optional(), actor: Actor });
export type RevisePlanInput = z.infer<typeof RevisePlanInput>;

export const ClosingReport = z.object({
  outcome: z.string(),
  dutyRatePercent: z.number().optional(),
  summary: z.string(),
  reports: z.array(z.object({ org: z.string(), task: z.string(), status: AssignmentStatus, report: z.string().nullable() })),
});
export type ClosingReport = z.infer<typeof ClosingReport>;
