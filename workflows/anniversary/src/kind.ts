/**
 * Anniversary and commemoration events (기념사업): a mission's proposal with a budget and
 * components → the head approves (then HQ above the budget threshold) → one assignment per
 * component, milestone reminders before the date, a post-event report → closes when all are done.
 */
import type { AnniversaryProposed } from "@hub/contracts";
import { isOpenAssignment } from "@hub/contracts/core";
import { addDays, checkAssignments, dueDateIssue, headThenHqAboveBudget, type KindModule, reportsOf } from "@hub/joint-task";
import { patched } from "@temporalio/workflow";
import { DUE, draftAnniversaryPlan, POST_EVENT_KEY, TEMPLATE } from "./plan";

/**
 * Tasks fanned out since this patch skip a milestone whose day was over before the plan was
 * approved: an event 5 days away got its 30- and 7-day notes at once, as if due. A milestone
 * whose day is today is still noted, at once. The marker is written only when one is skipped.
 */
export const SKIP_MILESTONES_PASSED_AT_FAN_OUT = "skip-milestones-passed-at-fan-out";

export const anniversary: KindModule<AnniversaryProposed, Record<string, never>> = {
  kind: "anniversary",
  template: TEMPLATE,
  ref: (d) => d.eventRef,
  title: (d) => d.title,
  initialState: () => ({}),
  checkStart(d, ctx) {
    const date = dueDateIssue(d.date, ctx.today);
    return [...(date ? [{ path: "data.date", message: date }] : []), ...checkAssignments(d.components, ctx, "data.components")];
  },
  draftPlan: (d, { team }) => draftAnniversaryPlan(d, team.mission),
  approvalChain: headThenHqAboveBudget,
  onFanOut(task) {
    const today = task.today();
    for (const daysBefore of DUE.milestones) {
      const day = addDays(task.data.date, -daysBefore);
      if (day < today && patched(SKIP_MILESTONES_PASSED_AT_FAN_OUT)) continue;
      void (async () => {
        await task.sleepUntil(day, "start");
        const open = task.assignments.filter((a) => isOpenAssignment(a.status));
        if (task.status !== "in_progress" || open.length === 0) return;
        await task.note({
          dedupeKey: `milestone:${daysBefore}`,
          action: "task.milestone",
          detail: { daysBefore, date: task.data.date, open: open.map((a) => ({ assignmentId: a.id, org: a.org, dueOn: a.dueOn, status: a.status })) },
        });
      })();
    }
  },
  isDone: () => true,
  closingReport(task) {
    const reports = reportsOf(task.assignments);
    const postEvent = task.assignments.findIndex((a) => a.key === POST_EVENT_KEY);
    return {
      kind: "anniversary",
      title: task.data.title,
      date: task.data.date,
      budgetKrw: task.plan?.budgetKrw ?? task.data.budgetKrw,
      components: reports.filter((_, i) => i !== postEvent),
      postEventReport: reports[postEvent] ?? null,
    };
  },
};
