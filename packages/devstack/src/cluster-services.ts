/**
 * The hub's processes in the cluster profile, supervised like `npm start`'s: one entry point with
 * two API processes behind it (api-balancer.ts), two routers in the consumer group, two workers on
 * the task queue, two relays of which one leads. Each gets only what a deployment would give it
 * (DATABASE_URL, KAFKA_BROKERS with three addresses, TEMPORAL_ADDRESS, ...): nothing in a service
 * knows it runs on one machine.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CLUSTER_PARTITIONS, CLUSTER_REPLICAS, type Cluster } from "./cluster.js";
import { type HubService, type Supervised, superviseService } from "./hub-services.js";
import { readKafkaCredentials } from "./kafka-auth.js";
import { KAFKA_CLUSTER_SETTINGS } from "./kafka-cluster.js";

const BALANCER = fileURLToPath(new URL("./api-balancer.ts", import.meta.url));

/** The variables every hub process of the profile gets (plus `extra`, e.g. test timings). */
export function clusterServiceEnv(c: Cluster, databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: c.kafkaBrokers.join(","),
    TEMPORAL_ADDRESS: c.temporalAddress,
    TEMPORAL_NAMESPACE: c.temporalNamespace,
    TEMPORAL_UI_URL: c.temporalUiUrl,
    HUB_KAFKA_PARTITIONS: String(CLUSTER_PARTITIONS),
    HUB_KAFKA_REPLICATION_FACTOR: String(KAFKA_CLUSTER_SETTINGS.replicationFactor),
    HUB_KAFKA_MIN_INSYNC_REPLICAS: String(KAFKA_CLUSTER_SETTINGS.minInsyncReplicas),
    API_HOST: "127.0.0.1",
    API_PORT: String(c.ports.api),
    ...extra,
  };
}

export interface ClusterProcess extends Supervised {
  /** "router-2", "api" (the entry point), ... */
  id: string;
  pidFile: string;
}

/**
 * Starts the profile's hub processes. Pid files go to <cluster home>/run/<id>.pid, and the API
 * processes behind the entry point write api-<n>.pid there too, so fault tests can kill each one.
 */
export function startClusterServices(
  c: Cluster,
  env: NodeJS.ProcessEnv,
  compiled: Record<string, string>,
  opts: { onLine: (line: string) => void; onGiveUp?: (reason: string) => void; maxRestarts?: number },
): ClusterProcess[] {
  const runDir = path.join(c.home, "run");
  mkdirSync(runDir, { recursive: true });
  const procs: ClusterProcess[] = [];
  // Each process authenticates to the brokers as its own principal (<cluster home>/kafka-credentials.json).
  const kafka = readKafkaCredentials(c.home);
  const start = (name: HubService, id: string, extra: { compiled?: string; nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}) => {
    const pidFile = path.join(runDir, `${id}.pid`);
    const s = superviseService(
      name,
      { ...env, ...extra.env },
      {
        compiled: extra.compiled ?? (compiled[name] as string),
        nodeArgs: extra.nodeArgs,
        pidFile,
        onLine: (l) => opts.onLine(l.replace(/^(\w+)\s*\|/, `${id.padEnd(8)}|`)),
        onGiveUp: opts.onGiveUp,
        maxRestarts: opts.maxRestarts ?? 20,
        kafka,
      },
    );
    procs.push({ ...s, id, pidFile });
  };
  // The entry point runs the compiled API in each of its processes (Node's cluster module).
  start("api", "api", {
    compiled: BALANCER,
    nodeArgs: ["--import", "tsx"],
    env: { HUB_API_BUNDLE: compiled.api as string, HUB_API_REPLICAS: String(CLUSTER_REPLICAS.api), HUB_API_PID_DIR: runDir },
  });
  for (const name of ["relay", "router", "worker"] as const) {
    for (let i = 1; i <= CLUSTER_REPLICAS[name]; i++) start(name, `${name}-${i}`);
  }
  return procs;
}
