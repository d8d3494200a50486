/**
 * The head of mission's Team Korea board (GET /v1/board) and HQ's picture across missions
 * (GET /v1/overview): what is running, what is overdue, how long tasks take and where the
 * deadlines were missed. Read-only views over the read model.
 */
import { z } from "zod";
import { CountryCode, IsoDate } from "./common";
import { LIMITS } from "./core";
import { AssignmentStatus, TaskStatus } from "./joint-tasks";
import { WorkflowKind } from "./kinds";

/** How many items of each group a board lists (the counts are always complete). */
export const BOARD_LIST_LIMIT = 100;

export const BoardQuery = z.object({
  country: CountryCode.optional().describe(
    "The country whose Team Korea to show. Mission and agency staff may omit it (their own country); HQ reviewers and administrators name one.",
  ),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const BoardTask = z.object({
  id: z.string(),
  kind: WorkflowKind,
  status: TaskStatus,
  title: z.string().max(LIMITS.taskTitle),
  /** The Korean twin of a title a kind's template wrote (as in the task lists). */
  titleKo: z.string().max(LIMITS.taskTitle).optional(),
  startedAt: z.string(),
  /** Assignments the task has (withdrawn ones not counted) and how many of them are completed. */
  assignments: z.number().int(),
  completed: z.number().int(),
  overdue: z.number().int(),
});
export type BoardTask = z.infer<typeof BoardTask>;

export const OverdueAssignment = z.object({
  id: z.string(),
  workflowId: z.string(),
  title: z.string().max(LIMITS.taskTitle),
  titleKo: z.string().max(LIMITS.taskTitle).optional(),
  org: z.string(),
  task: z.string().max(LIMITS.assignmentTask),
  taskKo: z.string().max(LIMITS.assignmentTask).optional(),
  dueOn: z.string(),
  status: AssignmentStatus,
  /** Whole days past the due day (UTC): 1 the day after it. */
  daysOverdue: z.number().int(),
});
export type OverdueAssignment = z.infer<typeof OverdueAssignment>;

export const BoardEvent = z.object({
  id: z.string(),
  source: z.string(),
  type: z.string(),
  subject: z.string().nullable(),
  time: z.string(),
  /** The joint task the event opened or was delivered to, if any. */
  workflowId: z.string().nullable(),
  taskTitle: z.string().max(LIMITS.taskTitle).nullable(),
  taskTitleKo: z.string().max(LIMITS.taskTitle).optional(),
});
export type BoardEvent = z.infer<typeof BoardEvent>;

export const Board = z.object({
  country: CountryCode,
  /** The mission that leads the country's Team Korea. */
  mission: z.string(),
  /** The day (UTC) an assignment due before it counts as overdue. */
  today: IsoDate,
  running: z.object({
    total: z.number().int(),
    byKind: z.array(z.object({ kind: WorkflowKind, count: z.number().int(), tasks: z.array(BoardTask) })),
  }),
  overdue: z.object({
    total: z.number().int(),
    byOrg: z.array(z.object({ org: z.string(), count: z.number().int(), assignments: z.array(OverdueAssignment) })),
  }),
  recentEvents: z.array(BoardEvent),
});
export type Board = z.infer<typeof Board>;

export const OverviewQuery = z
  .object({
    from: IsoDate.optional().describe("cycle times and breaches of things that ended (or escalated) on or after this day (UTC)"),
    to: IsoDate.optional().describe("… and on or before this day (UTC)"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "must not be before from" });
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/** Durations in hours (fractions kept), over `count` finished items. */
export const CycleTime = z.object({ count: z.number().int(), medianHours: z.number(), p90Hours: z.number() });
export type CycleTime = z.infer<typeof CycleTime>;

export const SLA_BREACH_TYPES = ["approval_escalated", "assignment_late", "assignment_overdue"] as const;
export const SlaBreachType = z.enum(SLA_BREACH_TYPES);

export const SlaBreach = z.object({
  type: SlaBreachType,
  /** The approval's or assignment's id. */
  id: z.string(),
  workflowId: z.string(),
  title: z.string().max(LIMITS.taskTitle),
  titleKo: z.string().max(LIMITS.taskTitle).optional(),
  country: CountryCode,
  /** The organisation that missed the deadline: the approval's decider, the assignment's holder. */
  org: z.string(),
  /** The deadline: an approval's decide-by moment, an assignment's due day. */
  due: z.string(),
  /** When it escalated or was completed; null for an assignment still open. */
  at: z.string().nullable(),
});
export type SlaBreach = z.infer<typeof SlaBreach>;

export const Overview = z.object({
  today: IsoDate,
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  countries: z.array(z.object({ country: CountryCode, mission: z.string().nullable(), running: z.number().int(), overdue: z.number().int() })),
  cycleTime: z.object({
    /** Completed tasks: start to close. */
    byKind: z.array(CycleTime.extend({ kind: WorkflowKind })),
    /** Completed assignments: handed out to completed. */
    byOrg: z.array(CycleTime.extend({ org: z.string() })),
  }),
  breaches: z.object({
    counts: z.object({ approval_escalated: z.number().int(), assignment_late: z.number().int(), assignment_overdue: z.number().int() }),
    /** The most recent first, at most BOARD_LIST_LIMIT. */
    items: z.array(SlaBreach),
  }),
});
export type Overview = z.infer<typeof Overview>;
