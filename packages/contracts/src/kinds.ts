/**
 * The kinds of joint task and their business ids. A task's workflow id is built from its
 * country and the business reference its events carry, so a redelivered or repeated event
 * always names the same task: `{kind}:{country}:{ref}`.
 */
import { z } from "zod";

/** Each kind and the field of its events that holds the business reference. */
export const KIND_REF_FIELD = {
  "trade-restriction": "caseRef",
  "youth-job": "openingRef",
  anniversary: "eventRef",
  "mission-plan": "planRef",
} as const;

export type WorkflowKind = keyof typeof KIND_REF_FIELD;
export const WORKFLOW_KINDS = Object.keys(KIND_REF_FIELD) as [WorkflowKind, ...WorkflowKind[]];
export const WorkflowKind = z.enum(WORKFLOW_KINDS);

export function workflowIdFor(kind: WorkflowKind, country: string, ref: string): string {
  return `${kind}:${country}:${ref}`;
}

export function parseWorkflowId(id: string): { kind: WorkflowKind; country: string; ref: string } | null {
  const m = /^([a-z-]+):([A-Z]{2}):(.+)$/.exec(id);
  if (!m || !Object.hasOwn(KIND_REF_FIELD, m[1] as string)) return null;
  return { kind: m[1] as WorkflowKind, country: m[2] as string, ref: m[3] as string };
}
