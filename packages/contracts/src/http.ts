/** Request and response bodies of the public HTTP API (/v1). */
import { z } from "zod";
import { Actor, CountryCode, OrgKind, Role } from "./common";
import { ApprovalDecision, ApprovalStatus, AssignmentStatus, ClosingReport, Plan, TaskStatus, WorkflowKind } from "./joint-tasks";

export const ErrorBody = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const DevLoginBody = z.object({ email: z.string().email() });
export const TokenBody = z.object({ token: z.string() });

export const Org = z.object({
  code: z.string(),
  kind: OrgKind,
  nameKo: z.string(),
  nameEn: z.string(),
  country: CountryCode.nullable(),
  network: z.string().nullable(),
});
export type Org = z.infer<typeof Org>;

export const Me = z.object({ email: z.string(), name: z.string(), role: Role, org: Org });
export type Me = z.infer<typeof Me>;

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
});

export const ApprovalItem = z.object({
  id: z.string(),
  workflowId: z.string(),
  kind: WorkflowKind,
  country: CountryCode,
  title: z.string(),
  plan: Plan,
  status: ApprovalStatus,
  round: z.number(),
  requestedAt: z.string(),
  decideBy: z.string(),
  escalatedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: Actor.nullable(),
  decision: ApprovalDecision.nullable(),
  comment: z.string().nullable(),
});
export type ApprovalItem = z.infer<typeof ApprovalItem>;
export const ApprovalListQuery = z.object({ status: ApprovalStatus.optional(), limit: Limit, cursor: Cursor.optional() });
export const DecisionBody = z.object({ decision: ApprovalDecision, comment: z.string().max(4000).optional() });

export const AssignmentItem = z.object({
  id: z.string(),
  workflowId: z.string(),
  org: z.string(),
  task: z.string(),
  dueOn: z.string(),
  status: AssignmentStatus,
  report: z.string().nullable(),
  declineReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type AssignmentItem = z.infer<typeof AssignmentItem>;
export const AssignmentListQuery = z.object({ status: AssignmentStatus.optional(), limit: Limit, cursor: Cursor.optional() });
export const ProgressBody = z.object({ note: z.string().min(1).max(8000) });
export const CompleteBody = z.object({ report: z.string().min(1).max(8000) });
export const DeclineBody = z.object({ reason: z.string().min(1).max(8000) });

export const WorkflowItem = z.object({
  id: z.string(),
  kind: WorkflowKind,
  country: CountryCode,
  status: TaskStatus,
  title: z.string(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type WorkflowItem = z.infer<typeof WorkflowItem>;
export const WorkflowDetail = WorkflowItem.extend({
  caseRef: z.string(),
  closingReport: ClosingReport.nullable(),
  assignments: z.array(AssignmentItem),
  approvals: z.array(ApprovalItem),
  temporalHistoryUrl: z.string().nullable(),
});
export const WorkflowListQuery = z.object({
  kind: WorkflowKind.optional(),
  country: CountryCode.optional(),
  status: TaskStatus.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export const HistoryEntry = z.object({
  at: z.string(),
  actor: Actor.nullable(),
  action: z.string(),
  detail: z.unknown(),
});
export const History = z.object({
  workflowId: z.string(),
  entries: z.array(HistoryEntry),
  temporalHistoryUrl: z.string().nullable(),
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
