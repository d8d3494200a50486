import type { Org, Principal } from "@hub/contracts";
import type { Db } from "./client";

type OrgRow = { code: string; kind: Org["kind"]; nameKo: string; nameEn: string; country: string | null; network: string | null };
const toOrg = (o: OrgRow): Org => ({ code: o.code, kind: o.kind, nameKo: o.nameKo, nameEn: o.nameEn, country: o.country, network: o.network });

export async function listOrgs(db: Db): Promise<Org[]> {
  const rows = await db.organization.findMany({ orderBy: [{ kind: "asc" }, { code: "asc" }] });
  return rows.map(toOrg);
}

export async function findUserByEmail(db: Db, email: string) {
  const u = await db.user.findUnique({ where: { email: email.toLowerCase() }, include: { org: true } });
  return u ? { id: u.id, email: u.email, name: u.name, role: u.role, org: toOrg(u.org) } : null;
}

export async function principalFor(db: Db, userId: string): Promise<Principal | null> {
  const u = await db.user.findUnique({ where: { id: userId }, include: { org: true } });
  if (!u) return null;
  return { userId: u.id, email: u.email, role: u.role, orgCode: u.orgCode, orgKind: u.org.kind, orgCountry: u.org.country };
}

export interface CountryTeam {
  country: string;
  mission: string | null;
  agencies: { code: string; network: string | null }[];
}

/** The Team Korea of a country: its leading mission and the agency offices stationed there. */
export async function countryTeam(db: Db, country: string): Promise<CountryTeam> {
  const orgs = await db.organization.findMany({ where: { country }, orderBy: { code: "asc" } });
  // An embassy leads; a permanent mission (e.g. to ASEAN) only where no embassy is seeded.
  const missions = orgs.filter((o) => o.kind === "MISSION").sort((a, b) => rankMission(a.code) - rankMission(b.code));
  return {
    country,
    mission: missions[0]?.code ?? null,
    agencies: orgs.filter((o) => o.kind === "AGENCY").map((o) => ({ code: o.code, network: o.network })),
  };
}

const rankMission = (code: string) => (code.startsWith("EMB-") ? 0 : 1);
