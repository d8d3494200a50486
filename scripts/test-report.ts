/**
 * Counting a tier's run from vitest's JSON report, for the per-tier lines and the plain closing
 * line `Tests: N passed, N failed[, N skipped]` that scripts/test.ts prints last. A test file whose
 * set-up failed (a beforeAll that threw, an import that failed, an error in a suite) counts as one
 * failure: vitest reports its tests as skipped, and a closing line saying "0 failed" while vitest
 * exits non-zero is a lie. The per-tier lines avoid the closing line's words, so that only the
 * last line reads as a run's totals.
 */
import { existsSync, readFileSync } from "node:fs";

/** The parts of vitest's JSON report (its `json` reporter) counted here. */
export interface VitestJsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numFailedTestSuites?: number;
  testResults: { name: string; status: string; message: string; assertionResults: { status: string; fullName?: string }[] }[];
}

export interface TierResult {
  tier: string;
  files: number;
  passed: number;
  /** Failed tests, plus one per file whose set-up failed, plus one for a run that failed outside any test. */
  failed: number;
  skipped: number;
  /** Files that failed before or around their tests, with vitest's message and how many of their tests did not run. */
  setupFailures: { file: string; message: string; notRun: number }[];
  /** Why the tier's figures are not all from vitest (it ended without a report, or did not run at all). */
  note?: string;
  seconds: number;
  exitCode: number;
}

/** Counts one tier from its report (undefined: vitest wrote none) and vitest's exit code. */
export function countTier(tier: string, report: VitestJsonReport | undefined, exitCode: number, seconds: number, root = ""): TierResult {
  const rel = (f: string) => (root && f.startsWith(`${root}/`) ? f.slice(root.length + 1) : f);
  if (!report) {
    return {
      tier,
      files: 0,
      passed: 0,
      failed: 1,
      skipped: 0,
      setupFailures: [],
      note: `vitest ended (exit code ${exitCode}) without a report`,
      seconds,
      exitCode,
    };
  }
  const setupFailures = report.testResults
    .filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"))
    .map((f) => ({
      file: rel(f.name),
      message: f.message.split("\n")[0] || "a hook or suite failed (see vitest's output above)",
      notRun: f.assertionResults.filter((a) => a.status !== "passed").length,
    }));
  const notRun = setupFailures.reduce((n, f) => n + f.notRun, 0);
  let failed = report.numFailedTests + setupFailures.length;
  let note: string | undefined;
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    note = `vitest exited with code ${exitCode} with no failed test or file in its report (an error outside the tests: see above)`;
  }
  return {
    tier,
    files: report.testResults.length,
    passed: report.numPassedTests,
    failed,
    skipped: Math.max(0, report.numPendingTests - notRun),
    setupFailures,
    note,
    seconds,
    exitCode,
  };
}

export function readReport(file: string): VitestJsonReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as VitestJsonReport;
  } catch {
    return undefined;
  }
}

/** A tier that could not run (the stack did not start): one failure, so the closing line cannot say "0 failed". */
export function notRun(tier: string, why: string): TierResult {
  return { tier, files: 0, passed: 0, failed: 1, skipped: 0, setupFailures: [], note: `not run: ${why}`, seconds: 0, exitCode: 1 };
}

/** The per-tier lines: count and wall time, then each set-up failure and note. Worded unlike the closing line. */
export function tierLines(r: TierResult): string[] {
  const tests = r.passed + r.failed + r.skipped;
  const lines = [
    `${r.tier} tier: ${r.files} file${r.files === 1 ? "" : "s"}, ${tests} test${tests === 1 ? "" : "s"} (${r.passed} ok, ${r.failed} failing, ${r.skipped} skipped) in ${r.seconds.toFixed(1)} s`,
  ];
  for (const f of r.setupFailures) {
    lines.push(`  ${r.tier}: ${f.file} failed before its tests ran${f.notRun ? ` (${f.notRun} not run)` : ""}: ${f.message}`);
  }
  if (r.note) lines.push(`  ${r.tier}: ${r.note}`);
  return lines;
}

/** The plain closing line over every tier. */
export function closingLine(results: readonly TierResult[]): string {
  const sum = (k: "passed" | "failed" | "skipped") => results.reduce((n, r) => n + r[k], 0);
  const skipped = sum("skipped");
  return `Tests: ${sum("passed")} passed, ${sum("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`;
}

/** Whether the run failed: a failure counted, or a tier's vitest exited non-zero. */
export function anyFailed(results: readonly TierResult[]): boolean {
  return results.some((r) => r.failed > 0 || r.exitCode !== 0);
}
