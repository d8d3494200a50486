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
});
export type PlanSubmitted = z.infer<typeof PlanSubmitted>;
