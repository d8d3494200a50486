import type { JobOpeningPosted } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { draftYouthJobPlan, followUpsOf, isFollowUpOf, openingTitle, openingTitleKo } from "./plan";

const opening: JobOpeningPosted = {
  country: "VN",
  openingRef: "O-1",
  employer: "Bac Ninh plant",
  title: "Engineer",
  positions: 2,
  channel: "koica",
  closesOn: "2026-12-31",
};
const team = { mission: "EMB-VN", duties: { "job-matching": ["HRDK-VN", "KOTRA-VN"], "job-channel:koica": ["KOICA-VN"] } };

describe("youth job template", () => {
  it("matches through the first holder of the duty and interviews through the channel's office, before the opening closes", () => {
    const plan = draftYouthJobPlan(opening, "2026-11-25", team);
    expect(plan.assignments.map((a) => [a.key, a.org, a.dueOn])).toEqual([
      ["candidate-matching", "HRDK-VN", "2026-12-21"],
      ["interviews", "KOICA-VN", "2026-12-28"],
    ]);
  });

  it("falls back to the mission where no office holds the duty, and never dates before posting", () => {
    const plan = draftYouthJobPlan({ ...opening, channel: "kotra", closesOn: "2026-11-26" }, "2026-11-25", { mission: "EMB-HU", duties: {} });
    expect(plan.assignments.map((a) => [a.org, a.dueOn])).toEqual([
      ["EMB-HU", "2026-11-25"],
      ["EMB-HU", "2026-11-25"],
    ]);
  });

  it("follows a placement up at 30 and 90 days, asking for an outcome", () => {
    const f = followUpsOf({ country: "VN", openingRef: "O-1", candidateRef: "C-7", startsOn: "2027-01-10" }, "Bac Ninh plant", "HRDK-VN");
    expect(f.map((a) => [a.key, a.dueOn, a.outcomes])).toEqual([
      ["follow-up-30:C-7", "2027-02-09", ["retained", "left", "unknown"]],
      ["follow-up-90:C-7", "2027-04-10", ["retained", "left", "unknown"]],
    ]);
    expect(isFollowUpOf("follow-up-90:C-7", "C-7")).toBe(true);
    expect(isFollowUpOf("follow-up-90:C-77", "C-7")).toBe(false);
    expect(openingTitle(opening)).toBe("Youth placement: Engineer at Bac Ninh plant (2 positions, VN)");
  });

  it("writes the title, the tasks and the follow-ups in Korean too", () => {
    expect(openingTitleKo(opening)).toBe("청년 해외취업: Bac Ninh plant Engineer (2명, VN)");
    expect(draftYouthJobPlan(opening, "2026-11-25", team).assignments.map((a) => a.taskKo)).toEqual([
      "Bac Ninh plant Engineer 2명 후보자를 찾아 연결합니다. 채용 공고는 2026-12-31에 마감됩니다.",
      "Bac Ninh plant Engineer 2명 채용을 위해 Bac Ninh plant와(과)의 면접을 주선합니다(공고 O-1).",
    ]);
    const f = followUpsOf({ country: "VN", openingRef: "O-1", candidateRef: "C-7", startsOn: "2027-01-10" }, "Bac Ninh plant", "HRDK-VN");
    expect(f[0]?.taskKo).toBe("후보자 C-7(2027-01-10 Bac Ninh plant 근무 시작)에게 30일째 근황을 확인합니다: 계속 근무 중인지, 퇴사했는지.");
  });
});
