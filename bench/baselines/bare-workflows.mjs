// The bare baseline's workflow: as many activities as a joint task runs before its approval is
// listed (open the task, resolve the team, request the approval), each doing one INSERT.
import { proxyActivities } from "@temporalio/workflow";

const { step } = proxyActivities({ startToCloseTimeout: "30 seconds" });

export async function bareWorkflow({ id }) {
  for (let n = 1; n <= 3; n++) await step({ id, n });
}
