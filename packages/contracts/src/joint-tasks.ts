/**
 * Shapes shared by the workflows, the activities that write the read model and the API that
 * reads it. Plain JSON only: these cross the Temporal boundary.
 */
import { z } from "zod";
import { Actor, IsoDate, OrgCode } from "./common";
import { KrwAmount } from "./events/anniversary";

export const TaskStatus = z.enum(["awaiting_approval", "changes_requested", "in_progress", "rejected", "completed", "cancelled"]);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const CLOSED_TASK_STATUSES: TaskStatus[] = ["rejected", "completed", "cancelled"];

export const AssignmentKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "may hold letters, digits, '.', '_', ':' and '-' only");

export const PlanAssignment = z.object({
  /** Stable within a task: lets activities upsert, the workflow track and versions be compared. */
  key: AssignmentKey,
  org: OrgCode,
  task: z.string().min(1).max(1000),
  dueOn: IsoDate,
  /** When set, completing the assignment must name one of these outcomes (e.g. retained / left). */
  outcomes: z.array(z.string().min(1).max(40)).min(1).max(10).optional(),
});
export type PlanAssignment = z.infer<typeof PlanAssignment>;

export const Plan = z.object({
  assignments: z.array(PlanAssignment).min(1, "needs at least one assignment").max(100),
  /** Organisations kept informed: they see the task but have no part to play in it. */
  informed: z.array(OrgCode).max(50).optional(),
  budgetKrw: KrwAmount.optional(),
});
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

/** Rules a task reads from configuration when it starts, fixed for its whole life. */
export const TaskPolicy = z.object({
  /** Plans with a budget above this also need HQ's approval, after the head's. */
  hqBudgetThresholdKrw: z.number().int().nonnegative(),
});
export type TaskPolicy = z.infer<typeof TaskPolicy>;

export const ApprovalDecision = z.enum(["approve", "reject", "request_changes"]);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;
export const ApprovalStatus = z.enum(["pending", "approved", "rejected", "changes_requested", "cancelled"]);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;
/** Who decides a step of an approval chain: the head of the leading mission, or HQ. */
export const DeciderRole = z.enum(["mission", "hq"]);
export type DeciderRole = z.infer<typeof DeciderRole>;

export const AssignmentStatus = z.enum(["pending", "acknowledged", "in_progress", "completed", "declined", "withdrawn"]);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;
export const AssignmentAction = z.enum(["ack", "progress", "complete", "decline"]);
export type AssignmentAction = z.infer<typeof AssignmentAction>;

/** Legal moves of an assignment; anything else is a 409. Withdrawal comes only with a cancelled task. */
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

export const isOpenAssignment = (s: AssignmentStatus) => s === "pending" || s === "acknowledged" || s === "in_progress";

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
  outcome: z.string().max(40).optional(),
  actor: Actor,
});
export type AssignmentActionInput = z.infer<typeof AssignmentActionInput>;

export const RevisePlanInput = z.object({ plan: Plan, comment: z.string().max(4000).optional(), actor: Actor });
export type RevisePlanInput = z.infer<typeof RevisePlanInput>;

export const CancelInput = z.object({ reason: z.string().min(1).max(4000), actor: Actor });
export type CancelInput = z.infer<typeof CancelInput>;

/** An event as a workflow receives it: at its start, or delivered to it later. */
export interface EventRef<T = unknown> {
  id: string;
  source: string;
  type: string;
  time: string;
  data: T;
  /** Who published it through the API; null when it came straight from Kafka. */
  publishedBy?: Actor | null;
}

/** What a kind's workflow is started with. */
export interface JointTaskInput<T = unknown> {
  event: EventRef<T>;
  publishedBy: Actor | null;
  timing: Timing;
  /** Absent in tasks started before policies existed; the kernel then applies the defaults. */
  policy?: TaskPolicy;
}

/** What the mission changed between two versions of a plan, by assignment key. */
export interface PlanDiff {
  added: PlanAssignment[];
  removed: PlanAssignment[];
  changed: { key: string; before: PlanAssignment; after: PlanAssignment; fields: string[] }[];
}

export const PlanVersion = z.object({ round: z.number(), plan: Plan, submittedBy: Actor.nullable(), at: z.string() });
export type PlanVersion = z.infer<typeof PlanVersion>;

/** The policy of tasks started before policies existed, and the configuration's default. */
export const DEFAULT_TASK_POLICY: TaskPolicy = { hqBudgetThresholdKrw: 50_000_000 };
