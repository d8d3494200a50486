import type { ClosingReport, JointTaskInput, TradeRestrictionDetected } from "@hub/contracts";
import { runJointTask } from "@hub/joint-task/workflow";
import { tradeRestriction } from "./kind";

/** The workflow type name is part of running tasks' histories: never rename it. */
export async function tradeRestrictionWorkflow(input: JointTaskInput<TradeRestrictionDetected>): Promise<ClosingReport | null> {
  // Tasks started before the kernel received case decisions as this signal.
  return runJointTask(tradeRestriction, input, { legacySignal: "caseDecided" });
}
