/**
 * Shapes shared by the workflows, the activities that write the read model and the API that
 * reads it. Plain JSON only: these cross the Temporal boundary.
 */
import { z } from "zod";
import { Actor, IsoDate, OrgCode } from "./common";
import { APPROVAL_DECISIONS, APPROVAL_STATUSES, ASSIGNMENT_ACTIONS, ASSIGNMENT_STATUSES, DECIDER_ROLES, LIMITS, TASK_STATUSES } from "./core";
import { KrwAmount } from "./events/anniversary";

export {
  ASSIGNMENT_TRANSITIONS,
  CLOSED_TASK_STATUSES,
  DEFAULT_TASK_POLICY,
  isOpenAssignment,
  nextAssignmentStatus,
} from "./core";

export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const AssignmentKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "may hold letters, digits, '.', '_', ':' and '-' only");

export const PlanAssignment = z.object({
  /** Stable within a task: lets activities upsert, the workflow track and versions be compared. */
  key: AssignmentKey,
  org: OrgCode,
  task: z.string().min(1).max(LIMITS.assignmentTask),
  /**
   * The task in Korean, when a kind's template wrote it (then `task` is its English). A plan
   * written by people has only `task`, as written, in whatever language they wrote it.
   */
  taskKo: z.string().min(1).max(LIMITS.assignmentTask).optional(),
  dueOn: IsoDate,
  /** When set, completing the assignment must name one of these outcomes (e.g. retained / left). */
  outcomes: z.array(z.string().min(1).max(40)).min(1).max(10).optional(),
});
export type PlanAssignment = z.infer<typeof PlanAssignment>;

export const Plan = z.object({
  assignments: z.array(PlanAssignment).min(1, "needs at least one assignment").max(LIMITS.planAssignments),
  /** Organisations kept informed: they see the task but have no part to play in it. */
  informed: z.array(OrgCode).max(LIMITS.informed).optional(),
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

export const TaskPolicy = z.object({ hqBudgetThresholdKrw: z.number().int().nonnegative() });
export type TaskPolicy = z.infer<typeof TaskPolicy>;

export const ApprovalDecision = z.enum(APPROVAL_DECISIONS);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;
export const DeciderRole = z.enum(DECIDER_ROLES);
export type DeciderRole = z.infer<typeof DeciderRole>;
export const AssignmentStatus = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;
export const AssignmentAction = z.enum(ASSIGNMENT_ACTIONS);
export type AssignmentAction = z.infer<typeof AssignmentAction>;

export const DecideInput = z.object({
  approvalId: z.string().uuid(),
  decision: ApprovalDecision,
  comment: z.string().max(4000).optional(),
  actor: Actor,
});
export type DecideInput = z.infer<typeof DecideInput>;

/**
 * A head's step whose head has left (posting ended, deactivated) with no other head posted: it
 * passes to the acting head the directory names for the mission, or else to HQ, and the timeline
 * says why. Sent by the API's vacancy sweep, never by a person.
 */
export const HandOverInput = z.object({
  approvalId: z.string().uuid(),
  to: z.discriminatedUnion("kind", [z.object({ kind: z.literal("acting_head"), email: z.string().max(320) }), z.object({ kind: z.literal("hq") })]),
  /** Who left, and how, as the timeline shows it. */
  reason: z.string().max(1000),
});
export type HandOverInput = z.infer<typeof HandOverInput>;

export const AssignmentActionInput = z.object({
  assignmentId: z.string().uuid(),
  action: AssignmentAction,
  text: z.string().max(8000).optional(),
  outcome: z.string().max(40).optional(),
  actor: Actor,
  /** The actor is a lead of the assignment's organisation (the API reads the directory): may act on an assignment another holds. */
  asLead: z.boolean().optional(),
});
export type AssignmentActionInput = z.infer<typeof AssignmentActionInput>;

/** Claim, release and assign: who in the organisation holds an assignment. */
export const CLAIM_ACTIONS = ["claim", "release", "assign"] as const;
export const ClaimAction = z.enum(CLAIM_ACTIONS);
export type ClaimAction = z.infer<typeof ClaimAction>;
export const Holder = z.object({ email: z.string().max(320), name: z.string().max(200).optional() });
export type Holder = z.infer<typeof Holder>;

/**
 * Who holds an open assignment. `claim`: the actor takes it from the queue (`to` names the actor,
 * with their name); `release`: back to the queue, by the holder or a lead — or by the system
 * (actor null, the vacancy sweep, with the reason) when the holder left; `assign`: a lead gives it
 * to `to` (a person posted at the organisation today; the API checks that).
 */
export const ClaimInput = z.object({
  assignmentId: z.string().uuid(),
  action: ClaimAction,
  to: Holder.optional(),
  /** Null: the hub itself (the holder left the organisation). */
  actor: Actor.nullable(),
  /** The actor is a lead of the assignment's organisation (from the directory, by the API). */
  asLead: z.boolean().optional(),
  reason: z.string().max(1000).optional(),
});
export type ClaimInput = z.infer<typeof ClaimInput>;

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
  /**
   * The mission leading the task's team when that is not the country's leading mission (a
   * consulate general's team, from the publisher's place in the directory); absent otherwise.
   */
  team?: string;
}

/** What the mission changed between two versions of a plan, by assignment key. */
export interface PlanDiff {
  added: PlanAssignment[];
  removed: PlanAssignment[];
  changed: { key: string; before: PlanAssignment; after: PlanAssignment; fields: string[] }[];
}

export const PlanVersion = z.object({ round: z.number(), plan: Plan, submittedBy: Actor.nullable(), at: z.string() });
export type PlanVersion = z.infer<typeof PlanVersion>;
