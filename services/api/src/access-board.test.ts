/** Who reads which country's Team Korea board, and the overview across missions (access.ts). */
import { describe, expect, it } from "vitest";
import { assertMaySeeOverview, boardCountryFor } from "./access";
import { statusOf, who } from "./access-fixtures";

const headHu = who("MISSION_HEAD", "EMB-HU", "MISSION", "HU");
const staffHu = who("MISSION_STAFF", "EMB-HU", "MISSION", "HU");
const kccJp = who("AGENCY_STAFF", "KCC-JP", "AGENCY", "JP");
const motie = who("AGENCY_STAFF", "MOTIE", "MINISTRY", null);
const hq = who("HQ_REVIEWER", "MOFA", "MINISTRY", null);
const admin = who("ADMIN", "MOFA", "MINISTRY", null);

describe("boardCountryFor", () => {
  it("gives a country's own people their country, named or not", () => {
    for (const p of [headHu, staffHu]) {
      expect(boardCountryFor(p, undefined)).toBe("HU");
      expect(boardCountryFor(p, "HU")).toBe("HU");
    }
    expect(boardCountryFor(kccJp, undefined)).toBe("JP");
  });

  it("answers another country's board with the 404 a country without a team gets", () => {
    expect(statusOf(() => boardCountryFor(headHu, "JP"))).toBe(404);
    expect(statusOf(() => boardCountryFor(kccJp, "HU"))).toBe(404);
    expect(() => boardCountryFor(headHu, "JP")).toThrow("No Team Korea board for JP");
  });

  it("lets HQ and admins read any country, once they name it", () => {
    for (const p of [hq, admin]) {
      expect(boardCountryFor(p, "HU")).toBe("HU");
      expect(statusOf(() => boardCountryFor(p, undefined))).toBe(400);
    }
  });

  it("refuses ministries at home, which belong to no country's team", () => {
    expect(statusOf(() => boardCountryFor(motie, undefined))).toBe(403);
    expect(statusOf(() => boardCountryFor(motie, "HU"))).toBe(403);
  });
});

describe("assertMaySeeOverview", () => {
  it("is HQ's and admins' only", () => {
    expect([hq, admin, headHu, staffHu, kccJp, motie].map((p) => statusOf(() => assertMaySeeOverview(p)))).toEqual([200, 200, 403, 403, 403, 403]);
  });
});
