/** The seed directory is a file the import accepts, and holds what the plan names. */
import { DIRECTORY_FORMAT, DirectoryFile } from "@hub/contracts";
import { directoryOfFile, planImport, teamOf } from "@hub/db";
import { describe, expect, it } from "vitest";
import { SEED_DIRECTORY } from "./directory";

const empty = DirectoryFile.parse({ format: DIRECTORY_FORMAT, organizations: [], duties: [], people: [] });

describe("the seed directory", () => {
  it("imports into an empty directory with no problem", () => {
    const plan = planImport(SEED_DIRECTORY, empty, { today: "2026-12-03", closeMissing: false });
    expect(plan.ok ? [] : plan.issues).toEqual([]);
  });

  it("has consulates general leading their own teams in Los Angeles, Shanghai and Osaka", () => {
    const dir = directoryOfFile(SEED_DIRECTORY);
    for (const [country, lead] of [
      ["US", "CG-LA"],
      ["CN", "CG-SH"],
      ["JP", "CG-OSAKA"],
    ] as const) {
      const team = teamOf(dir, country, lead);
      expect(team.mission).toBe(lead);
      expect(team.agencies.length, lead).toBeGreaterThanOrEqual(2);
    }
  });

  it("posts two or three people at every organisation", () => {
    const counts = new Map(SEED_DIRECTORY.organizations.map((o) => [o.code, 0]));
    for (const p of SEED_DIRECTORY.people) for (const x of p.postings) if (x.until === null) counts.set(x.org, (counts.get(x.org) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n < 2 || n > 3)).toEqual([]);
  });
});
