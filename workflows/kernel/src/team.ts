/**
 * A country's Team Korea as a task sees it: read from the directory once, when the task starts,
 * and kept in the workflow so its rules stay the same for the task's whole life.
 */

export interface Team {
  /** The leading mission (embassy, else a permanent mission); for a mission's own plan, the mission that submitted it. */
  mission: string;
  /** Every mission in the country (the leading one included); tasks recorded before it was read lack it. */
  missions?: string[];
  agencies: { code: string; network: string | null }[];
  /** Every organisation that may take part: the country's own, and the ministries at home (HQ excepted). */
  participants?: string[];
  /** The organisation that reviews for headquarters and decides escalated or high-budget approvals. */
  hq?: string;
  /** Duty → the organisations that hold it for this country, most preferred first (e.g. job-matching). */
  duties?: Record<string, string[]>;
}

/** A team as the kernel uses it: every field present. */
export interface ResolvedTeam extends Required<Team> {
  /** False for tasks started before the directory carried participants: their plans are checked by the API only. */
  checksParticipants: boolean;
}

/**
 * Tasks started before the directory held duties recorded a team with only the mission and the
 * agencies. Their replay must draft the very plan they drafted then, so their duties are the
 * ones that were written in the template at the time. New tasks never take this path.
 */
const LEGACY = {
  hq: "MOFA",
  duties: (agencies: Team["agencies"]): Record<string, string[]> => ({
    "trade-impact": agencies.filter((a) => a.network === "KOTRA").map((a) => a.code),
    "trade-remedy": ["MOTIE"],
  }),
};

export function resolveTeamShape(t: Team): ResolvedTeam {
  return {
    mission: t.mission,
    missions: t.missions ?? [t.mission],
    agencies: t.agencies,
    participants: t.participants ?? [],
    hq: t.hq ?? LEGACY.hq,
    duties: t.duties ?? LEGACY.duties(t.agencies),
    checksParticipants: t.participants !== undefined,
  };
}

/** The organisations holding a duty in this country, most preferred first. */
export const holders = (team: Pick<Required<Team>, "duties">, duty: string): string[] => team.duties[duty] ?? [];

/** The preferred holder of a duty, else the fallback (usually the mission). */
export const firstHolder = (team: Pick<Required<Team>, "duties">, duty: string, fallback: string): string => holders(team, duty)[0] ?? fallback;
