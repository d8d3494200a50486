/** Approval rules kinds choose from: who approves a version of a plan, in order. Pure. */
import type { DeciderRole, Plan, TaskPolicy } from "@hub/contracts";

/** The head of the leading mission decides alone (HQ only if the head is late). */
export const headOnly = (): DeciderRole[] => ["mission"];

/** The head decides; above the budget threshold HQ decides after the head approved. */
export const headThenHqAboveBudget = (plan: Plan, policy: TaskPolicy): DeciderRole[] =>
  plan.budgetKrw !== undefined && plan.budgetKrw > policy.hqBudgetThresholdKrw ? ["mission", "hq"] : ["mission"];

export function describeChain(chain: DeciderRole[]): string {
  return chain.map((r) => (r === "hq" ? "HQ" : "the head of mission")).join(", then ");
}
