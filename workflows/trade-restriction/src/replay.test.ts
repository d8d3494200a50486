/**
 * Replays recorded histories of real runs against today's workflow code. A change that would
 * break running tasks (non-determinism) fails here; such a change goes behind patched().
 * Record a new one from a run on the local stack: node --import tsx scripts/record-history.ts <workflow-id> <name>
 */
import { readdirSync, readFileSync } from "node:fs";
import proto from "@temporalio/proto";
import { DefaultLogger, Runtime, Worker } from "@temporalio/worker";
import { describe, expect, it } from "vitest";
import { workflowsPath } from "./paths";

const { temporal } = proto;
const dir = new URL("../histories/", import.meta.url);
const histories = readdirSync(dir).filter((f) => f.endsWith(".binpb"));
Runtime.install({ logger: new DefaultLogger("WARN") });

describe("workflow determinism", () => {
  it("has recorded histories to replay", () => {
    expect(histories.length).toBeGreaterThanOrEqual(2);
  });

  it.each(histories)(
    "replays %s",
    async (file) => {
      const history = temporal.api.history.v1.History.decode(readFileSync(new URL(file, dir)));
      await expect(Worker.runReplayHistory({ workflowsPath }, history, `replay-${file}`)).resolves.toBeUndefined();
    },
    120_000,
  );
});
