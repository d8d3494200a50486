/**
 * What the directory's pages read beyond the admin routes (services/api/src/routes/directory-reads.ts):
 * one organisation with its duties and its team, and the people a caller may see — everyone for
 * administrators and HQ reviewers, the people of their own team for a head of mission. Kept apart
 * from directory.ts because it builds on `Org` (http.ts), which itself reads directory.ts.
 */
import { z } from "zod";
import { OrgCode } from "./common";
import { PeopleQuery } from "./directory";
import { Org } from "./http";

export const OrgDuty = z.object({
  duty: z.string(),
  /** Lower is preferred where several hold the duty. */
  rank: z.number().int(),
  /** `org`: held by this organisation by name; `network`: by every office of its network in the task's country. */
  holderKind: z.enum(["org", "network"]),
});
export type OrgDuty = z.infer<typeof OrgDuty>;

export const OrgDetail = Org.extend({
  /** The mission that leads its country's Team Korea. */
  leadsTeam: z.boolean(),
  duties: z.array(OrgDuty),
  /**
   * The team the organisation is in: its leading mission and that team's offices (a mission that
   * leads a team: itself; an agency office: the mission whose team it is in). Null for ministries
   * at home and for missions that lead no team (a closed one).
   */
  team: z.object({ lead: z.string(), offices: z.array(z.string()) }).nullable(),
});
export type OrgDetail = z.infer<typeof OrgDetail>;

export const OrgCodeParams = z.object({ code: OrgCode });

/** GET /v1/directory/people: as the admins' listing; `org` narrows to those posted there today. */
export const DirectoryPeopleQuery = PeopleQuery;
