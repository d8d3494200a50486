/** A plan a mission drafts itself (POST /v1/plans), carried as an event like any other. */
import { z } from "zod";
import { BusinessRef, CountryCode, OrgCode } from "../common";
import { LIMITS } from "../core";
import { KrwAmount, ProposedAssignment } from "./anniversary";

export const PLAN_SUBMITTED = "kr.teamkorea.plan.submitted.v1";

export const PlanSubmitted = z.object({
  country: CountryCode,
  planRef: BusinessRef,
  title: z.string().min(1).max(LIMITS.name),
  summary: z.string().min(1).max(LIMITS.summary),
  budgetKrw: KrwAmount.optional(),
  assignments: z.array(ProposedAssignment).min(1, "needs at least one assignment").max(LIMITS.proposedAssignments),
  informed: z.array(OrgCode).max(LIMITS.informed).optional(),
  /**
   * The mission whose plan this is, when it is not the country's leading mission (MSN-ASEAN in
   * Indonesia, where EMB-ID leads). Set by the hub from the submitter, never chosen: it names the
   * task (`mission-plan:ID:MSN-ASEAN:<planRef>`), and that mission's head approves it.
   */
  mission: OrgCode.optional().describe(
    "the submitting mission, when it is not the country's leading one: set by the hub from the submitter (the submitter's own code, or left out)",
  ),
});
export type PlanSubmitted = z.infer<typeof PlanSubmitted>;
