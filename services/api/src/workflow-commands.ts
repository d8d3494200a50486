/**
 * Human decisions go to the workflow as Temporal Updates; failures become HTTP statuses.
 * The caller waits for the decision to be recorded, up to a bound: once the workflow has
 * accepted an update it will complete it, so a slow worker yields "accepted", never an error.
 */
import type { AssignmentActionInput, DecideInput, RevisePlanInput } from "@hub/contracts";
import type { Client } from "@hub/temporal";
import { assignmentActionUpdate, decideUpdate, FAILURE, revisePlanUpdate } from "@hub/wf-trade-restriction";
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage } from "@temporalio/client";
import { conflict, forbidden } from "./errors";

export type Outcome = "recorded" | "accepted";
const RECORD_WAIT_MS = 20_000;

type Update = typeof decideUpdate | typeof assignmentActionUpdate | typeof revisePlanUpdate;

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
      throw conflict(err.cause.message);
    }
    if (err instanceof WorkflowNotFoundError) throw conflict("This joint task is closed; nothing more can be decided on it");
    throw err;
  }
}

export const sendDecision = (client: Client, workflowId: string, input: DecideInput) => update(client, workflowId, decideUpdate, input);
export const sendAssignmentAction = (client: Client, workflowId: string, input: AssignmentActionInput) =>
  update(client, workflowId, assignmentActionUpdate, input);
export const sendPlanRevision = (client: Client, workflowId: string, input: RevisePlanInput) => update(client, workflowId, revisePlanUpdate, input);
