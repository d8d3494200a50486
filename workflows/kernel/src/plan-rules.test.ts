import type { Plan } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { headOnly, headThenHqAboveBudget } from "./approval-rules";
import { addDays } from "./dates";
import { diffPlans, type PlanContext, validatePlan } from "./plan-rules";

const today = "2026-11-25";
const ctx: PlanContext = {
  country: "US",
  today,
  participants: new Set(["EMB-US", "KOTRA-US", "MOTIE", "MOEL"]),
  known: new Set(["EMB-US", "KOTRA-US", "MOTIE", "MOEL", "MOFA", "EMB-JP"]),
  mission: "EMB-US",
};
const a = (key: string, org: string, dueOn = "2026-12-10") => ({ key, org, task: `task ${key}`, dueOn });

describe("validatePlan", () => {
  it("accepts the country's team and the ministries, with sane dates", () => {
    expect(validatePlan({ assignments: [a("a", "EMB-US"), a("b", "KOTRA-US"), a("c", "MOTIE")], informed: ["MOEL"] }, ctx)).toEqual([]);
  });

  it("refuses unknown organisations, HQ, another country's mission, repeated keys and dates out of the window", () => {
    const plan: Plan = {
      assignments: [
        a("a", "EMB-XX"),
        a("b", "MOFA"),
        a("c", "EMB-JP"),
        a("a", "KOTRA-US"),
        a("d", "MOTIE", "1900-01-01"),
        a("e", "MOTIE", "9999-12-31"),
      ],
    };
    expect(validatePlan(plan, ctx)).toEqual([
      { path: "plan.assignments.0.org", message: "no organisation EMB-XX in the directory" },
      { path: "plan.assignments.1.org", message: expect.stringContaining("MOFA may not take part in US's tasks") },
      { path: "plan.assignments.2.org", message: expect.stringContaining("EMB-JP may not take part") },
      { path: "plan.assignments.4.dueOn", message: `is in the past; give a date from ${addDays(today, -1)} on` },
      { path: "plan.assignments.5.dueOn", message: expect.stringContaining("is too far ahead") },
      { path: "plan.assignments.3.key", message: "repeats the key of assignment 0; keys must be unique" },
    ]);
  });

  it("accepts yesterday (a mission west of UTC) but not the day before", () => {
    expect(validatePlan({ assignments: [a("a", "EMB-US", addDays(today, -1))] }, ctx)).toEqual([]);
    expect(validatePlan({ assignments: [a("a", "EMB-US", addDays(today, -2))] }, ctx)).toHaveLength(1);
  });

  it("keeps informed organisations apart from assignees and the leading mission", () => {
    const issues = validatePlan({ assignments: [a("a", "KOTRA-US")], informed: ["KOTRA-US", "EMB-US", "MOEL", "MOEL", "EMB-JP"] }, ctx);
    expect(issues.map((i) => [i.path, i.message.split(";")[0]])).toEqual([
      ["plan.informed.0", "KOTRA-US has an assignment"],
      ["plan.informed.1", "EMB-US leads the task"],
      ["plan.informed.3", "MOEL is listed twice"],
      ["plan.informed.4", expect.stringContaining("EMB-JP may not take part")],
    ]);
  });

  it("skips the participant check when the caller cannot make it", () => {
    expect(validatePlan({ assignments: [a("a", "ANY-ORG")] }, { country: "US", today, participants: null })).toEqual([]);
  });
});

describe("diffPlans", () => {
  it("reports added, removed and changed assignments by key", () => {
    const before: Plan = { assignments: [a("keep", "EMB-US"), a("drop", "MOTIE"), a("move", "KOTRA-US", "2026-12-01")] };
    const after: Plan = { assignments: [a("keep", "EMB-US"), a("move", "KOTRA-US", "2026-12-05"), a("new", "MOEL")] };
    const d = diffPlans(before, after);
    expect(d.added.map((x) => x.key)).toEqual(["new"]);
    expect(d.removed.map((x) => x.key)).toEqual(["drop"]);
    expect(d.changed).toEqual([{ key: "move", before: before.assignments[2], after: after.assignments[1], fields: ["dueOn"] }]);
  });
});

describe("approval rules", () => {
  const policy = { hqBudgetThresholdKrw: 50_000_000 };
  it("asks HQ after the head only above the budget threshold", () => {
    const plan = (budgetKrw?: number): Plan => ({ assignments: [a("a", "EMB-US")], ...(budgetKrw === undefined ? {} : { budgetKrw }) });
    expect(headThenHqAboveBudget(plan(80_000_000), policy)).toEqual(["mission", "hq"]);
    expect(headThenHqAboveBudget(plan(50_000_000), policy)).toEqual(["mission"]);
    expect(headThenHqAboveBudget(plan(), policy)).toEqual(["mission"]);
    expect(headOnly()).toEqual(["mission"]);
  });
});
