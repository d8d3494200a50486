import type { PlanSubmitted } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { missionPlan } from "./kind";
import { draftMissionPlan } from "./plan";

const submitted: PlanSubmitted = {
  country: "CN",
  planRef: "P-1",
  title: "3·1운동 100주년 기념식",
  summary: "s",
  assignments: [
    { org: "EMB-CN", task: "Ceremony", dueOn: "2027-03-01" },
    { org: "KCC-CN", task: "Exhibition", dueOn: "2027-02-27" },
  ],
  informed: ["MPVA"],
};

describe("mission plan", () => {
  it("numbers the mission's assignments and keeps its informed organisations and budget", () => {
    expect(draftMissionPlan(submitted)).toEqual({
      assignments: [
        { key: "assignment-1", org: "EMB-CN", task: "Ceremony", dueOn: "2027-03-01" },
        { key: "assignment-2", org: "KCC-CN", task: "Exhibition", dueOn: "2027-02-27" },
      ],
      informed: ["MPVA"],
    });
    expect(draftMissionPlan({ ...submitted, informed: [], budgetKrw: 5 }).budgetKrw).toBe(5);
  });

  it("refuses an informed organisation that also has an assignment", () => {
    const issues = missionPlan.checkStart?.({ ...submitted, informed: ["KCC-CN"] }, { country: "CN", today: "2026-11-25", participants: null }) ?? [];
    expect(issues).toEqual([{ path: "data.informed.0", message: "KCC-CN has an assignment; informed organisations have none" }]);
  });
});
