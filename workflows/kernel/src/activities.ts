/** What a joint task asks of the outside world. The worker implements it; workflows import only the type. */
import type {
  ApprovalEscalationRecord,
  ApprovalRequestRecord,
  AssignmentActionRecord,
  AssignmentsRecord,
  CancelTaskRecord,
  ClaimRecord,
  CloseTaskRecord,
  DecisionRecord,
  FlagTaskRecord,
  OpenTaskRecord,
  TimelineRecord,
} from "@hub/contracts";
import type { Team } from "./team";

/** Activity names are part of running tasks' histories: never rename one. */
export interface JointTaskActivities {
  openTask(i: OpenTaskRecord): Promise<void>;
  /** The country's team, or the team `lead` (a consulate general) leads there. */
  resolveTeam(i: { country: string; lead?: string }): Promise<Team | null>;
  requestApproval(i: ApprovalRequestRecord): Promise<void>;
  escalateApproval(i: ApprovalEscalationRecord): Promise<void>;
  recordDecision(i: DecisionRecord): Promise<void>;
  createAssignments(i: AssignmentsRecord): Promise<void>;
  recordAssignmentAction(i: AssignmentActionRecord): Promise<void>;
  /** A claim, release or assignment: the holder in the read model and the timeline entry. */
  recordClaim(i: ClaimRecord): Promise<void>;
  addTimelineEntry(i: TimelineRecord): Promise<void>;
  closeTask(i: CloseTaskRecord): Promise<void>;
  cancelTask(i: CancelTaskRecord): Promise<void>;
  flagTask(i: FlagTaskRecord): Promise<void>;
}
