import { describe, expect, it } from "vitest";
import { closingLine, countTier, notRun, tierLines, type VitestJsonReport } from "./test-report";

const report = (testResults: VitestJsonReport["testResults"]): VitestJsonReport => {
  const all = testResults.flatMap((f) => f.assertionResults);
  return {
    numTotalTests: all.length,
    numPassedTests: all.filter((a) => a.status === "passed").length,
    numFailedTests: all.filter((a) => a.status === "failed").length,
    numPendingTests: all.filter((a) => a.status === "skipped" || a.status === "pending").length,
    testResults,
  };
};

describe("counting a tier", () => {
  it("counts passed, failed and skipped tests", () => {
    const r = countTier(
      "unit",
      report([
        { name: "/r/a.test.ts", status: "passed", message: "", assertionResults: [{ status: "passed" }, { status: "skipped" }] },
        { name: "/r/b.test.ts", status: "failed", message: "", assertionResults: [{ status: "failed" }, { status: "passed" }] },
      ]),
      1,
      2.5,
      "/r",
    );
    expect(r).toMatchObject({ files: 2, passed: 2, failed: 1, skipped: 1, setupFailures: [] });
    expect(closingLine([r])).toBe("Tests: 2 passed, 1 failed, 1 skipped");
  });

  it("counts a file whose beforeAll threw as failed, not its tests as skipped", () => {
    const r = countTier(
      "integration",
      report([
        { name: "/r/ok.test.ts", status: "passed", message: "", assertionResults: [{ status: "passed" }] },
        {
          name: "/r/setup.test.ts",
          status: "failed",
          message: "connect ECONNREFUSED\nat …",
          assertionResults: [{ status: "skipped" }, { status: "skipped" }],
        },
        { name: "/r/import.test.ts", status: "failed", message: "Cannot find module './nope'", assertionResults: [] },
      ]),
      1,
      1,
      "/r",
    );
    expect(r).toMatchObject({ passed: 1, failed: 2, skipped: 0 });
    expect(r.setupFailures).toEqual([
      { file: "setup.test.ts", message: "connect ECONNREFUSED", notRun: 2 },
      { file: "import.test.ts", message: "Cannot find module './nope'", notRun: 0 },
    ]);
    expect(closingLine([r])).toBe("Tests: 1 passed, 2 failed");
  });

  it("counts a non-zero exit with nothing failed in the report, a missing report and a tier not run as failures", () => {
    const quiet = countTier("unit", report([{ name: "a", status: "passed", message: "", assertionResults: [{ status: "passed" }] }]), 1, 1);
    expect(quiet.failed).toBe(1);
    expect(countTier("unit", undefined, 1, 1).failed).toBe(1);
    expect(closingLine([quiet, notRun("faults", "the stack did not start")])).toBe("Tests: 1 passed, 2 failed");
  });

  it("words the per-tier lines unlike the closing line (only the last line reads as a run's totals)", () => {
    const r = countTier("unit", report([{ name: "a", status: "passed", message: "", assertionResults: [{ status: "passed" }] }]), 0, 1);
    for (const line of tierLines(r)) expect(line).not.toMatch(/\d+ passed, \d+ failed/);
  });
});
