/**
 * The directory: organisations, people and duties. Which mission leads a country, who is HQ,
 * which ministry answers which kind and which office matches candidates are rows here, never
 * codes in logic.
 */
import type { DirectoryFile, MissionKind, Org, OrgKind, Principal, Role } from "@hub/contracts";
import { type Queryable, sql } from "./client";

type OrgRow = {
  code: string;
  kind: OrgKind;
  name_ko: string;
  name_en: string;
  country: string | null;
  network: string | null;
  mission_kind: MissionKind | null;
  time_zone: string;
  closed: boolean;
  team_lead: string | null;
};
const ORG_COLUMNS = sql`o.code, o.kind, o.name_ko, o.name_en, o.country, o.network, o.mission_kind, o.time_zone, o.closed, o.team_lead`;
export const toOrg = (o: OrgRow): Org => ({
  code: o.code,
  kind: o.kind,
  nameKo: o.name_ko,
  nameEn: o.name_en,
  country: o.country?.trim() ?? null,
  network: o.network,
  missionKind: o.mission_kind,
  timeZone: o.time_zone,
  closed: o.closed,
  teamLead: o.team_lead,
});

export async function listOrgs(db: Queryable): Promise<Org[]> {
  const rows = await db.query<OrgRow>(sql`SELECT ${ORG_COLUMNS} FROM organizations o ORDER BY o.kind, o.code`);
  return rows.map(toOrg);
}

export async function findOrg(db: Queryable, code: string): Promise<Org | null> {
  const o = await db.one<OrgRow>(sql`SELECT ${ORG_COLUMNS} FROM organizations o WHERE o.code = ${code}`);
  return o && toOrg(o);
}

type UserOrgRow = OrgRow & { id: string; email: string; name: string; role: Role };

/**
 * An active person with a posting current today, as that posting makes them (people_now, in the
 * migration 20261202100000_directory); null for anyone else.
 */
export async function findUserByEmail(db: Queryable, email: string) {
  const u = await db.one<UserOrgRow>(sql`
    SELECT u.id, u.email, u.name, u.role, ${ORG_COLUMNS}
    FROM people_now u JOIN organizations o ON o.code = u.org_code WHERE u.email = ${email.toLowerCase()}`);
  return u ? { id: u.id, email: u.email, name: u.name, role: u.role, org: toOrg(u) } : null;
}

/**
 * Why someone the directory holds may not sign in today (inactive, or no current posting), in a
 * sentence; null when they may, or when the directory does not hold them at all.
 */
export async function signInRefusal(db: Queryable, by: { email: string } | { id: string }): Promise<string | null> {
  const who = "email" in by ? sql`u.email = ${by.email.toLowerCase()}` : sql`u.id = ${by.id}::uuid`;
  const u = await db.one<{ active: boolean; current: boolean }>(sql`
    SELECT u.active, EXISTS (SELECT 1 FROM people_now n WHERE n.id = u.id) AS current FROM users u WHERE ${who}`);
  if (!u) return null;
  if (!u.active) return "This account has been deactivated: ask your organisation's hub administrator";
  if (!u.current) return "This account has no posting today: ask your organisation's hub administrator";
  return null;
}

/** Every account with a posting today, with its organisation, for the development sign-in page (GET /v1/auth/dev-accounts). */
export async function listAccounts(db: Queryable) {
  const rows = await db.query<UserOrgRow>(sql`
    SELECT u.id, u.email, u.name, u.role, ${ORG_COLUMNS}
    FROM people_now u JOIN organizations o ON o.code = u.org_code ORDER BY o.kind, o.code, u.role, u.email`);
  return rows.map((u) => ({ email: u.email, name: u.name, role: u.role, org: toOrg(u) }));
}

/** The staff of one organisation with one role today, by name: whom a head may name acting head (GET /v1/delegations/candidates). */
export async function listMembers(db: Queryable, orgCode: string, role: Role): Promise<{ email: string; name: string }[]> {
  return db.query<{ email: string; name: string }>(
    sql`SELECT email, name FROM people_now WHERE org_code = ${orgCode} AND role = ${role}::"Role" ORDER BY name, email`,
  );
}

/**
 * The principal a token's person is today: one query on the person's id (the postings' index on
 * person and start), so a deactivation or an ended posting takes effect on the very next request.
 */
