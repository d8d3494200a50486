/** The plan template: who does what by when, from the detected restriction. Pure and deterministic. */
import type { Plan, PlanAssignment, TradeRestrictionDetected } from "@hub/contracts";

export interface Team {
  mission: string;
  agencies: { code: string; network: string | null }[];
}

const MEASURE_LABEL: Record<TradeRestrictionDetected["measure"], string> = {
  anti_dumping: "Anti-dumping investigation",
  countervailing: "Countervailing-duty investigation",
  safeguard: "Safeguard investigation",
  import_ban: "Import ban",
  quota: "Import quota",
  other: "Import restriction",
};

export const DEFAULT_RESPONSE_DAYS = 14;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

export function taskTitle(d: TradeRestrictionDetected): string {
  const first = d.products[0]?.description ?? "Korean products";
  const more = d.products.length > 1 ? ` and ${d.products.length - 1} more` : "";
  return `${MEASURE_LABEL[d.measure]}: ${first}${more} — ${d.authority} (${d.country})`;
}

/**
 * KOTRA offices assess impact a week before the comment deadline, MOTIE prepares the
 * trade-remedy response three days before it, and the mission engages the authority by the
 * deadline itself. No due date falls before the day the restriction was detected.
 */
export function draftTradeRestrictionPlan(d: TradeRestrictionDetected, detectedOn: string, team: Team): Plan {
  const deadline = maxDate(d.commentDeadline ?? addDays(detectedOn, DEFAULT_RESPONSE_DAYS), detectedOn);
  const due = (daysBefore: number) => maxDate(addDays(deadline, -daysBefore), detectedOn);
  const products = d.products.map((p) => `${p.description} (HS ${p.hsCode})`).join(", ");
  const measure = MEASURE_LABEL[d.measure].toLowerCase();
  const assignments: PlanAssignment[] = [
    ...team.agencies
      .filter((a) => a.network === "KOTRA")
      .map((a) => ({
        key: `impact-${a.code}`,
        org: a.code,
        task: `Assess the industry impact of the ${measure} on ${products} and identify the affected Korean companies.`,
        dueOn: due(7),
      })),
    {
      key: "trade-remedy",
      org: "MOTIE",
      task: `Run the trade-remedy response to case ${d.caseRef} and offer legal advisory to the affected companies.`,
      dueOn: due(3),
    },
    {
      key: "engage-authority",
      org: team.mission,
      task: `Engage ${d.authority} on case ${d.caseRef} and submit Korea's position before the comment deadline (${deadline}).`,
      dueOn: deadline,
    },
  ];
  return { assignments };
}
