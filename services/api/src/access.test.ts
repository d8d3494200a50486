import { describe, expect, it } from "vitest";
import {
  assertMayActOnAssignment,
  assertMayCancel,
  assertMayDecide,
  assertMayPublish,
  assertMayReadDeadLetters,
  assertMayRevoke,
  assertMaySeeApprovals,
  assertMaySubmitPlan,
  maySeeApproval,
  maySeeDeadLetters,
  maySeeDelegation,
  unseen,
} from "./access";
import { statusOf, who } from "./access-fixtures";
import { HttpError } from "./errors";

const headUs = who("MISSION_HEAD", "EMB-US", "MISSION", "US");
const staffUs = who("MISSION_STAFF", "EMB-US", "MISSION", "US");
const headJp = who("MISSION_HEAD", "EMB-JP", "MISSION", "JP");
const staffJp = who("MISSION_STAFF", "EMB-JP", "MISSION", "JP");
const kotraUs = who("AGENCY_STAFF", "KOTRA-US", "AGENCY", "US");
const hq = who("HQ_REVIEWER", "MOFA", "MINISTRY", null);
const moel = who("AGENCY_STAFF", "MOEL", "MINISTRY", null);
const motie = who("AGENCY_STAFF", "MOTIE", "MINISTRY", null);
const admin = who("ADMIN", "MOFA", "MINISTRY", null);

const status = statusOf;

describe("access policy", () => {
  it("lets only the mission's head decide, an acting head inside a delegation, and HQ once escalated", () => {
    const pending = { missionCode: "EMB-US", decider: "EMB-US", escalatedAt: null };
    const escalated = { ...pending, escalatedAt: new Date() };
    expect([headUs, staffUs, headJp, kotraUs, hq, admin].map((p) => status(() => assertMayDecide(p, pending, null)))).toEqual([
      200, 403, 403, 403, 403, 403,
    ]);
    expect([headUs, staffUs, headJp, kotraUs, hq, admin].map((p) => status(() => assertMayDecide(p, escalated, null)))).toEqual([
      200, 403, 403, 403, 200, 403,
    ]);
    expect(status(() => assertMayDecide(staffUs, pending, "head.us@x"))).toBe(200);
  });

  it("leaves HQ's step of a chain to HQ alone", () => {
    const hqStep = { missionCode: "EMB-US", decider: "MOFA", escalatedAt: null };
    expect([headUs, staffUs, kotraUs, hq, admin].map((p) => status(() => assertMayDecide(p, hqStep, "head.us@x")))).toEqual([
      403, 403, 403, 200, 403,
    ]);
  });

  it("shows one approval to its mission, HQ and the organisations kept informed; to others it does not exist", () => {
    const a = { missionCode: "EMB-US" };
    expect([headUs, staffUs, headJp, kotraUs, hq, admin].map((p) => maySeeApproval(p, a, false))).toEqual([true, true, false, false, true, false]);
    expect(maySeeApproval(kotraUs, a, true)).toBe(true);
    // Hidden and unknown ids get one answer, which names only the id asked for.
    expect(unseen("approval", "x-1")).toMatchObject({ statusCode: 404, message: "No approval x-1" });
  });

  it("shows a delegation to its mission, HQ and admins; only its own head revokes it", () => {
    const d = { missionCode: "EMB-US" };
    expect([headUs, staffUs, headJp, staffJp, kotraUs, hq, admin].map((p) => maySeeDelegation(p, d))).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect([headUs, staffUs, headJp, hq, admin].map((p) => status(() => assertMayRevoke(p, d)))).toEqual([200, 403, 403, 403, 403]);
  });

  it("lets the mission's head or HQ cancel, and mission people submit plans for their own country", () => {
    expect([headUs, staffUs, headJp, kotraUs, hq, admin].map((p) => status(() => assertMayCancel(p, "EMB-US")))).toEqual([
      200, 403, 403, 403, 200, 403,
    ]);
    expect([headUs, staffUs, headJp, kotraUs, hq].map((p) => status(() => assertMaySubmitPlan(p, "US")))).toEqual([200, 200, 403, 403, 403]);
  });

  it("applies each event type's publishing rule", () => {
    const event = (source: string, country: string) => ({ source, type: "t", data: { country } }) as never;
    const jobs = { scope: "country-team", ministries: { duty: "jobs-ministry" } } as const;
    const mission = { scope: "mission", ministries: "none" } as const;
    expect(status(() => assertMayPublish(kotraUs, event("KOTRA-US", "US"), jobs, []))).toBe(200);
    expect(status(() => assertMayPublish(moel, event("MOEL", "VN"), jobs, ["jobs-ministry"]))).toBe(200);
    expect(status(() => assertMayPublish(motie, event("MOTIE", "VN"), jobs, ["trade-remedy"]))).toBe(403);
    expect(status(() => assertMayPublish(staffUs, event("EMB-US", "US"), mission, []))).toBe(200);
    expect(status(() => assertMayPublish(kotraUs, event("KOTRA-US", "US"), mission, []))).toBe(403);
    expect(status(() => assertMayPublish(staffUs, event("EMB-US", "JP"), mission, []))).toBe(403);
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
    expect([headUs, kotraUs, hq, admin].map(maySeeDeadLetters)).toEqual([false, false, true, true]);
    expect(new HttpError(403, "x")).toBeInstanceOf(Error);
  });
});
