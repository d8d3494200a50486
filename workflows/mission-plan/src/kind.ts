/**
 * Plans drafted by a mission (POST /v1/plans): the mission's own assignments and informed
 * organisations → the head approves (then HQ above the budget threshold) → closes when every
 * assignment is done.
 */
import type { PlanSubmitted } from "@hub/contracts";
import { checkAssignments, checkInformed, headThenHqAboveBudget, type KindModule, reportsOf } from "@hub/joint-task";
import { draftMissionPlan, TEMPLATE } from "./plan";

export const missionPlan: KindModule<PlanSubmitted, Record<string, never>> = {
  kind: "mission-plan",
  template: TEMPLATE,
  ref: (d) => d.planRef,
  title: (d) => d.title,
  initialState: () => ({}),
  // Judged as the plan of its own mission: one that does not lead the country's Team Korea
  // (named in `mission`) may inform the leading one, and needs no informing itself.
  checkStart: (d, context) => {
    const ctx = d.mission ? { ...context, mission: d.mission } : context;
    return [
      ...checkAssignments(d.assignments, ctx, "data.assignments"),
      ...checkInformed(d.informed ?? [], new Set(d.assignments.map((a) => a.org)), ctx, "data.informed"),
    ];
  },
  // A plan belongs to the mission that submitted it (the API publishes it as that mission).
  ownedBy: (_d, source) => source,
  draftPlan: (d) => draftMissionPlan(d),
  approvalChain: headThenHqAboveBudget,
  isDone: () => true,
  closingReport: (task) => ({
    kind: "mission-plan",
    title: task.data.title,
    budgetKrw: task.plan?.budgetKrw ?? null,
    reports: reportsOf(task.assignments),
  }),
};
