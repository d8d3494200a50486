/** Events of the youth overseas job placement joint task (청년 해외진출 지원). */
import { z } from "zod";
import { BusinessRef, CountryCode, NearDate } from "../common";
import { LIMITS } from "../core";

export const JOB_OPENING_POSTED = "kr.teamkorea.jobs.opening.posted.v1";
export const JOB_PLACEMENT_CONFIRMED = "kr.teamkorea.jobs.placement.confirmed.v1";

/** How the opening reached the hub; the interviews go to that channel's office in the country. */
export const JobChannel = z.enum(["kotra", "hrdkorea", "koica", "mission"]);
export type JobChannel = z.infer<typeof JobChannel>;

export const JobOpeningPosted = z.object({
  country: CountryCode,
  openingRef: BusinessRef,
  employer: z.string().min(1).max(LIMITS.name),
  title: z.string().min(1).max(LIMITS.name),
  positions: z.number().int().min(1).max(100),
  channel: JobChannel,
  closesOn: NearDate,
});
export type JobOpeningPosted = z.infer<typeof JobOpeningPosted>;

export const JobPlacementConfirmed = z.object({
  country: CountryCode,
  openingRef: BusinessRef,
  candidateRef: BusinessRef,
  startsOn: NearDate,
});
export type JobPlacementConfirmed = z.infer<typeof JobPlacementConfirmed>;
