import type { Principal } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { assertMayActOnAssignment, assertMayDecide, assertMayReadDeadLetters, assertMaySeeApprovals } from "./access";
import { HttpError } from "./errors";

const who = (role: Principal["role"], orgCode: string, orgKind: Principal["orgKind"], orgCountry: string | null): Principal => ({
  userId: "u",
  email: `${orgCode}@x`,
  role,
  orgCode,
  orgKind,
  orgCountry,
});
const headUs = who("MISSION_HEAD", "EMB-US", "MISSION", "US");
const staffUs = who("MISSION_STAFF", "EMB-US", "MISSION", "US");
const headJp = who("MISSION_HEAD", "EMB-JP", "MISSION", "JP");
const kotraUs = who("AGENCY_STAFF", "KOTRA-US", "AGENCY", "US");
const hq = who("HQ_REVIEWER", "MOFA", "MINISTRY", null);
const admin = who("ADMIN", "MOFA", "MINISTRY", null);

const status = (f: () => void) => {
  try {
    f();
    return 200;
  } catch (e) {
    return (e as HttpError).statusCode;
  }
};

describe("access policy", () => {
  it("lets only the mission's head decide, and HQ once escalated", () => {
    const pending = { missionCode: "EMB-US", escalatedAt: null };
    const escalated = { missionCode: "EMB-US", escalatedAt: new Date() };
    expect([headUs, staffUs, headJp, kotraUs, hq, admin].map((p) => status(() => assertMayDecide(p, pending)))).toEqual([
      200, 403, 403, 403, 403, 403,
    ]);
    expect([headUs, staffUs, headJp, kotraUs, hq, admin].map((p) => status(() => assertMayDecide(p, escalated)))).toEqual([
      200, 403, 403, 403, 200, 403,
    ]);
  });

  it("shows approvals to mission people and HQ only", () => {
    expect([headUs, staffUs, kotraUs, hq, admin].map((p) => status(() => assertMaySeeApprovals(p)))).toEqual([200, 200, 403, 200, 403]);
  });

  it("lets only the assigned organisation act on an assignment", () => {
    expect([headUs, staffUs, kotraUs, hq, admin].map((p) => status(() => assertMayActOnAssignment(p, { orgCode: "KOTRA-US" })))).toEqual([
      403, 403, 200, 403, 403,
    ]);
    expect(status(() => assertMayActOnAssignment(admin, { orgCode: "MOFA" }))).toBe(403);
  });

  it("keeps dead letters for operators and HQ", () => {
    expect([headUs, kotraUs, hq, admin].map((p) => status(() => assertMayReadDeadLetters(p)))).toEqual([403, 403, 200, 200]);
    expect(new HttpError(403, "x")).toBeInstanceOf(Error);
  });
});
