/**
 * The trade-restriction joint task's public face: its id scheme and its messages. Clients
 * (API, router) import these very names; the workflow registers handlers for them.
 */
import type {
  Actor,
  AssignmentActionInput,
  AssignmentStatus,
  DecideInput,
  Plan,
  RevisePlanInput,
  TaskStatus,
  Timing,
  TradeRestrictionDecided,
  TradeRestrictionDetected,
} from "@hub/contracts";
import { defineQuery, defineSignal, defineUpdate } from "@temporalio/workflow";

export const KIND = "trade-restriction" as const;
export const WORKFLOW_TYPE = "tradeRestrictionWorkflow";

export function tradeRestrictionWorkflowId(country: string, caseRef: string): string {
  return `${KIND}:${country}:${caseRef}`;
}

export function parseTradeRestrictionWorkflowId(id: string): { country: string; caseRef: string } | null {
  const m = /^trade-restriction:([A-Z]{2}):(.+)$/.exec(id);
  return m ? { country: m[1] as string, caseRef: m[2] as string } : null;
}

export interface EventRef<T> {
  id: string;
  source: string;
  type: string;
  time: string;
  data: T;
}

export interface TradeRestrictionInput {
  event: EventRef<TradeRestrictionDetected>;
  /** Who published the event, when it came through the API. */
  publishedBy: Actor | null;
  timing: Timing;
}

export interface TaskSnapshot {
  status: TaskStatus;
  round: number;
  approval: { id: string; status: string; escalated: boolean } | null;
  assignments: { id: string; key: string; org: string; status: AssignmentStatus }[];
  caseDecided: boolean;
}

export const decideUpdate = defineUpdate<void, [DecideInput]>("decide");
export const assignmentActionUpdate = defineUpdate<void, [AssignmentActionInput]>("assignmentAction");
export const revisePlanUpdate = defineUpdate<void, [RevisePlanInput]>("revisePlan");
export const caseDecidedSignal = defineSignal<[EventRef<TradeRestrictionDecided>]>("caseDecided");
export const snapshotQuery = defineQuery<TaskSnapshot>("snapshot");

/** ApplicationFailure types the API maps to HTTP statuses. */
export const FAILURE = { conflict: "Conflict", forbidden: "Forbidden", invalid: "Invalid" } as const;

export type { Plan };
