import type { AnniversaryProposed } from "@hub/contracts";
import { resolveTeamShape } from "@hub/joint-task";
import { describe, expect, it } from "vitest";
import { anniversary } from "./kind";
import { draftAnniversaryPlan } from "./plan";

const proposed: AnniversaryProposed = {
  country: "SE",
  eventRef: "SE-60",
  title: "한-스웨덴 수교 60주년 기념 리셉션",
  occasion: "60th anniversary",
  date: "2027-01-20",
  budgetKrw: 80_000_000,
  components: [
    { org: "KCC-SE", task: "Exhibition", dueOn: "2027-01-19" },
    { org: "EMB-JP", task: "Wrong country", dueOn: "2027-01-20" },
  ],
};

describe("anniversary template", () => {
  it("turns each component into an assignment and adds the mission's post-event report a week after", () => {
    const plan = draftAnniversaryPlan(proposed, "EMB-SE");
    expect(plan.budgetKrw).toBe(80_000_000);
    expect(plan.assignments.map((a) => [a.key, a.org, a.dueOn])).toEqual([
      ["component-1", "KCC-SE", "2027-01-19"],
      ["component-2", "EMB-JP", "2027-01-20"],
      ["post-event-report", "EMB-SE", "2027-01-27"],
    ]);
    // The mission's own parts are shown as written; the report the template adds is written in Korean too.
    expect(plan.assignments.map((a) => a.taskKo !== undefined)).toEqual([false, false, true]);
    expect(plan.assignments[2]?.taskKo).toMatch(/행사 결과 보고서.*본부에 보냅니다\.$/);
  });

  it("asks HQ after the head above the threshold, and checks components against the country's team", () => {
    const plan = draftAnniversaryPlan(proposed, "EMB-SE");
    expect(anniversary.approvalChain(plan, { hqBudgetThresholdKrw: 50_000_000 })).toEqual(["mission", "hq"]);
    expect(anniversary.approvalChain({ ...plan, budgetKrw: 10 }, { hqBudgetThresholdKrw: 50_000_000 })).toEqual(["mission"]);
    const team = resolveTeamShape({ mission: "EMB-SE", agencies: [], participants: ["EMB-SE", "KCC-SE", "MCST"] });
    const issues = anniversary.checkStart?.(proposed, { country: "SE", today: "2026-11-25", participants: new Set(team.participants) }) ?? [];
    expect(issues.map((i) => i.path)).toEqual(["data.components.1.org"]);
  });
});
