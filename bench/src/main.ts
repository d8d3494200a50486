/**
 * `npm run bench`: boots (or reuses) the stack, runs the hub on a fresh database, measures each
 * figure beside its raw baseline in the same run, prints PASS/FAIL per target, and writes
 * bench/results/<date>.json, .md and .png. Not part of `npm test`. Options (environment):
 * HUB_BENCH_ONLY=ingest,reads,e2e,limit,memory runs a subset ("limit": the
 * in-memory Temporal pass); HUB_BENCH_API_PORT (3200),
 * HUB_BENCH_BASELINE_PORT (3290), HUB_BENCH_PIPELINE_RATE (120/s).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeChart } from "./chart";
import { benchHub } from "./hub";
import { machine, markdown, passLines, type Report } from "./report";
import { type Ctx, endToEndAndPipeline, type Figure, growthAndReads, ingest, memory, PUBLICATIONS, type TemporalUnderTest } from "./scenarios";
import { startInMemoryTemporal } from "./temporal-memory";

const t0 = Date.now();
const say = (m: string) => console.log(`[bench] ${m}`);
const only = new Set((process.env.HUB_BENCH_ONLY ?? "ingest,reads,e2e,limit,memory").split(",").map((s) => s.trim()));
const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));

const hub = await benchHub(say);
const ctx: Ctx = { hub, say, log: (l) => process.stderr.write(`${l}\n`) };
const figures: Figure[] = [];
let failed: unknown = null;
const stopping = async (code: number) => {
  say("stopping the bench's services and removing its namespace and topics…");
  await hub.close().catch((err) => say(`clean-up: ${err instanceof Error ? err.message : err}`));
  process.exit(code);
};
process.on("SIGINT", () => void stopping(130));

try {
  if (only.has("ingest")) {
    // The router stays stopped, so the figure is the ingest path alone; the topics are the run's own.
    await hub.start(["api", "relay"], { topicPrefix: `${hub.topicPrefix}ingest.` });
    figures.push(await ingest(ctx));
    await hub.stop(["api", "relay"]);
  }
  await hub.start(["api", "relay", "router", "worker"]);
  if (only.has("reads")) figures.push(...(await growthAndReads(ctx)));
  const sqlite: TemporalUnderTest = { label: "sqlite", address: hub.ep.temporalAddress };
  if (only.has("e2e")) figures.push(...(await endToEndAndPipeline(ctx, sqlite, PUBLICATIONS)));
  if (only.has("limit") || only.has("memory")) {
    // The same figures without the dev server's SQLite in the way: router and worker move to a
    // Temporal dev server that keeps its state in memory.
    say("starting a Temporal dev server in memory; the router and the worker move to it…");
    const memoryTemporal = await startInMemoryTemporal(hub.namespace);
    try {
      hub.watch("temporal (in memory)", memoryTemporal.pid);
      await hub.stop(["router", "worker"]);
      await hub.start(["router", "worker"], { temporalAddress: memoryTemporal.address });
      const inMemory: TemporalUnderTest = { label: "in-memory", address: memoryTemporal.address };
      if (only.has("limit")) figures.push(...(await endToEndAndPipeline(ctx, inMemory, [])));
      if (only.has("memory")) figures.push(await memory(ctx, inMemory));
    } finally {
      await hub.stop(["router", "worker"]);
      await memoryTemporal.stop();
    }
  }
} catch (err) {
  failed = err;
  say(
    `a figure could not be measured: ${err instanceof Error ? err.message : err} (the services' log: ${path.relative(process.cwd(), hub.logFile)})`,
  );
}

const date = new Date().toISOString().replace(/:/g, "-").slice(0, 16);
const report: Report = { date, machine: machine(), durationS: (Date.now() - t0) / 1000, figures, notes: [] };
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, `${date}.json`), `${JSON.stringify(report, null, 2)}\n`);
writeChart(path.join(resultsDir, `${date}.png`), figures);
writeFileSync(path.join(resultsDir, `${date}.md`), markdown(report, `${date}.png`));
console.log("");
for (const line of passLines(figures)) console.log(line);
console.log("");
say(`report: ${path.relative(process.cwd(), path.join(resultsDir, `${date}.md`))} (${Math.round(report.durationS)} s)`);
await stopping(failed ? 1 : 0);
