import { DirectoryFile, type DirectoryFileInput } from "@hub/contracts";
import { directoryOfFile } from "@hub/db";
import { describe, expect, it } from "vitest";
import { statusOf, who } from "./access-fixtures";
import { directoryScopeFor, dutiesOfOrg, teamOfOrg } from "./directory-scope";

const org = (code: string, kind: "MISSION" | "AGENCY" | "MINISTRY", more: Record<string, unknown> = {}) => ({
  code,
  kind,
  nameKo: code,
  nameEn: code,
  country: kind === "MINISTRY" ? null : "US",
  timeZone: "America/New_York",
  ...more,
});
const file: DirectoryFileInput = {
  format: "team-korea-hub/directory@1",
  organizations: [
    org("EMB-US", "MISSION", { missionKind: "EMBASSY", leadsTeam: true, network: "MOFA" }),
    org("CG-LA", "MISSION", { missionKind: "CONSULATE_GENERAL", network: "MOFA" }),
    org("CG-OLD", "MISSION", { missionKind: "CONSULATE_GENERAL", closed: true }),
    org("KOTRA-US", "AGENCY", { network: "KOTRA" }),
    org("KOTRA-LA", "AGENCY", { network: "KOTRA", teamLead: "CG-LA" }),
    org("KTO-LA", "AGENCY", { network: "KTO", teamLead: "CG-LA" }),
    org("MOFA", "MINISTRY"),
  ],
  duties: [
    { duty: "trade-impact", holder: "KOTRA", holderKind: "network" },
    { duty: "hq", holder: "MOFA", holderKind: "org" },
    { duty: "exhibitions", holder: "KOTRA", holderKind: "network", rank: 2 },
  ],
  people: [],
};
const dir = directoryOfFile(DirectoryFile.parse(file));

describe("what of the directory a caller reads on its pages", () => {
  it("gives administrators and HQ reviewers everything", () => {
    expect(directoryScopeFor(who("ADMIN", "MOFA", "MINISTRY", null), dir)).toBeNull();
    expect(directoryScopeFor(who("HQ_REVIEWER", "MOFA", "MINISTRY", null), dir)).toBeNull();
  });
  it("gives a head of mission their own team: the embassy's leaves out the consulate general's offices", () => {
    expect(directoryScopeFor(who("MISSION_HEAD", "EMB-US", "MISSION", "US"), dir)).toEqual(new Set(["EMB-US", "KOTRA-US"]));
    expect(directoryScopeFor(who("MISSION_HEAD", "CG-LA", "MISSION", "US"), dir)).toEqual(new Set(["CG-LA", "KOTRA-LA", "KTO-LA"]));
  });
  it("refuses everyone else with a 403", () => {
    for (const p of [who("MISSION_STAFF", "EMB-US", "MISSION", "US"), who("AGENCY_STAFF", "KOTRA-US", "AGENCY", "US")]) {
      expect(statusOf(() => directoryScopeFor(p, dir))).toBe(403);
    }
  });
  it("names the team each organisation is in", () => {
    expect(teamOfOrg(dir, "EMB-US")).toEqual({ lead: "EMB-US", offices: ["KOTRA-US"] });
    expect(teamOfOrg(dir, "KTO-LA")).toEqual({ lead: "CG-LA", offices: ["KOTRA-LA", "KTO-LA"] });
    expect(teamOfOrg(dir, "KOTRA-US")).toEqual({ lead: "EMB-US", offices: ["KOTRA-US"] });
    expect(teamOfOrg(dir, "CG-OLD")).toBeNull();
    expect(teamOfOrg(dir, "MOFA")).toBeNull();
  });
  it("lists the duties an organisation holds by name or through its network", () => {
    expect(dutiesOfOrg(dir, "KOTRA-LA")).toEqual([
      { duty: "exhibitions", rank: 2, holderKind: "network" },
      { duty: "trade-impact", rank: 1, holderKind: "network" },
    ]);
    expect(dutiesOfOrg(dir, "MOFA")).toEqual([{ duty: "hq", rank: 1, holderKind: "org" }]);
    expect(dutiesOfOrg(dir, "EMB-US")).toEqual([]);
  });
});
