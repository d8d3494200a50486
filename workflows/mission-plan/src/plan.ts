/** A plan a mission drafts itself: its assignments as given, numbered; a template to start from. Pure. */
import type { Plan, PlanSubmitted } from "@hub/contracts";
import type { KindTemplate } from "@hub/joint-task";

export const assignmentKey = (i: number) => `assignment-${i + 1}`;

export const TEMPLATE: KindTemplate = {
  title: "Plan drafted by a mission (공관 주도 계획)",
  description:
    "The mission drafts a cross-agency plan (a ceremony, a campaign, a joint programme), names each organisation's part and who is kept informed, and submits it for approval.",
  approval: "the head of mission; above the budget threshold, HQ after the head",
  relativeTo: "the day the plan is submitted",
  assignments: [
    { key: assignmentKey(0), party: "the mission", task: "Convene the Team Korea council and agree the programme.", dueInDays: 7 },
    {
      key: assignmentKey(1),
      party: "the Korean Cultural Centre",
      duty: "exhibition",
      task: "Prepare the cultural programme and the exhibition.",
      dueInDays: 21,
    },
    {
      key: assignmentKey(2),
      party: "the KOTRA trade office",
      duty: "business-forum",
      task: "Bring in Korean companies and local partners.",
      dueInDays: 21,
    },
    { key: assignmentKey(3), party: "the mission", task: "Hold the event and report to HQ.", dueInDays: 30 },
  ],
};

export function draftMissionPlan(d: PlanSubmitted): Plan {
  return {
    assignments: d.assignments.map((a, i) => ({ key: assignmentKey(i), org: a.org, task: a.task, dueOn: a.dueOn })),
    ...(d.informed && d.informed.length > 0 ? { informed: d.informed } : {}),
    ...(d.budgetKrw !== undefined ? { budgetKrw: d.budgetKrw } : {}),
  };
}
