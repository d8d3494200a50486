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

// ── sizes ───────────────────────────────────────────────────────────────────

/**
 * Lengths and counts the contracts allow. The zod schemas (what a client may send, what a
 * response may hold) and the workflows that write text from events (titles, assignment tasks)
 * size by these same numbers, so a generated text always fits the response schema that carries
 * it: a response that breaks its own schema cannot be built.
 */
export const LIMITS = {
  /** A task's title: an event's own title, or one the kind writes from the event. */
  taskTitle: 500,
  /** Titles, employers, authorities named in events. */
  name: 200,
  /** A product's description in a trade-restriction event. */
  productDescription: 500,
  /** Products named in one trade-restriction event. */
  products: 50,
  /** What one assignment asks, whether sent in a plan or written by a kind. */
  assignmentTask: 1000,
  /** Assignments in one plan. */
  planAssignments: 100,
  /** Assignments (components) proposed in one event or mission plan. */
  proposedAssignments: 50,
  /** Organisations kept informed of one task. */
  informed: 50,
  /** Summaries of events. */
  summary: 4000,
  /** One comment in a task's discussion. */
  comment: 8000,
  /** People mentioned in one comment. */
  mentions: 20,
  /** Levels of nested objects and arrays in a request body (the deepest contract needs 5). */
  jsonDepth: 32,
} as const;

/**
 * A text cut to at most `max` UTF-16 units (what zod's `.max()` counts), ending in "…" when cut.
 * A surrogate pair is never split: half of one is not Unicode, and PostgreSQL refuses it in JSON.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Items joined with ", " within `max` units: as many whole items as fit, then "and N more"; the
 * first item clipped when even it alone does not fit. The plain join when everything fits.
 */
export function listWithin(items: readonly string[], max: number, andMore: (n: number) => string = (n) => ` and ${n} more`): string {
  const all = items.join(", ");
  if (all.length <= max) return all;
  for (let n = items.length - 1; n >= 1; n--) {
    const text = `${items.slice(0, n).join(", ")}${andMore(items.length - n)}`;
    if (text.length <= max) return text;
  }
  const more = items.length > 1 ? andMore(items.length - 1) : "";
  return `${clipText(items[0] ?? "", Math.max(1, max - more.length))}${more}`;
}

// ── text a client sends ─────────────────────────────────────────────────────

export { mentionsIn } from "./mentions";
export { type TextIssue, unstorableText, unstorableTextIssues } from "./text";

// ── mission clocks ──────────────────────────────────────────────────────────

export {
  formatMoment,
  formatOffset,
  instantOfLocalTime,
  isTimeZone,
  LOCAL_WALL_TIME,
  type LocalTimeResolution,
  localWallTime,
  MISSION_TIME_ZONES,
  SEOUL_TIME_ZONE,
  zoneOffsetMs,
} from "./time-zones";

// ── the duty rota ───────────────────────────────────────────────────────────

export {
  overlaps,
  ROTA_GAP_LOOKAHEAD_DAYS,
  ROTA_MAX_SHIFT_DAYS,
  ROTA_MAX_WINDOW_DAYS,
  type RotaInterval,
  type RotaShiftLike,
  rotaGaps,
  shiftAt,
} from "./rota-rules";
