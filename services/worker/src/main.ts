import path from "node:path";
import { createDb } from "@hub/db";
import { runService } from "@hub/runtime";
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import { createActivities } from "./activities";
import { workflowBundle } from "./bundle";
import { workerConfig } from "./env";

await runService("worker", async (log) => {
  const cfg = workerConfig();
  Runtime.install({ logger: new DefaultLogger(cfg.logLevel === "debug" || cfg.logLevel === "trace" ? "DEBUG" : "WARN") });
  const db = createDb(cfg.databaseUrl);
  const connection = await NativeConnection.connect({ address: cfg.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: cfg.temporalNamespace,
    taskQueue: cfg.taskQueue,
    workflowBundle: await workflowBundle(path.join(cfg.hubHome, "cache"), log),
    activities: createActivities({ db }),
    maxCachedWorkflows: cfg.workerCachedWorkflows,
  });
  const running = worker.run();
  log(`polling task queue ${cfg.taskQueue} on ${cfg.temporalAddress} (namespace ${cfg.temporalNamespace})`);
  running.catch((err) => {
    console.error(`[worker] stopped: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await db.close();
  };
});
