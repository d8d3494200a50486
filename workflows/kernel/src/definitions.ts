/**
 * The messages every joint task answers. Clients (API, router) import these very names; the
 * kernel registers a handler for each. Names are part of running tasks' histories: never rename.
 */
import type {
  AssignmentActionInput,
  AssignmentStatus,
  CancelInput,
  ClaimInput,
  DecideInput,
  EventRef,
  HandOverInput,
  RevisePlanInput,
  TaskStatus,
} from "@hub/contracts";
import { defineQuery, defineUpdate } from "@temporalio/workflow";

export const decideUpdate = defineUpdate<void, [DecideInput]>("decide");
export const assignmentActionUpdate = defineUpdate<void, [AssignmentActionInput]>("assignmentAction");
export const revisePlanUpdate = defineUpdate<void, [RevisePlanInput]>("revisePlan");
export const cancelUpdate = defineUpdate<void, [CancelInput]>("cancel");
/** An event for a running task (a decision on a trade case, a confirmed placement). The task may refuse it. */
export const deliverEventUpdate = defineUpdate<void, [EventRef]>("deliverEvent");
/** A head's pending step passes to the acting head or HQ because the head left (the API's vacancy sweep). */
export const handOverUpdate = defineUpdate<void, [HandOverInput]>("handOverApproval");
/** Who in the organisation holds an assignment: claim, release, assign (and the hub's release when the holder left). */
export const claimUpdate = defineUpdate<void, [ClaimInput]>("assignmentClaim");

export interface TaskSnapshot {
  status: TaskStatus;
  round: number;
  approval: { id: string; step: number; decider: string; status: string; escalated: boolean } | null;
  assignments: { id: string; key: string; org: string; status: AssignmentStatus; holder?: string | null }[];
  /** The kind's own state (e.g. placements of a youth opening). */
  kindState: unknown;
}
export const snapshotQuery = defineQuery<TaskSnapshot>("snapshot");

/** ApplicationFailure types the API and the router map to HTTP statuses and dead-letter reasons. */
export const FAILURE = { conflict: "Conflict", forbidden: "Forbidden", invalid: "Invalid" } as const;
export type FailureType = (typeof FAILURE)[keyof typeof FAILURE];

/** The failure type of an activity that can never store its input: retrying cannot help. */
export const UNWRITABLE_DATA = "UnwritableData";