export async function principalFor(db: Queryable, userId: string): Promise<Principal | null> {
  const u = await db.one<{ id: string; email: string; role: Role; org_code: string; kind: OrgKind; country: string | null }>(sql`
    SELECT u.id, u.email, u.role, u.org_code, o.kind, o.country
    FROM people_now u JOIN organizations o ON o.code = u.org_code WHERE u.id = ${userId}::uuid`);
  if (!u) return null;
  return { userId: u.id, email: u.email, role: u.role, orgCode: u.org_code, orgKind: u.kind, orgCountry: u.country?.trim() ?? null };
}

export interface DirectoryOrg {
  code: string;
  kind: OrgKind;
  country: string | null;
  network: string | null;
  missionKind: MissionKind | null;
  leadsTeam: boolean;
  /** An agency office's leading mission when that is not its country's (a consulate general). */
  teamLead: string | null;
  /** Closed: keeps its history, takes no new work (no duties, no place in a team, leads nothing). */
  closed: boolean;
  timeZone: string;
}

export interface DutyRow {
  duty: string;
  holder: string;
  holderKind: string;
  rank: number;
}

export interface Directory {
  orgs: Map<string, DirectoryOrg>;
  duties: DutyRow[];
}

/** A directory file as `loadDirectory` would read it once imported (the seeds, a test's own directory). */
export function directoryOfFile(file: Pick<DirectoryFile, "organizations" | "duties">): Directory {
  return {
    orgs: new Map(
      // In code order, as loadDirectory reads them.
      [...file.organizations]
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .map((o) => [
          o.code,
          {
            code: o.code,
            kind: o.kind,
            country: o.country,
            network: o.network,
            missionKind: o.missionKind,
            leadsTeam: o.leadsTeam,
            teamLead: o.teamLead,
            closed: o.closed,
            timeZone: o.timeZone,
          },
        ]),
    ),
    duties: file.duties,
  };
}

export async function loadDirectory(db: Queryable): Promise<Directory> {
  const [orgs, duties] = await Promise.all([
    db.query<{
      code: string;
      kind: OrgKind;
      country: string | null;
      network: string | null;
      mission_kind: MissionKind | null;
      leads_team: boolean;
      team_lead: string | null;
      closed: boolean;
      time_zone: string;
    }>(sql`SELECT code, kind, country, network, mission_kind, leads_team, team_lead, closed, time_zone FROM organizations ORDER BY code`),
    db.query<{ duty: string; holder: string; holder_kind: string; rank: number }>(
      sql`SELECT duty, holder, holder_kind, rank FROM duties ORDER BY duty, rank, holder`,
    ),
  ]);
  return {
    orgs: new Map(
      orgs.map((o) => [
        o.code,
        {
          code: o.code,
          kind: o.kind,
          network: o.network,
          missionKind: o.mission_kind,
          leadsTeam: o.leads_team,
          teamLead: o.team_lead,
          country: o.country?.trim() ?? null,
          closed: o.closed,
          timeZone: o.time_zone,
        },
      ]),
    ),
    duties: duties.map((d) => ({ duty: d.duty, holder: d.holder, holderKind: d.holder_kind, rank: d.rank })),
  };
}

/** The organisations that hold a duty for a country: a ministry named by code, or the country's offices of a network. */
export function dutyHolders(dir: Directory, duty: string, country: string | null): string[] {
  return dir.duties
    .filter((d) => d.duty === duty)
    .flatMap((d) => {
      if (d.holderKind === "org") return dir.orgs.get(d.holder)?.closed === false ? [d.holder] : [];
      return openOrgs(dir)
        .filter((o) => o.network === d.holder && o.country !== null && o.country === country)
        .map((o) => o.code);
    });
}

/** The duties an organisation holds, itself or through its network. */
export function dutiesOf(dir: Directory, code: string): string[] {
  const org = dir.orgs.get(code);
  if (!org) return [];
  return [...new Set(dir.duties.filter((d) => (d.holderKind === "org" ? d.holder === code : d.holder === org.network)).map((d) => d.duty))];
}

/** The organisations that take new work: a closed one keeps its history only. */
const openOrgs = (dir: Directory) => [...dir.orgs.values()].filter((o) => !o.closed);

/** The organisation that reviews for headquarters. */
export const hqOf = (dir: Directory): string | null => dutyHolders(dir, "hq", null)[0] ?? null;

