import type { AnniversaryProposed, ClosingReport, JointTaskInput } from "@hub/contracts";
import { runJointTask } from "@hub/joint-task/workflow";
import { anniversary } from "./kind";

/** The workflow type name is part of running tasks' histories: never rename it. */
export async function anniversaryWorkflow(input: JointTaskInput<AnniversaryProposed>): Promise<ClosingReport | null> {
  return runJointTask(anniversary, input);
}
