import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{packages,services,workflows,seeds,test}/**/src/**/*.test.ts"],
    // The Temporal SDK's native bridge breaks under worker threads.
    pool: "forks",
    // The integration tests share one running hub and some stop Kafka or kill the worker.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON report feeds the plain "Tests: N passed, N failed" line scripts/test.ts prints last.
    reporters: ["default", ["json", { outputFile: ".hub/test-results.json" }]],
  },
});
