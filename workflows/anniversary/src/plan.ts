/** The anniversary template: the proposed components, and a post-event report for the mission. Pure. */
import type { AnniversaryProposed, Plan } from "@hub/contracts";
import { addDays, type KindTemplate } from "@hub/joint-task";

/** Days relative to the event date. */
export const DUE = { postEventReport: 7, milestones: [30, 7, 1] } as const;
export const POST_EVENT_KEY = "post-event-report";
export const componentKey = (i: number) => `component-${i + 1}`;

export const TEMPLATE: KindTemplate = {
  title: "Anniversary or commemoration event (기념사업)",
  description:
    "A mission proposes an event with a budget and a part for each organisation (exhibition, promotion, business forum, ceremony); agencies deliver by milestones and the mission reports to HQ afterwards.",
  approval: "the head of mission; above the budget threshold, HQ after the head",
  relativeTo: "the event date",
  assignments: [
    { key: componentKey(0), party: "the Korean Cultural Centre", duty: "exhibition", task: "Mount the photo exhibition.", dueInDays: -1 },
    {
      key: componentKey(1),
      party: "the Korea Tourism Organization office",
      duty: "tourism-promotion",
      task: "Run the tourism promotion around the event.",
      dueInDays: -14,
    },
    { key: componentKey(2), party: "the KOTRA trade office", duty: "business-forum", task: "Hold the business forum.", dueInDays: 0 },
    { key: componentKey(3), party: "the mission", task: "Hold the ceremony and send the invitations.", dueInDays: 0 },
    { key: POST_EVENT_KEY, party: "the mission", task: "Send the post-event report to HQ.", dueInDays: DUE.postEventReport },
  ],
};

export function draftAnniversaryPlan(d: AnniversaryProposed, mission: string): Plan {
  return {
    budgetKrw: d.budgetKrw,
    assignments: [
      ...d.components.map((c, i) => ({ key: componentKey(i), org: c.org, task: c.task, dueOn: c.dueOn })),
      {
        key: POST_EVENT_KEY,
        org: mission,
        task: `Send HQ the post-event report on "${d.title}" (${d.date}): attendance, coverage, outcomes and spending against the budget.`,
        taskKo: `"${d.title}"(${d.date}) 행사 결과 보고서(참석, 보도, 성과, 예산 대비 집행)를 본부에 보냅니다.`,
        dueOn: addDays(d.date, DUE.postEventReport),
      },
    ],
  };
}
