/**
 * The contracts' rules and vocabularies without zod: what workflow code may import. Workflow
 * code is evaluated afresh for every workflow the worker runs, so a module that builds zod
 * schemas at load would be rebuilt (and held in memory) once per task. The zod schemas in the
 * rest of this package are built from these same lists.
 */

// ── kinds of joint task ─────────────────────────────────────────────────────

/** Each kind and the field of its events that holds the business reference. */
export const KIND_REF_FIELD = {
  "trade-restriction": "caseRef",
  "youth-job": "openingRef",
  anniversary: "eventRef",
  "mission-plan": "planRef",
} as const;

export type WorkflowKind = keyof typeof KIND_REF_FIELD;
export const WORKFLOW_KINDS = Object.keys(KIND_REF_FIELD) as [WorkflowKind, ...WorkflowKind[]];

/**
 * A task's workflow id, `{kind}:{country}:{ref}`: built from the business reference its events
 * carry, so a redelivered or repeated event always names the same task.
 */
export function workflowIdFor(kind: WorkflowKind, country: string, ref: string): string {
  return `${kind}:${country}:${ref}`;
}

export function parseWorkflowId(id: string): { kind: WorkflowKind; country: string; ref: string } | null {
  const m = /^([a-z-]+):([A-Z]{2}):(.+)$/.exec(id);
  if (!m || !Object.hasOwn(KIND_REF_FIELD, m[1] as string)) return null;
  return { kind: m[1] as WorkflowKind, country: m[2] as string, ref: m[3] as string };
}

// ── tasks, approvals, assignments ──────────────────────────────────────────

export const TASK_STATUSES = ["awaiting_approval", "changes_requested", "in_progress", "rejected", "completed", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const CLOSED_TASK_STATUSES: TaskStatus[] = ["rejected", "completed", "cancelled"];

export const APPROVAL_DECISIONS = ["approve", "reject", "request_changes"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "changes_requested", "cancelled"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
/** Who decides a step of an approval chain: the head of the leading mission, or HQ. */
export const DECIDER_ROLES = ["mission", "hq"] as const;
export type DeciderRole = (typeof DECIDER_ROLES)[number];

export const ASSIGNMENT_STATUSES = ["pending", "acknowledged", "in_progress", "completed", "declined", "withdrawn"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_ACTIONS = ["ack", "progress", "complete", "decline"] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

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

/** Rules a task reads from configuration when it starts, fixed for its whole life. */
export interface TaskPolicy {
  /** Plans with a budget above this also need HQ's approval, after the head's. */
  hqBudgetThresholdKrw: number;
}

/** The policy of tasks started before policies existed, and the configuration's default. */
export const DEFAULT_TASK_POLICY: TaskPolicy = { hqBudgetThresholdKrw: 50_000_000 };
