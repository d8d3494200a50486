import type { TradeRestrictionDetected } from "@hub/contracts";
import {
  ApprovalItem,
  LIMITS,
  Plan,
  parseWorkflowId,
  TradeRestrictionDetected as TradeRestrictionDetectedSchema,
  workflowIdFor,
} from "@hub/contracts";
import { addDays, resolveTeamShape } from "@hub/joint-task";
import { describe, expect, it } from "vitest";
import { draftTradeRestrictionPlan, taskTitle, taskTitleKo } from "./plan";

const detected: TradeRestrictionDetected = {
  country: "VN",
  caseRef: "AD-01",
  measure: "anti_dumping",
  products: [
    { hsCode: "7210", description: "Galvanised steel" },
    { hsCode: "7219", description: "Stainless sheet" },
  ],
  authority: "Ministry of Industry and Trade",
  summary: "s",
};
const team = { mission: "EMB-VN", duties: { "trade-impact": ["KOTRA-VN"], "trade-remedy": ["MOTIE"], "job-matching": ["KOICA-VN"] } };

describe("trade-restriction plan template", () => {
  it("assigns KOTRA offices, MOTIE and the mission, with due dates from the comment deadline", () => {
    const plan = draftTradeRestrictionPlan({ ...detected, commentDeadline: "2026-12-20" }, "2026-11-25", team);
    expect(plan.assignments.map((a) => [a.key, a.org, a.dueOn])).toEqual([
      ["impact-KOTRA-VN", "KOTRA-VN", "2026-12-13"],
      ["trade-remedy", "MOTIE", "2026-12-17"],
      ["engage-authority", "EMB-VN", "2026-12-20"],
    ]);
  });

  it("defaults the deadline to 14 days after detection", () => {
    const plan = draftTradeRestrictionPlan(detected, "2026-11-25", team);
    expect(plan.assignments.find((a) => a.org === "EMB-VN")?.dueOn).toBe(addDays("2026-11-25", 14));
  });

  it("never sets a due date before detection, even for a past deadline", () => {
    const plan = draftTradeRestrictionPlan({ ...detected, commentDeadline: "2026-11-01" }, "2026-11-25", team);
    expect(plan.assignments.every((a) => a.dueOn === "2026-11-25")).toBe(true);
  });

  it("works without a KOTRA office in the country", () => {
    const plan = draftTradeRestrictionPlan(detected, "2026-11-25", { mission: "EMB-HU", duties: { "trade-remedy": ["MOTIE"] } });
    expect(plan.assignments.map((a) => a.org)).toEqual(["MOTIE", "EMB-HU"]);
  });

  it("drafts for a task started before the directory held duties exactly what it drafted then", () => {
    const legacy = resolveTeamShape({
      mission: "EMB-VN",
      agencies: [
        { code: "KOTRA-VN", network: "KOTRA" },
        { code: "KOICA-VN", network: "KOICA" },
      ],
    });
    expect(draftTradeRestrictionPlan(detected, "2026-11-25", legacy)).toEqual(draftTradeRestrictionPlan(detected, "2026-11-25", team));
  });

  it("titles the task and round-trips its workflow id", () => {
    expect(taskTitle(detected)).toBe("Anti-dumping investigation: Galvanised steel and 1 more — Ministry of Industry and Trade (VN)");
    const id = workflowIdFor("trade-restriction", "VN", "AD-01");
    expect(id).toBe("trade-restriction:VN:AD-01");
    expect(parseWorkflowId(id)).toEqual({ kind: "trade-restriction", country: "VN", ref: "AD-01" });
    expect(parseWorkflowId("other:VN:x")).toBeNull();
  });

  it("writes texts that fit the response schemas for an event at every limit", () => {
    const longest: TradeRestrictionDetected = {
      ...detected,
      products: Array.from({ length: LIMITS.products }, (_, i) => ({
        hsCode: "7208.51.00",
        description: `${i}`.padEnd(LIMITS.productDescription, "x"),
      })),
      authority: "a".repeat(LIMITS.name),
    };
    expect(TradeRestrictionDetectedSchema.safeParse(longest).success).toBe(true);
    const plan = draftTradeRestrictionPlan(longest, "2026-11-25", team);
    expect(Plan.safeParse(plan).error).toBeUndefined();
    expect(ApprovalItem.shape.title.safeParse(taskTitle(longest)).error).toBeUndefined();
    // The case: three products of 350 characters fit whole.
    const three = { ...detected, products: [0, 1, 2].map((i) => ({ hsCode: "7208", description: `${i}`.padEnd(350, "y") })) };
    const impact = draftTradeRestrictionPlan(three, "2026-11-25", team).assignments[0]?.task ?? "";
    expect(impact.length).toBeLessThanOrEqual(LIMITS.assignmentTask);
    expect(impact).toMatch(/and 1 more and identify/);
    // The Korean texts fit the same limits, and name the rest of the products in Korean.
    expect(ApprovalItem.shape.titleKo.safeParse(taskTitleKo(longest)).error).toBeUndefined();
    for (const a of plan.assignments) expect((a.taskKo ?? "").length, a.key).toBeLessThanOrEqual(LIMITS.assignmentTask);
    const impactKo = draftTradeRestrictionPlan(longest, "2026-11-25", team).assignments[0]?.taskKo ?? "";
    expect(impactKo).toMatch(/ 외 \d+건에 대한 반덤핑 조사의 산업 영향/);
  });

  it("writes the title and every task in Korean too, the English left exactly as before", () => {
    expect(taskTitleKo(detected)).toBe("반덤핑 조사: Galvanised steel 외 1건 — Ministry of Industry and Trade (VN)");
    const plan = draftTradeRestrictionPlan({ ...detected, commentDeadline: "2026-12-20" }, "2026-11-25", team);
    expect(plan.assignments.map((a) => [a.key, a.taskKo])).toEqual([
      [
        "impact-KOTRA-VN",
        "Galvanised steel (HS 7210), Stainless sheet (HS 7219)에 대한 반덤핑 조사의 산업 영향을 평가하고 피해 한국 기업을 파악합니다.",
      ],
      ["trade-remedy", "AD-01 건의 무역구제 대응을 진행하고 피해 기업에 법률 자문을 제공합니다."],
      ["engage-authority", "Ministry of Industry and Trade와(과) AD-01 건을 협의하고 의견 제출 기한(2026-12-20) 전에 한국 정부 입장을 제출합니다."],
    ]);
    // Recorded histories carry these English texts: they must not change.
    expect(plan.assignments.map((a) => a.task)).toEqual([
      "Assess the industry impact of the anti-dumping investigation on Galvanised steel (HS 7210), Stainless sheet (HS 7219) and identify the affected Korean companies.",
      "Run the trade-remedy response to case AD-01 and offer legal advisory to the affected companies.",
      "Engage Ministry of Industry and Trade on case AD-01 and submit Korea's position before the comment deadline (2026-12-20).",
    ]);
  });
});
