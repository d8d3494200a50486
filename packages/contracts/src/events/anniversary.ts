/** Events of the anniversary and commemoration joint task (기념사업). */
import { z } from "zod";
import { BusinessRef, CountryCode, NearDate, OrgCode } from "../common";
import { LIMITS } from "../core";

export const ANNIVERSARY_PROPOSED = "kr.teamkorea.anniversary.proposed.v1";

/** One organisation's part of a proposed event or plan. */
export const ProposedAssignment = z.object({
  org: OrgCode,
  task: z.string().min(1).max(LIMITS.assignmentTask),
  dueOn: NearDate,
});
export type ProposedAssignment = z.infer<typeof ProposedAssignment>;

export const KrwAmount = z.number().int("must be a whole number of won").min(0).max(1e15);

export const AnniversaryProposed = z.object({
  country: CountryCode,
  eventRef: BusinessRef,
  title: z.string().min(1).max(LIMITS.name),
  occasion: z.string().min(1).max(500),
  date: NearDate,
  budgetKrw: KrwAmount,
  components: z.array(ProposedAssignment).min(1, "needs at least one component").max(LIMITS.proposedAssignments),
});
export type AnniversaryProposed = z.infer<typeof AnniversaryProposed>;
