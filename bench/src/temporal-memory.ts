/**
 * A second Temporal dev server that keeps everything in memory: the same server as the stack's
 * but without its SQLite file, so the bench can show what the end-to-end and pipeline figures are
 * once the dev server's single-connection persistence no longer stands in the way.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readStackEnv as readEnv, stackConfig, temporalBinary } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { connectTemporalClient } from "@hub/temporal";
import { sleep } from "./measure";

export interface InMemoryTemporal {
  address: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startInMemoryTemporal(namespace: string): Promise<InMemoryTemporal> {
  const cfg = stackConfig(readEnv(), repoRoot);
  const port = Number(process.env.HUB_BENCH_TEMPORAL_PORT ?? 17333);
  const child: ChildProcess = spawn(
    temporalBinary(cfg.cacheDir),
    [
      "server",
      "start-dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--ui-port",
      String(port + 1000),
      "--namespace",
      namespace,
      "--log-level",
      "error",
      "--disable-config-file",
      "--disable-config-env",
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const c = await connectTemporalClient({ address, namespace });
      await c.workflowService.describeNamespace({ namespace });
      await c.connection.close();
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`the in-memory Temporal dev server did not answer on ${address}: ${err instanceof Error ? err.message : err}`);
      }
      await sleep(500);
    }
  }
  return {
    address,
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
