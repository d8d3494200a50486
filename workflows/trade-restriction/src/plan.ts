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
  // As many products as the task's limit leaves room for; "and N more" names the count of the rest.
  const products = listWithin(
    d.products.map((p) => `${p.description} (HS ${p.hsCode})`),
    LIMITS.assignmentTask - impactTask("").length,
  );
  const remedy = holders(team, DUTY.remedy).length > 0 ? firstHolder(team, DUTY.remedy, team.mission) : null;
  const assignments: PlanAssignment[] = [
    ...holders(team, DUTY.impact).map((org) => ({
      key: `impact-${org}`,
      org,
      task: impactTask(products),
      dueOn: due(DUE.impact),
    })),
    ...(remedy
      ? [
          {
            key: "trade-remedy",
            org: remedy,
            task: `Run the trade-remedy response to case ${d.caseRef} and offer legal advisory to the affected companies.`,
            dueOn: due(DUE.remedy),
          },
        ]
      : []),
    {
      key: "engage-authority",
      org: team.mission,
      task: `Engage ${d.authority} on case ${d.caseRef} and submit Korea's position before the comment deadline (${deadline}).`,
      dueOn: due(DUE.engage),
    },
  ];
  return { assignments };
}