export interface CountryTeam {
  country: string;
  /** The team's leading mission: the country's (its embassy), or a consulate general for its own team. */
  mission: string | null;
  /** Every mission in the country, the team's leading one first. */
  missions: string[];
  /** The team's offices. */
  agencies: { code: string; network: string | null }[];
  /** Who may take part in the country's tasks: its own organisations and the ministries at home, HQ excepted. */
  participants: string[];
  hq: string | null;
  duties: Record<string, string[]>;
}

/** The mission that leads a country's Team Korea: the one marked so, else its first mission. */
export function countryLead(dir: Directory, country: string): DirectoryOrg | undefined {
  const missions = openOrgs(dir).filter((o) => o.kind === "MISSION" && o.country === country);
  return missions.find((o) => o.leadsTeam) ?? missions[0];
}

/** An office's leading mission as the directory names it, when that mission is open, in its country, and not the country's lead. */
function namedLead(dir: Directory, o: DirectoryOrg): string | null {
  if (!o.teamLead) return null;
  const lead = dir.orgs.get(o.teamLead);
  if (!lead || lead.closed || lead.kind !== "MISSION" || lead.country !== o.country) return null;
  return lead.code === countryLead(dir, o.country ?? "")?.code ? null : lead.code;
}

/**
 * The team an organisation's events open tasks in, when it is not its country's: an office
 * attached to a consulate general, or a consulate general itself (its jurisdiction is its team,
 * offices or none). Null for the country's team, whose tasks keep their ids of old.
 */
export function teamLeadOf(dir: Directory, source: string, country: string): string | null {
  const o = dir.orgs.get(source);
  if (!o || o.closed || o.country !== country) return null;
  if (o.kind === "AGENCY") return namedLead(dir, o);
  if (o.kind === "MISSION" && o.missionKind === "CONSULATE_GENERAL" && o.code !== countryLead(dir, country)?.code) return o.code;
  return null;
}

/**
 * A Team Korea in a country: its leading mission, its offices, and who holds each duty there.
 * Without `lead`, the country's team (the embassy with every office no consulate general leads);
 * with it, that consulate general's team. A duty a network holds goes to the team's own offices
 * of that network, and to the country's others only when the team has none.
 */
export function teamOf(dir: Directory, country: string, lead?: string | null): CountryTeam {
  const own = openOrgs(dir).filter((o) => o.country === country);
  const missions = own.filter((o) => o.kind === "MISSION");
  const leader = dir.orgs.get(lead ?? "");
  const mission = leader && !leader.closed && leader.kind === "MISSION" && leader.country === country ? leader : countryLead(dir, country);
  const isCountryTeam = mission === countryLead(dir, country);
  const inTeam = (o: DirectoryOrg) => (isCountryTeam ? namedLead(dir, o) === null : namedLead(dir, o) === mission?.code);
  const agencies = own.filter((o) => o.kind === "AGENCY");
  const offices = new Set(agencies.filter(inTeam).map((o) => o.code));
  const hq = hqOf(dir);
  const ministries = openOrgs(dir).filter((o) => o.kind === "MINISTRY" && o.code !== hq);
  const dutyNames = [...new Set(dir.duties.map((d) => d.duty))];
  const teamHolders = (duty: string) => {
    const all = dutyHolders(dir, duty, country);
    const office = (c: string) => dir.orgs.get(c)?.kind === "AGENCY";
    const ours = all.filter((c) => !office(c) || offices.has(c));
    return ours.some(office) || !all.some(office) ? ours : all;
  };
  return {
    country,
    mission: mission?.code ?? null,
    missions: [...(mission ? [mission] : []), ...missions.filter((m) => m !== mission)].map((m) => m.code),
    agencies: agencies.filter((o) => offices.has(o.code)).map((o) => ({ code: o.code, network: o.network })),
    participants: [...own, ...ministries].map((o) => o.code),
    hq,
    duties: Object.fromEntries(dutyNames.map((d) => [d, teamHolders(d)] as const).filter(([, h]) => h.length > 0)),
  };
}

export async function countryTeam(db: Queryable, country: string, lead?: string | null): Promise<CountryTeam> {
  return teamOf(await loadDirectory(db), country, lead);
}

/** What the plan rules need to judge a plan for a country's team (the kernel's PlanContext). */
export function planContext(dir: Directory, country: string, today: string, lead?: string | null) {
  const team = teamOf(dir, country, lead);
  return { country, today, participants: new Set(team.participants), known: new Set(dir.orgs.keys()), mission: team.mission ?? undefined };
}
