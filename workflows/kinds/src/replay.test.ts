/**
 * The worker's workflow bundle, built as the worker builds it, and every recorded history of
 * every kind replayed against it. A Node built-in imported into workflow code fails the bundle;
 * a change that would break running tasks (non-determinism) fails a replay and belongs behind
 * patched(). Record a history from a run on the local stack:
 *   node --import tsx scripts/record-history.ts <workflow-id> <name>
 * or, for a history only skipped time reaches, from its *.workflow.test.ts with HUB_RECORD_HISTORY=1
 * (trade-restriction/claimed-assigned-released: the claim, assign and release Updates).
 */
import { readdirSync, readFileSync } from "node:fs";
import { WORKFLOW_KINDS } from "@hub/contracts";
import proto from "@temporalio/proto";
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from "@temporalio/worker";
import { beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "./index";
import { workflowsPath } from "./paths";

const { temporal } = proto;
Runtime.install({ logger: new DefaultLogger("WARN") });

const histories = WORKFLOW_KINDS.flatMap((kind) => {
  const dir = new URL(`../../${kind}/histories/`, import.meta.url);
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".binpb"));
  } catch {
    // a kind without recorded histories yet
  }
  return files.map((f) => ({ kind, name: `${kind}/${f}`, file: new URL(f, dir) }));
});

let bundle: { code: string };
beforeAll(async () => {
  bundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger("WARN") });
}, 180_000);

describe("the workflow bundle", () => {
  it("exports the workflow of every registered kind", async () => {
    const exported = await import("./workflows");
    for (const k of Object.values(KINDS)) expect(typeof (exported as Record<string, unknown>)[k.workflowType], k.workflowType).toBe("function");
    for (const k of Object.values(KINDS)) expect(bundle.code).toContain(k.workflowType);
  });

  it("carries no zod: workflow modules are evaluated afresh for every workflow, so schemas there cost CPU and memory per task", () => {
    // Workflow code takes values from @hub/contracts/core only; types from anywhere.
    expect(bundle.code).not.toMatch(/\bZodError\b|\$ZodType\b/);
  });

  it("has recorded histories of every kind to replay", () => {
    for (const kind of WORKFLOW_KINDS) expect(histories.filter((h) => h.kind === kind).length, kind).toBeGreaterThanOrEqual(1);
  });

  it.each(histories)(
    "replays $name",
    async ({ name, file }) => {
      const history = temporal.api.history.v1.History.decode(readFileSync(file));
      await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, `replay-${name}`)).resolves.toBeUndefined();
    },
    120_000,
  );
});
