import { describe, expect, it } from "vitest";
import { schemathesisDigest } from "./schemathesis.js";

/** The end of `st run`'s output, as schemathesis 4 prints it (NO_COLOR). */
const report = (final: string, extra = "") => `Schemathesis v4.32.5
━━━━━━━━━━━━━━━━━━━━

 ✅  Loaded specification from http://127.0.0.1:3100/openapi.json (in 0.21s)

================================== SUMMARY ===================================

API Operations:
  Selected: 18/31
  Tested: 17
  Skipped: 1
    - No examples in schema

Test Phases:
  ✅ Examples
  ✅ Coverage
  ✅ Fuzzing
  ⏭  Stateful (not applicable)
${extra}
Warnings:
  ⚠️ Missing authentication: 1 operation returned only 401/403 responses during unit tests

Test cases:
  1042 generated, 1042 passed

Seed: 20261126

${final}
`;

/** Real `st run` summaries of schemathesis 4.32.5 (NO_COLOR) against a one-operation document served by python3's http.server. */
const REAL_SUCCESS = `=================================== SUMMARY ====================================

API Operations:
  Selected: 1/1
  Tested: 1

Test Phases:
  ⏭  Examples
  ✅ Coverage
  ✅ Fuzzing
  ⏭  Stateful (disabled)

Warnings:
  ⚠️ Missing test data: 1 operation repeatedly returned 404 responses

Test cases:
  19 generated, 19 passed, 8 skipped

Seed: 1

============================== 1 warning in 0.30s ==============================
`;
const REAL_FAILURE = `=================================== SUMMARY ====================================

API Operations:
  Selected: 1/1
  Tested: 1

Test Phases:
  ⏭  Examples
  ❌ Coverage
  ❌ Fuzzing
  ⏭  Stateful (disabled)

Failures:
  ❌ ST101 Server error: 1
  ❌ ST103 Undocumented status code: 1

For more information, run \`st explain <code>\` for ST101, ST103.

Test cases:
  2 generated, 2 found 2 unique failures

Seed: 1

============================= 2 failures in 0.40s ==============================
`;

describe("the schemathesis digest", () => {
  it("reads schemathesis's real summaries", () => {
    expect(schemathesisDigest(REAL_SUCCESS)).toBe(
      "schemathesis: 1 of 1 selected operations tested (1 in the document), 19 generated test cases, no failure, no error, 1 warning, 0.30 s",
    );
    expect(schemathesisDigest(REAL_FAILURE)).toBe(
      "schemathesis: 1 of 1 selected operations tested (1 in the document), 2 generated test cases, 2 failures, no error, no warning, 0.40 s",
    );
  });

  it("says operations, test cases, failures and warnings in one line without the pytest-style closing line", () => {
    const digest = schemathesisDigest(report("=========================== 2 warnings in 7.45s ============================"));
    expect(digest).toBe(
      "schemathesis: 17 of 18 selected operations tested (31 in the document), 1042 generated test cases, no failure, no error, 2 warnings, 7.45 s",
    );
    expect(digest).not.toMatch(/=|\bpassed\b/);
  });

  it("counts the failures and errors it lists", () => {
    const extra = "\nFailures:\n  ❌ Server error: 2\n  ❌ Response violates schema: 1\n\nErrors:\n  🚫 Network Error: 1\n";
    expect(schemathesisDigest(report("==== 3 failures, 1 error in 9.10s ====", extra))).toContain("3 failures, 1 error, no warning, 9.10 s");
  });

  it("says so when it cannot read the summary", () => {
    expect(schemathesisDigest("Traceback (most recent call last):\n  …")).toBe("schemathesis: finished, but its summary could not be read");
  });
});
