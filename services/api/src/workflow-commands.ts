/**
 * Human decisions go to the workflow as Temporal Updates; failures become HTTP statuses.
 * The caller waits for the decision to be recorded, up to a bound: once the workflow has
 * accepted an update it will complete it, so a slow worker yields "accepted", never an error.
 */
import type { AssignmentActionInput, CancelInput, ClaimInput, DecideInput, HandOverInput, RevisePlanInput } from "@hub/contracts";
import {
  assignmentActionUpdate,
  cancelUpdate,
  claimUpdate,
  decideUpdate,
  FAILURE,
  handOverUpdate,
  type PlanIssue,
  revisePlanUpdate,
} from "@hub/joint-task";
import type { Client } from "@hub/temporal";
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage } from "@temporalio/client";
import { badRequest, conflict, forbidden } from "./errors";

export type Outcome = "recorded" | "accepted";
export const RECORD_WAIT_MS = 20_000;

type Update =
  | typeof decideUpdate
  | typeof assignmentActionUpdate
  | typeof revisePlanUpdate
  | typeof cancelUpdate
  | typeof handOverUpdate
  | typeof claimUpdate;

/** The plan issues a refusal carries, with their paths under the request body. */
function issuesOf(f: ApplicationFailure): { path: string; message: string }[] | undefined {
  const issues = f.details?.[0] as PlanIssue[] | undefined;
  return Array.isArray(issues)
    ? issues.map((i) => ({ path: i.path.startsWith("body.") ? i.path : `body.${i.path}`, message: i.message }))
    : undefined;
}

async function update(client: Client, workflowId: string, def: Update, arg: unknown): Promise<Outcome> {
  try {
    const handle = client.workflow.getHandle(workflowId);
    const u = await handle.startUpdate(def as typeof decideUpdate, { args: [arg as DecideInput], waitForStage: WorkflowUpdateStage.ACCEPTED });
    const timeout = new Promise<"accepted">((resolve) => setTimeout(() => resolve("accepted"), RECORD_WAIT_MS).unref());
    const recorded = u.result().then(() => "recorded" as const);
    // Past the wait, a late failure is the workflow's to retry, not this request's to report.
    recorded.catch(() => undefined);
    return await Promise.race([recorded, timeout]);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      if (err.cause.type === FAILURE.forbidden) throw forbidden(err.cause.message);
      if (err.cause.type === FAILURE.invalid) {
        const issues = issuesOf(err.cause);
        throw badRequest(issues ? `The request is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}` : err.cause.message, issues);
      }
      throw conflict(err.cause.message);
    }
    if (err instanceof WorkflowNotFoundError) throw conflict("This joint task is closed; nothing more can be done on it");
    throw err;
  }
}

export const sendDecision = (client: Client, workflowId: string, input: DecideInput) => update(client, workflowId, decideUpdate, input);
export const sendAssignmentAction = (client: Client, workflowId: string, input: AssignmentActionInput) =>
  update(client, workflowId, assignmentActionUpdate, input);
export const sendPlanRevision = (client: Client, workflowId: string, input: RevisePlanInput) => update(client, workflowId, revisePlanUpdate, input);
/** Cancelling is accepted at once; the task then withdraws its open assignments and closes. */
export const sendCancel = (client: Client, workflowId: string, input: CancelInput) => update(client, workflowId, cancelUpdate, input);
/** A head's pending step passes to the acting head or HQ (the vacancy sweep); a step already passed is a 409. */
export const sendHandOver = (client: Client, workflowId: string, input: HandOverInput) => update(client, workflowId, handOverUpdate, input);
/** Claim, release or assign an assignment; someone else holding it is a 409, another organisation a 403. */
export const sendClaim = (client: Client, workflowId: string, input: ClaimInput) => update(client, workflowId, claimUpdate, input);
