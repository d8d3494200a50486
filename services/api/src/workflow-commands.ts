/** Human decisions go to the workflow as Temporal Updates; failures become HTTP statuses. */
import type { AssignmentActionInput, DecideInput, RevisePlanInput } from "@hub/contracts";
import type { Client } from "@hub/temporal";
import { assignmentActionUpdate, decideUpdate, FAILURE, revisePlanUpdate } from "@hub/wf-trade-restriction";
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { conflict, forbidden } from "./errors";

async function asHttp<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      if (err.cause.type === FAILURE.forbidden) throw forbidden(err.cause.message);
      throw conflict(err.cause.message);
    }
    if (err instanceof WorkflowNotFoundError) throw conflict("This joint task is closed; nothing more can be decided on it");
    throw err;
  }
}

export function sendDecision(client: Client, workflowId: string, input: DecideInput) {
  return asHttp(() => client.workflow.getHandle(workflowId).executeUpdate(decideUpdate, { args: [input] }));
}

export function sendAssignmentAction(client: Client, workflowId: string, input: AssignmentActionInput) {
  return asHttp(() => client.workflow.getHandle(workflowId).executeUpdate(assignmentActionUpdate, { args: [input] }));
}

export function sendPlanRevision(client: Client, workflowId: string, input: RevisePlanInput) {
  return asHttp(() => client.workflow.getHandle(workflowId).executeUpdate(revisePlanUpdate, { args: [input] }));
}
