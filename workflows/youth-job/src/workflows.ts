import type { ClosingReport, JobOpeningPosted, JointTaskInput } from "@hub/contracts";
import { runJointTask } from "@hub/joint-task/workflow";
import { youthJob } from "./kind";

/** The workflow type name is part of running tasks' histories: never rename it. */
export async function youthJobWorkflow(input: JointTaskInput<JobOpeningPosted>): Promise<ClosingReport | null> {
  return runJointTask(youthJob, input);
}
