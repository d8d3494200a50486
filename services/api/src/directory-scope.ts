/**
 * What of the directory a caller may read on its pages (GET /v1/directory/…): administrators and
 * HQ reviewers all of it; a head of mission their own team — their mission and, when it leads a
 * team, that team's offices; nobody else (403). Pure, over the directory as loaded.
 */
import type { OrgDetail, OrgDuty, Principal } from "@hub/contracts";
import { countryLead, type Directory, teamLeadOf, teamOf } from "@hub/db";
import { forbidden } from "./errors";

/** The team a mission leads: itself and its offices; null when it leads none (closed, or not a mission). */
function teamLedBy(dir: Directory, code: string): { lead: string; offices: string[] } | null {
  const o = dir.orgs.get(code);
  if (o?.kind !== "MISSION" || o.closed || !o.country) return null;
  const team = teamOf(dir, o.country, code);
  return team.mission === code ? { lead: code, offices: team.agencies.map((a) => a.code) } : null;
}

/** The team an organisation is in (OrgDetail.team). */
export function teamOfOrg(dir: Directory, code: string): OrgDetail["team"] {
  const o = dir.orgs.get(code);
  if (!o?.country) return null;
  if (o.kind === "MISSION") return teamLedBy(dir, code);
  if (o.kind !== "AGENCY") return null;
  const lead = teamLeadOf(dir, code, o.country) ?? countryLead(dir, o.country)?.code;
  return lead ? teamLedBy(dir, lead) : null;
}

/**
 * The organisations whose people and details a caller reads: null for everyone (administrators,
 * HQ reviewers); a head of mission's team; anyone else is refused with a sentence.
 */
export function directoryScopeFor(p: Principal, dir: Directory): Set<string> | null {
  if (p.role === "ADMIN" || p.role === "HQ_REVIEWER") return null;
  if (p.role !== "MISSION_HEAD") throw forbidden("The directory's pages are for administrators, HQ reviewers and heads of mission");
  const team = teamLedBy(dir, p.orgCode);
  return new Set([p.orgCode, ...(team?.offices ?? [])]);
}

/** The duties an organisation holds, itself by name or through its network, lower rank first. */
export function dutiesOfOrg(dir: Directory, code: string): OrgDuty[] {
  const o = dir.orgs.get(code);
  if (!o) return [];
  return dir.duties
    .filter((d) => (d.holderKind === "org" ? d.holder === code : o.network !== null && d.holder === o.network))
    .map((d) => ({ duty: d.duty, rank: d.rank, holderKind: d.holderKind === "org" ? ("org" as const) : ("network" as const) }))
    .sort((a, b) => (a.duty < b.duty ? -1 : a.duty > b.duty ? 1 : a.rank - b.rank));
}
