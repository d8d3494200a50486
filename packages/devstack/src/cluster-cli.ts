/**
 * tsx packages/devstack/src/cluster-cli.ts up | down | status — the cluster profile's infrastructure
 * (`npm run cluster:up|down|status`). `HUB_PROFILE=cluster npm start` adds the hub's processes.
 */
import { fileURLToPath } from "node:url";
import { ConfigError } from "@hub/config";
import { cluster, clusterDown, clusterStatus, clusterUp } from "./cluster.js";
import { readStackEnv as readEnv, stackConfig } from "./env.js";
import { StackError } from "./types.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const log = (line: string) => console.log(line);

async function main(command: string | undefined): Promise<void> {
  const env = readEnv();
  const c = cluster(stackConfig(env, repoRoot), env.HUB_CLUSTER_PORT_BASE);
  switch (command) {
    case "up": {
      await clusterUp(c, log);
      log("");
      log(`DATABASE_URL=${c.databaseUrl}`);
      log(`KAFKA_BROKERS=${c.kafkaBrokers.join(",")}`);
      log(`TEMPORAL_ADDRESS=${c.temporalAddress}`);
      log(`TEMPORAL_NAMESPACE=${c.temporalNamespace}`);
      log(`# Temporal Web UI: ${c.temporalUiUrl}`);
      log(`# state and logs: ${c.home}/<member>/`);
      return;
    }
    case "down":
      await clusterDown(c, log);
      return;
    case "status":
      for (const s of await clusterStatus(c)) {
        log(
          `${s.member.padEnd(12)} ${(s.pid ? "running" : "stopped").padEnd(8)} ${s.address}${s.pid ? ` pid ${s.pid}` : ""}${s.pid ? (s.ready ? " — ready" : " — not answering") : ""}`,
        );
      }
      return;
    default:
      console.error("usage: cluster-cli.ts up | down | status");
      process.exit(2);
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof StackError || err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
