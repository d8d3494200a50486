/** Who reads and edits a mission's duty rota (access.ts, assertMayUseRota). */
import { describe, expect, it } from "vitest";
import { assertMayUseRota } from "./access";
import { statusOf, who } from "./access-fixtures";

const headTh = who("MISSION_HEAD", "EMB-TH", "MISSION", "TH");
const staffTh = who("MISSION_STAFF", "EMB-TH", "MISSION", "TH");
const headJp = who("MISSION_HEAD", "EMB-JP", "MISSION", "JP");
const kotraTh = who("AGENCY_STAFF", "KOTRA-TH", "AGENCY", "TH");
const motie = who("AGENCY_STAFF", "MOTIE", "MINISTRY", null);
const hq = who("HQ_REVIEWER", "MOFA", "MINISTRY", null);
const admin = who("ADMIN", "MOFA", "MINISTRY", null);

describe("assertMayUseRota", () => {
  it("lets the mission's head and staff read and edit their own rota", () => {
    for (const p of [headTh, staffTh])
      for (const mode of ["read", "edit"] as const) expect(statusOf(() => assertMayUseRota(p, "EMB-TH", mode))).toBe(200);
  });
  it("answers another mission's rota with the 404 of a code that is no mission", () => {
    expect(statusOf(() => assertMayUseRota(headJp, "EMB-TH", "read"))).toBe(404);
    expect(statusOf(() => assertMayUseRota(staffTh, "EMB-JP", "edit"))).toBe(404);
    expect(() => assertMayUseRota(headJp, "EMB-TH", "read")).toThrow("No duty rota for EMB-TH");
  });
  it("lets HQ reviewers and administrators read every rota and edit none", () => {
    for (const p of [hq, admin]) {
      expect(statusOf(() => assertMayUseRota(p, "EMB-TH", "read"))).toBe(200);
      expect(statusOf(() => assertMayUseRota(p, "EMB-TH", "edit"))).toBe(403);
    }
  });
  it("refuses agency staff and ministries with 403, own country or not", () => {
    for (const p of [kotraTh, motie])
      for (const mode of ["read", "edit"] as const) expect(statusOf(() => assertMayUseRota(p, "EMB-TH", mode))).toBe(403);
  });
});
