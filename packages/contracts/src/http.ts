/** Request and response bodies of the public HTTP API (/v1). */
import { z } from "zod";
import { ClosingReport } from "./closing-reports";
import { Actor, CountryCode, IsoDate, NearDate, OrgCode, OrgKind, Role } from "./common";
import { LIMITS } from "./core";
import { MissionKind } from "./directory";
import { ExtensionValue, LoggedEventAttributes } from "./events/envelope";
import { PlanSubmitted } from "./events/plans";
import { ApprovalDecision, ApprovalStatus, AssignmentStatus, Plan, PlanVersion, TaskStatus } from "./joint-tasks";
import { WorkflowKind } from "./kinds";

export const ErrorBody = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An e-mail address is at most 254 characters (RFC 5321's path limit); longer is refused before any lookup. */
export const DevLoginBody = z.object({ email: z.string().max(254).email() });
export const TokenBody = z.object({ token: z.string() });

export const Org = z.object({
  code: z.string(),
  kind: OrgKind,
  nameKo: z.string(),
  nameEn: z.string(),
  country: CountryCode.nullable(),
  network: z.string().nullable(),
  missionKind: MissionKind.nullable(),
  /** The organisation's clock (IANA), for deadlines in mission time. */
  timeZone: z.string(),
  /** Closed: keeps its history and names, takes no new work. */
  closed: z.boolean(),
  /** The mission leading this agency office's team; null: its country's leading mission. */
  teamLead: z.string().nullable(),
});
export type Org = z.infer<typeof Org>;

export const Me = z.object({ email: z.string(), name: z.string(), role: Role, org: Org });
export type Me = z.infer<typeof Me>;

/** GET /v1/auth/dev-accounts: the seeded accounts, grouped by organisation, for the development sign-in page. */
export const DevAccountsBody = z.object({
  orgs: z.array(z.object({ org: Org, accounts: z.array(z.object({ email: z.string(), name: z.string(), role: Role })) })),
});
export type DevAccountsBody = z.infer<typeof DevAccountsBody>;

export const Cursor = z.string().max(200);
export const Limit = z.coerce.number().int().min(1).max(200).default(50);
export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const EventAccepted = z.object({ id: z.string(), status: z.enum(["accepted", "duplicate"]) });
export const EventListQuery = z.object({
  type: z.string().optional(),
  country: CountryCode.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export const StoredEvent = z.object({
  id: z.string(),
  source: z.string(),
  type: z.string(),
  subject: z.string().nullable(),
  time: z.string(),
  country: z.string().nullable(),
  data: z.unknown(),
  receivedAt: z.string(),
  /** The event came without `time`: `time` is the moment the hub accepted it. */
  timeDefaulted: z.boolean(),
  dataschema: z.string().nullable(),
  /** CloudEvents extension attributes, by name. */
  extensions: z.record(z.string(), ExtensionValue),
});

export const ApprovalItem = z.object({
  id: z.string(),
  workflowId: z.string(),
  kind: WorkflowKind,
  country: CountryCode,
  title: z.string().max(LIMITS.taskTitle),
  /** The title in Korean, when a kind's template wrote it (then `title` is its English); absent: `title` as written is the only one. */
  titleKo: z.string().max(LIMITS.taskTitle).optional(),
  plan: Plan,
  status: ApprovalStatus,
  round: z.number(),
  /** Position in the approval chain (1: the head of mission; 2: HQ, for plans above the budget threshold). */
  step: z.number(),
  /** The mission whose plan it is. */
  mission: z.string(),
  /** The organisation that decides this step. */
  decider: z.string(),
  requestedAt: z.string(),
  decideBy: z.string(),
  escalatedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: Actor.nullable(),
  decision: ApprovalDecision.nullable(),
  comment: z.string().nullable(),
});
export type ApprovalItem = z.infer<typeof ApprovalItem>;
/** How soon a deadline falls: already passed, or within the next day (an approval) or three days (an assignment). */
export const Urgency = z.enum(["overdue", "soon"]);
export const ApprovalListQuery = z.object({
  status: ApprovalStatus.optional().describe("`pending` lists what awaits a decision: for HQ, only what awaits HQ's own"),
  kind: WorkflowKind.optional(),
  org: OrgCode.optional().describe("the mission whose plan it is"),
  urgency: Urgency.optional().describe("`overdue`: past its decide-by time; `soon`: due within 24 hours"),
  sort: z.enum(["newest", "urgent"]).default("newest").describe("`urgent`: the nearest decide-by time first (overdue ones first of all)"),
  limit: Limit,
  cursor: Cursor.optional().describe("from the previous page, asked with the same filters and sort"),
});
export const DecisionBody = z.object({ decision: ApprovalDecision, comment: z.string().max(4000).optional() });

export const AssignmentItem = z.object({
  id: z.string(),
  workflowId: z.string(),
  key: z.string(),
  org: z.string(),
  task: z.string().max(LIMITS.assignmentTask),
  /** The task in Korean, when a kind's template wrote it (then `task` is its English). */
  taskKo: z.string().max(LIMITS.assignmentTask).optional(),
  /** The title of the task this assignment belongs to, as written (and in Korean where the template wrote one). */
  title: z.string().max(LIMITS.taskTitle),
  /** The title in Korean, when a kind's template wrote it (then `title` is its English); absent: `title` as written is the only one. */
  titleKo: z.string().max(LIMITS.taskTitle).optional(),
  dueOn: z.string(),
  status: AssignmentStatus,
  report: z.string().nullable(),
  /** The outcomes a completion must choose from, when the assignment asks for one. */
  outcomes: z.array(z.string()).nullable(),
  outcome: z.string().nullable(),
  declineReason: z.string().nullable(),
  /** Why the task was cancelled, when this assignment was withdrawn with it. */
  withdrawnReason: z.string().nullable(),
  /** Who in the organisation holds it (claimed or assigned, and when); null: in the organisation's queue. */
  assignee: z.object({ email: z.string(), name: z.string().nullable(), since: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type AssignmentItem = z.infer<typeof AssignmentItem>;
export const AssignmentListQuery = z.object({
  status: z
    .union([AssignmentStatus, z.literal("open")])
    .optional()
    .describe("`open`: pending, acknowledged or in progress"),
  /** `me`: held by the caller; `unclaimed`: the organisation's queue; `any` (default): all of them. */
  holder: z.enum(["me", "unclaimed", "any"]).default("any"),
  kind: WorkflowKind.optional().describe("the kind of the task the assignment belongs to"),
  org: OrgCode.optional().describe("the organisation the assignment is for"),
  urgency: Urgency.optional().describe("`overdue`: open and past its due day; `soon`: open and due within three days"),
  sort: z.enum(["newest", "due"]).default("newest").describe("`due`: the earliest due day first (overdue ones first of all)"),
  limit: Limit,
  cursor: Cursor.optional().describe("from the previous page, asked with the same filters and sort"),
});
export const AssignBody = z.object({
  to: z.string().min(3).max(320).describe("the e-mail of a person posted at the assignment's organisation today"),
});
export const ProgressBody = z.object({ note: z.string().min(1).max(8000) });
export const CompleteBody = z.object({
  report: z.string().min(1).max(8000),
  outcome: z.string().min(1).max(40).optional().describe("required when the assignment lists outcomes (e.g. retained, left, unknown)"),
});
export const DeclineBody = z.object({ reason: z.string().min(1).max(8000) });

export const WorkflowItem = z.object({
  id: z.string(),
  kind: WorkflowKind,
  country: CountryCode,
  status: TaskStatus,
  title: z.string().max(LIMITS.taskTitle),
  /** The title in Korean, when a kind's template wrote it (then `title` is its English); absent: `title` as written is the only one. */
  titleKo: z.string().max(LIMITS.taskTitle).optional(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type WorkflowItem = z.infer<typeof WorkflowItem>;
export const WorkflowDetail = WorkflowItem.extend({
  /** The business reference (case, opening, event or plan ref). */
  caseRef: z.string(),
  mission: z.string().nullable(),
  informed: z.array(z.string()),
  closingReport: ClosingReport.nullable(),
  assignments: z.array(AssignmentItem),
  approvals: z.array(ApprovalItem),
  versions: z.array(PlanVersion),
  temporalHistoryUrl: z.string().nullable(),
  problem: z.string().nullable().describe("set when the hub could not record part of this task (which write and why); the task itself goes on"),
});
export const WorkflowListQuery = z.object({
  kind: WorkflowKind.optional(),
  country: CountryCode.optional(),
  status: TaskStatus.optional(),
  org: OrgCode.optional().describe("any organisation involved: the leading mission, one named in the plan, an assignee or an informed organisation"),
  from: IsoDate.optional().describe("started on or after this day (UTC)"),
  to: IsoDate.optional().describe("started on or before this day (UTC)"),
  q: z.string().trim().min(1).max(200).optional().describe("words of the title, in Korean or English; each word matches as a prefix"),
  limit: Limit,
  cursor: Cursor.optional(),
});
export const CancelBody = z.object({ reason: z.string().trim().min(1).max(4000) });
export const RevisePlanBody = z.object({ plan: Plan, comment: z.string().max(4000).optional() });

export const PlanBody = PlanSubmitted;
export const PlanAccepted = z.object({ workflowId: z.string(), status: z.enum(["accepted", "duplicate"]) });

export const PlanTemplate = z.object({
  kind: WorkflowKind,
  title: z.string(),
  description: z.string(),
  startEvent: z.string(),
  approval: z.string(),
  assignments: z.array(
    z.object({
      /** The key the drafted assignment gets ({org}: one per organisation holding the duty). */
      key: z.string(),
      /** Who takes it, in words ("the HRD Korea office, else KOTRA, else the mission"). */
      party: z.string(),
      /** That organisation in the requested country, when ?country= is given and one exists. */
      org: z.string().nullable(),
      task: z.string(),
      /** Due this many days after the day the plan starts from (negative: before its reference date). */
      dueInDays: z.number(),
      relativeTo: z.string(),
    }),
  ),
});
export const PlanTemplateQuery = z.object({ country: CountryCode.optional() });

export const DelegationBody = z.object({
  to: z.string().email().max(320).describe("a staff member of your mission"),
  from: NearDate,
  until: NearDate,
});
export const DelegationItem = z.object({
  id: z.string(),
  missionCode: z.string(),
  grantedBy: z.string(),
  to: z.string(),
  from: z.string(),
  until: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Inside its window today (UTC) and not revoked. */
  active: z.boolean(),
});
export type DelegationItem = z.infer<typeof DelegationItem>;
/** GET /v1/delegations/candidates: the staff of the head's own mission, whom the head may name acting head. */
export const DelegationCandidates = z.object({ items: z.array(z.object({ email: z.string(), name: z.string() })) });
export type DelegationCandidates = z.infer<typeof DelegationCandidates>;
export const HistoryEntry = z.object({
  at: z.string(),
  actor: Actor.nullable(),
  action: z.string(),
  detail: z.unknown(),
  /** For an entry that records an event: its CloudEvents attributes from the log (extensions included). */
  cloudEvent: LoggedEventAttributes.optional(),
});
export const History = z.object({
  workflowId: z.string(),
  entries: z.array(HistoryEntry),
  temporalHistoryUrl: z.string().nullable(),
});

/** An outbox row the relay set aside: Kafka refused it, or its event could not be rebuilt (GET /v1/outbox/parked). */
export const ParkedOutboxItem = z.object({
  id: z.string(),
  topic: z.string(),
  key: z.string().nullable(),
  event: z.string().nullable().describe("the accepted event the row publishes, as source/id; null for a replayed dead letter"),
  reason: z.string(),
  attempts: z.number(),
  createdAt: z.string(),
  parkedAt: z.string(),
});

export const DeadLetterItem = z.object({
  id: z.string(),
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  key: z.string().nullable(),
  payload: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  replayedAt: z.string().nullable(),
});
