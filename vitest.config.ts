import { defineConfig } from "vitest/config";
import { TIERS, tierExclude } from "./scripts/test-tiers.ts";

export default defineConfig({
  test: {
    // The Temporal SDK's native bridge breaks under worker threads.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON report feeds the plain "Tests: N passed, N failed" line scripts/test.ts prints last
    // (one report per tier: it sets HUB_TEST_REPORT for each).
    reporters: ["default", ["json", { outputFile: process.env.HUB_TEST_REPORT ?? ".hub/test-results.json" }]],
    // One project per tier (scripts/test-tiers.ts says which file goes where): `npx vitest run --project unit`.
    // A plain `npx vitest run` runs the tiers one after another in npm test's order (groupOrder), never two at once.
    projects: TIERS.map((tier, i) => ({
      extends: true,
      test: {
        name: tier.name,
        include: tier.include,
        exclude: tierExclude(tier),
        // The stack's tiers share one running hub, and some stop Kafka or kill the worker.
        fileParallelism: !tier.serial,
        sequence: { groupOrder: i },
        ...(tier.setupFiles ? { setupFiles: tier.setupFiles } : {}),
      },
    })),
  },
});
