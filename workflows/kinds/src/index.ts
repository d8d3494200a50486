/**
 * The registry of joint-task kinds. The router, the worker, the API and the seeds work from it:
 * which workflow an event starts or is delivered to, each kind's rules and templates. The
 * contracts' event table says which kind claims an event type; this says what that kind is.
 */
import {
  EVENT_TYPES,
  type EventType,
  isKnownEventType,
  type JointTaskInput,
  START_EVENT,
  type WorkflowKind,
  workflowIdOfEvent,
} from "@hub/contracts";
import type { KindModule } from "@hub/joint-task";
import { anniversary } from "@hub/wf-anniversary";
import { missionPlan } from "@hub/wf-mission-plan";
import { tradeRestriction } from "@hub/wf-trade-restriction";
import { youthJob } from "@hub/wf-youth-job";

export interface RegisteredKind {
  // Each kind's data type differs; the registry is indexed by the event, whose schema already checked the data.
  module: KindModule<any, any>;
  /** The workflow function's name, exported by the bundle entry (src/workflows.ts). */
  workflowType: string;
}

export const KINDS: Record<WorkflowKind, RegisteredKind> = {
  "trade-restriction": { module: tradeRestriction, workflowType: "tradeRestrictionWorkflow" },
  "youth-job": { module: youthJob, workflowType: "youthJobWorkflow" },
  anniversary: { module: anniversary, workflowType: "anniversaryWorkflow" },
  "mission-plan": { module: missionPlan, workflowType: "missionPlanWorkflow" },
};

export type Route =
  | { role: "start"; kind: WorkflowKind; workflowId: string; workflowType: string; module: RegisteredKind["module"] }
  | { role: "deliver"; kind: WorkflowKind; workflowId: string };

/** Where an event goes, or null when no kind claims its type (the router dead-letters it with that reason). */
export function routeOf(type: string, data: { country: string }): Route | null {
  if (!isKnownEventType(type)) return null;
  const spec = EVENT_TYPES[type as EventType];
  const workflowId = workflowIdOfEvent(type, data);
  if (spec.role === "deliver") return { role: "deliver", kind: spec.kind, workflowId };
  const { module, workflowType } = KINDS[spec.kind];
  return { role: "start", kind: spec.kind, workflowId, workflowType, module };
}

export type { JointTaskInput };
export { START_EVENT };
