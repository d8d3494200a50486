/** What the workflow asks of the outside world. The worker implements it; the workflow imports only the type. */
import type {
  ApprovalEscalationRecord,
  ApprovalRequestRecord,
  AssignmentActionRecord,
  AssignmentsRecord,
  CloseTaskRecord,
  DecisionRecord,
  OpenTaskRecord,
  TimelineRecord,
} from "@hub/contracts";
import type { Team } from "./plan";

export interface TradeRestrictionActivities {
  openTask(i: OpenTaskRecord): Promise<void>;
  resolveTeam(i: { country: string }): Promise<Team | null>;
  requestApproval(i: ApprovalRequestRecord): Promise<void>;
  escalateApproval(i: ApprovalEscalationRecord): Promise<void>;
  recordDecision(i: DecisionRecord): Promise<void>;
  createAssignments(i: AssignmentsRecord): Promise<void>;
  recordAssignmentAction(i: AssignmentActionRecord): Promise<void>;
  addTimelineEntry(i: TimelineRecord): Promise<void>;
  closeTask(i: CloseTaskRecord): Promise<void>;
}
