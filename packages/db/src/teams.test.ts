/**
 * Teams in a country without a database: the embassy's team and a consulate general's, who is in
 * which, where a duty goes, and the ids their tasks get (the country's keep the ids of old).
 */
import { DIRECTORY_FORMAT, DirectoryFile, TRADE_RESTRICTION_DETECTED, workflowIdOfEvent } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { countryLead, directoryOfFile, planContext, teamLeadOf, teamOf } from "./orgs";

const org = (code: string, kind: "MISSION" | "AGENCY" | "MINISTRY", extra: Record<string, unknown> = {}) => ({
  code,
  kind,
  nameKo: code,
  nameEn: code,
  country: kind === "MINISTRY" ? null : "US",
  timeZone: "America/New_York",
  ...extra,
});

const directory = (changes: Record<string, Record<string, unknown>> = {}) =>
  directoryOfFile(
    DirectoryFile.parse({
      format: DIRECTORY_FORMAT,
      organizations: [
        org("EMB-US", "MISSION", { missionKind: "EMBASSY", leadsTeam: true }),
        org("CG-LA", "MISSION", { missionKind: "CONSULATE_GENERAL", timeZone: "America/Los_Angeles" }),
        org("CG-NY", "MISSION", { missionKind: "CONSULATE_GENERAL" }),
        org("KOTRA-US", "AGENCY", { network: "KOTRA" }),
        org("KOTRA-LA", "AGENCY", { network: "KOTRA", teamLead: "CG-LA" }),
        org("KTO-LA", "AGENCY", { network: "KTO", teamLead: "CG-LA" }),
        org("KCC-US", "AGENCY", { network: "KCC" }),
        org("MOFA", "MINISTRY"),
        org("MOTIE", "MINISTRY"),
      ].map((o) => ({ ...o, ...(changes[o.code] ?? {}) })),
      duties: [
        { duty: "hq", holder: "MOFA", holderKind: "org" },
        { duty: "trade-remedy", holder: "MOTIE", holderKind: "org" },
        { duty: "trade-impact", holder: "KOTRA", holderKind: "network" },
        { duty: "exhibition", holder: "KCC", holderKind: "network" },
      ],
      people: [],
    }),
  );

describe("teams of a country", () => {
  it("the country's team is the embassy with every office no consulate general leads", () => {
    const team = teamOf(directory(), "US");
    expect(team.mission).toBe("EMB-US");
    expect(team.missions[0]).toBe("EMB-US");
    expect(team.agencies.map((a) => a.code)).toEqual(["KCC-US", "KOTRA-US"]);
    expect(team.duties["trade-impact"]).toEqual(["KOTRA-US"]);
    expect(team.hq).toBe("MOFA");
  });

  it("a consulate general's team is it and the offices naming it; a duty its offices lack goes to the country's", () => {
    const team = teamOf(directory(), "US", "CG-LA");
    expect(team.mission).toBe("CG-LA");
    expect(team.missions[0]).toBe("CG-LA");
    expect(team.missions).toContain("EMB-US");
    expect(team.agencies.map((a) => a.code)).toEqual(["KOTRA-LA", "KTO-LA"]);
    expect(team.duties["trade-impact"]).toEqual(["KOTRA-LA"]);
    expect(team.duties.exhibition).toEqual(["KCC-US"]);
    expect(team.duties["trade-remedy"]).toEqual(["MOTIE"]);
    expect(planContext(directory(), "US", "2026-12-03", "CG-LA").mission).toBe("CG-LA");
  });

  it("says which team an organisation's events open tasks in", () => {
    const dir = directory();
    expect(teamLeadOf(dir, "KOTRA-LA", "US")).toBe("CG-LA");
    expect(teamLeadOf(dir, "CG-LA", "US")).toBe("CG-LA");
    expect(teamLeadOf(dir, "CG-NY", "US")).toBe("CG-NY");
    expect(teamLeadOf(dir, "KOTRA-US", "US")).toBeNull();
    expect(teamLeadOf(dir, "EMB-US", "US")).toBeNull();
    expect(teamLeadOf(dir, "MOTIE", "US")).toBeNull();
    expect(teamLeadOf(dir, "KOTRA-LA", "JP")).toBeNull();
    expect(countryLead(dir, "US")?.code).toBe("EMB-US");
  });

  it("an office whose leading mission is closed, elsewhere or the embassy itself is in the country's team", () => {
    const changes: Record<string, Record<string, unknown>>[] = [
      { "CG-LA": { closed: true } },
      { "CG-LA": { country: "CA" } },
      { "KOTRA-LA": { teamLead: "EMB-US" } },
    ];
    for (const lead of changes) {
      const dir = directory(lead);
      expect(teamLeadOf(dir, "KOTRA-LA", "US")).toBeNull();
      expect(teamOf(dir, "US").agencies.map((a) => a.code)).toContain("KOTRA-LA");
    }
  });

  it("a consulate general's task carries it in its id; the country's keep the ids they always had", () => {
    const data = { country: "US", caseRef: "SEC232-2026" };
    expect(workflowIdOfEvent(TRADE_RESTRICTION_DETECTED, data)).toBe("trade-restriction:US:SEC232-2026");
    expect(workflowIdOfEvent(TRADE_RESTRICTION_DETECTED, data, null)).toBe("trade-restriction:US:SEC232-2026");
    expect(workflowIdOfEvent(TRADE_RESTRICTION_DETECTED, data, "CG-LA")).toBe("trade-restriction:US:CG-LA:SEC232-2026");
  });
});
