/** The kinds of joint task, as a zod enum; the ids and the list itself are in core.ts. */
import { z } from "zod";
import { WORKFLOW_KINDS } from "./core";

export { KIND_REF_FIELD, parseWorkflowId, WORKFLOW_KINDS, workflowIdFor } from "./core";
export const WorkflowKind = z.enum(WORKFLOW_KINDS);
export type WorkflowKind = z.infer<typeof WorkflowKind>;
