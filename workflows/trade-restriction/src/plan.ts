/** The plan template: who does what by when, from the detected restriction. Pure and deterministic. */
import type { Plan, PlanAssignment, TradeRestrictionDetected } from "@hub/contracts";
import { clipText, LIMITS, listWithin } from "@hub/contracts/core";
import { addDays, firstHolder, holders, type KindTemplate, maxDate, type ResolvedTeam } from "@hub/joint-task";

const MEASURE_LABEL: Record<TradeRestrictionDetected["measure"], string> = {
  anti_dumping: "Anti-dumping investigation",
  countervailing: "Countervailing-duty investigation",
  safeguard: "Safeguard investigation",
  import_ban: "Import ban",
  quota: "Import quota",
  other: "Import restriction",
};

/** The same measures in Korean, for the Korean texts of the task. */
const MEASURE_LABEL_KO: Record<TradeRestrictionDetected["measure"], string> = {
  anti_dumping: "반덤핑 조사",
  countervailing: "상계관세 조사",
  safeguard: "세이프가드 조사",
  import_ban: "수입 금지",
  quota: "수입 쿼터",
  other: "수입 규제",
};
const andMoreKo = (n: number) => ` 외 ${n}건`;

export const DEFAULT_RESPONSE_DAYS = 14;

/** Directory duties this kind assigns work by. */
export const DUTY = { impact: "trade-impact", remedy: "trade-remedy" } as const;
/** Due dates, in days relative to the comment deadline. */
export const DUE = { impact: -7, remedy: -3, engage: 0 } as const;

export const TEMPLATE: KindTemplate = {
  title: "Trade-restriction response (수입규제 대응)",
  description: "A host authority opens an investigation or a restriction on Korean products; Team Korea assesses, responds and engages.",
  approval: "the head of mission (HQ if the head has not decided in time)",
  relativeTo: `the comment deadline (${DEFAULT_RESPONSE_DAYS} days after detection when none is given)`,
  assignments: [
    {
      key: "impact-{org}",
      party: "every KOTRA trade office in the country",
      duty: DUTY.impact,
      task: "Assess the industry impact and identify the affected Korean companies.",
      dueInDays: DUE.impact,
    },
    {
      key: "trade-remedy",
      party: "the trade ministry",
      duty: DUTY.remedy,
      task: "Run the trade-remedy response and offer legal advisory to the affected companies.",
      dueInDays: DUE.remedy,
    },
    {
      key: "engage-authority",
      party: "the mission",
      task: "Engage the authority and submit Korea's position before the comment deadline.",
      dueInDays: DUE.engage,
    },
  ],
};

/** Room for the first product in a title: the measure, "and N more", the authority and the country take at most 260. */
const TITLE_PRODUCT_MAX = LIMITS.taskTitle - LIMITS.name - 60;

export function taskTitle(d: TradeRestrictionDetected): string {
  const first = clipText(d.products[0]?.description ?? "Korean products", TITLE_PRODUCT_MAX);
  const more = d.products.length > 1 ? ` and ${d.products.length - 1} more` : "";
  return `${MEASURE_LABEL[d.measure]}: ${first}${more} — ${d.authority} (${d.country})`;
}

/** The title in Korean; the products and the authority are named as the event wrote them. */
export function taskTitleKo(d: TradeRestrictionDetected): string {
  const first = clipText(d.products[0]?.description ?? "한국산 제품", TITLE_PRODUCT_MAX);
  const more = d.products.length > 1 ? andMoreKo(d.products.length - 1) : "";
  return `${MEASURE_LABEL_KO[d.measure]}: ${first}${more} — ${d.authority} (${d.country})`;
}

/**
 * The trade offices (KOTRA) assess impact a week before the comment deadline, the trade ministry
 * prepares the trade-remedy response three days before it, and the mission engages the
 * authority by the deadline itself. No due date falls before the day the restriction was detected.
 */
export function draftTradeRestrictionPlan(d: TradeRestrictionDetected, detectedOn: string, team: Pick<ResolvedTeam, "mission" | "duties">): Plan {
  const deadline = maxDate(d.commentDeadline ?? addDays(detectedOn, DEFAULT_RESPONSE_DAYS), detectedOn);
  const due = (offset: number) => maxDate(addDays(deadline, offset), detectedOn);
  const measure = MEASURE_LABEL[d.measure].toLowerCase();
  const impactTask = (products: string) => `Assess the industry impact of the ${measure} on ${products} and identify the affected Korean companies.`;
  const impactTaskKo = (products: string) => `${products}에 대한 ${MEASURE_LABEL_KO[d.measure]}의 산업 영향을 평가하고 피해 한국 기업을 파악합니다.`;
  // As many products as the task's limit leaves room for; "and N more" names the count of the rest.
  const named = d.products.map((p) => `${p.description} (HS ${p.hsCode})`);
  const products = listWithin(named, LIMITS.assignmentTask - impactTask("").length);
  const productsKo = listWithin(named, LIMITS.assignmentTask - impactTaskKo("").length, andMoreKo);
  const remedy = holders(team, DUTY.remedy).length > 0 ? firstHolder(team, DUTY.remedy, team.mission) : null;
  const assignments: PlanAssignment[] = [
    ...holders(team, DUTY.impact).map((org) => ({
      key: `impact-${org}`,
      org,
      task: impactTask(products),
      taskKo: impactTaskKo(productsKo),
      dueOn: due(DUE.impact),
    })),
    ...(remedy
      ? [
          {
            key: "trade-remedy",
            org: remedy,
            task: `Run the trade-remedy response to case ${d.caseRef} and offer legal advisory to the affected companies.`,
            taskKo: `${d.caseRef} 건의 무역구제 대응을 진행하고 피해 기업에 법률 자문을 제공합니다.`,
            dueOn: due(DUE.remedy),
          },
        ]
      : []),
    {
      key: "engage-authority",
      org: team.mission,
      task: `Engage ${d.authority} on case ${d.caseRef} and submit Korea's position before the comment deadline (${deadline}).`,
      taskKo: `${d.authority}와(과) ${d.caseRef} 건을 협의하고 의견 제출 기한(${deadline}) 전에 한국 정부 입장을 제출합니다.`,
      dueOn: due(DUE.engage),
    },
  ];
  return { assignments };
}
