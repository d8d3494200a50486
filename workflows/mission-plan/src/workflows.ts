import type { ClosingReport, JointTaskInput, PlanSubmitted } from "@hub/contracts";
import { runJointTask } from "@hub/joint-task/workflow";
import { missionPlan } from "./kind";

/** The workflow type name is part of running tasks' histories: never rename it. */
export async function missionPlanWorkflow(input: JointTaskInput<PlanSubmitted>): Promise<ClosingReport | null> {
  return runJointTask(missionPlan, input);
}
