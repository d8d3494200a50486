/** The youth job placement template: matching and interviews before the opening closes. Pure. */
import type { JobChannel, JobOpeningPosted, JobPlacementConfirmed, Plan, PlanAssignment } from "@hub/contracts";
import { addDays, firstHolder, type KindTemplate, maxDate, type ResolvedTeam } from "@hub/joint-task";

/** Directory duties: who matches candidates, and which office each channel's interviews go to. */
export const DUTY = {
  matching: "job-matching",
  channel: (c: JobChannel) => `job-channel:${c}`,
} as const;

/** Due dates, in days relative to the day the opening closes; follow-ups after the start of work. */
export const DUE = { matching: -10, interviews: -3, followUps: [30, 90] } as const;
export const FOLLOW_UP_OUTCOMES = ["retained", "left", "unknown"];
export const MATCHING_KEY = "candidate-matching";

export const TEMPLATE: KindTemplate = {
  title: "Youth overseas job placement (청년 해외진출 지원)",
  description:
    "An opening from a local employer reaches the mission's overseas employment council; Team Korea matches and interviews candidates, confirms placements and follows them up.",
  approval: "the head of mission",
  relativeTo: "the day the opening closes",
  assignments: [
    {
      key: MATCHING_KEY,
      party: "the HRD Korea office in the country, else the KOTRA office, else the mission",
      duty: DUTY.matching,
      task: "Find and match candidates for the opening.",
      dueInDays: DUE.matching,
    },
    {
      key: "interviews",
      party: "the office of the channel the opening came through, else the mission",
      duty: null,
      task: "Arrange and hold the interviews with the employer.",
      dueInDays: DUE.interviews,
    },
  ],
};

export const openingTitle = (d: JobOpeningPosted) =>
  `Youth placement: ${d.title} at ${d.employer} (${d.positions} position${d.positions === 1 ? "" : "s"}, ${d.country})`;

/** The title in Korean; the post and the employer are named as the opening wrote them. */
export const openingTitleKo = (d: JobOpeningPosted) => `청년 해외취업: ${d.employer} ${d.title} (${d.positions}명, ${d.country})`;

/** Matching and interviews fall before the opening closes, never before the day it was posted. */
export function draftYouthJobPlan(d: JobOpeningPosted, postedOn: string, team: Pick<ResolvedTeam, "mission" | "duties">): Plan {
  const due = (offset: number) => maxDate(addDays(d.closesOn, offset), postedOn);
  const what = `${d.positions} × ${d.title} at ${d.employer}`;
  const whatKo = `${d.employer} ${d.title} ${d.positions}명`;
  const assignments: PlanAssignment[] = [
    {
      key: MATCHING_KEY,
      org: firstHolder(team, DUTY.matching, team.mission),
      task: `Find and match candidates for ${what}; the opening closes on ${d.closesOn}.`,
      taskKo: `${whatKo} 후보자를 찾아 연결합니다. 채용 공고는 ${d.closesOn}에 마감됩니다.`,
      dueOn: due(DUE.matching),
    },
    {
      key: "interviews",
      org: firstHolder(team, DUTY.channel(d.channel), team.mission),
      task: `Arrange the interviews with ${d.employer} for ${what} (opening ${d.openingRef}).`,
      taskKo: `${whatKo} 채용을 위해 ${d.employer}와(과)의 면접을 주선합니다(공고 ${d.openingRef}).`,
      dueOn: due(DUE.interviews),
    },
  ];
  return { assignments };
}

const followUpKey = (days: number, candidateRef: string) => `follow-up-${days}:${candidateRef}`;
export const isFollowUpOf = (key: string, candidateRef: string) => DUE.followUps.some((d) => key === followUpKey(d, candidateRef));

/** Two follow-ups of a placement, for whoever matched the candidate. */
export function followUpsOf(p: JobPlacementConfirmed, employer: string, org: string): PlanAssignment[] {
  return DUE.followUps.map((days) => ({
    key: followUpKey(days, p.candidateRef),
    org,
    task: `Check with candidate ${p.candidateRef} (started at ${employer} on ${p.startsOn}) ${days} days in: still employed, or left?`,
    taskKo: `후보자 ${p.candidateRef}(${p.startsOn} ${employer} 근무 시작)에게 ${days}일째 근황을 확인합니다: 계속 근무 중인지, 퇴사했는지.`,
    dueOn: addDays(p.startsOn, days),
    outcomes: FOLLOW_UP_OUTCOMES,
  }));
}
