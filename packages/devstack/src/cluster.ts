/**
 * The cluster profile: the production shape on one machine. Its own PostgreSQL, three Kafka
 * brokers (KRaft, RF 3, min.insync 2), the Temporal server on that PostgreSQL with its Web UI,
 * all on ports of their own (from HUB_CLUSTER_PORT_BASE, 22000 unless set) so it runs beside the
 * single-node stack. Each member is a detached process with its own folder under
 * <HUB_HOME>/cluster/<member> (pid file, log, data), started and stopped through the same
 * lifecycle as the single-node stack (stack.ts `ensure`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Driver } from "./driver.js";
import { stackPaths } from "./driver.js";
import type { StackConfig } from "./env.js";
import { type KafkaClusterPorts, kafkaBroker } from "./kafka-cluster.js";
import { databaseUrl, postgres } from "./postgres.js";
import { acquireLock, isAlive, ownedPid, removeFile, seconds, stopPid } from "./process.js";
import { ensure } from "./stack.js";
import { type TemporalServerPorts, temporalServer, temporalUi } from "./temporal-server.js";
import { type Log, StackError } from "./types.js";

export const DEFAULT_CLUSTER_PORT_BASE = 22000;

export interface ClusterPorts {
  postgres: number;
  kafka: KafkaClusterPorts;
  temporal: TemporalServerPorts;
  /** The one entry point in front of the API processes. */
  api: number;
}

/** Every port from one base, so the whole profile moves with one variable. */
export function clusterPorts(base = DEFAULT_CLUSTER_PORT_BASE): ClusterPorts {
  return {
    postgres: base + 432,
    kafka: { brokers: [base + 92, base + 94, base + 96], controllers: [base + 93, base + 95, base + 97] },
    temporal: {
      frontend: base + 233,
      frontendHttp: base + 243,
      history: base + 234,
      matching: base + 235,
      worker: base + 239,
      // Temporal stores membership ports in a SMALLINT column: they must stay below 32768.
      membership: [base - 10_000 + 933, base - 10_000 + 934, base - 10_000 + 935, base - 10_000 + 939],
      ui: base + 280,
    },
    api: base + 300,
  };
}

/** How many of each hub process the profile runs; docker-compose.yml mirrors these (test/src/compose.test.ts). */
export const CLUSTER_REPLICAS = { api: 2, router: 2, worker: 2, relay: 2 } as const;
/** Partitions per event topic: enough for both routers to own some with room to add two more. */
export const CLUSTER_PARTITIONS = 6;
export const KAFKA_BROKER_COUNT = 3;

export type ClusterMember = "postgres" | "kafka-1" | "kafka-2" | "kafka-3" | "temporal" | "temporal-ui";
export const CLUSTER_MEMBERS: readonly ClusterMember[] = ["postgres", "kafka-1", "kafka-2", "kafka-3", "temporal", "temporal-ui"];

export interface Cluster {
  ports: ClusterPorts;
  home: string;
  /** Where PostgreSQL databases of the hub and of Temporal live. */
  databaseUrl: string;
  postgresAdminUrl: string;
  kafkaBrokers: string[];
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string;
  apiUrl: string;
  member(name: ClusterMember): { cfg: StackConfig; driver: Driver };
}

/** `name` is the folder under HUB_HOME: the fault tests run their own cluster ("cluster-test") beside `npm start`'s. */
export function cluster(cfg: StackConfig, base = DEFAULT_CLUSTER_PORT_BASE, name = "cluster"): Cluster {
  const ports = clusterPorts(base);
  const home = path.join(cfg.home, name);
  // Each member runs with a StackConfig of its own folder: pid file, log and data never mix.
  const memberCfg = (name: ClusterMember): StackConfig => ({
    ...cfg,
    home: path.join(home, name),
    ports: { ...cfg.ports, postgres: ports.postgres },
    external: {},
  });
  const persistence = {
    postgresPort: ports.postgres,
    user: "postgres",
    password: "postgres",
    database: "temporal",
    visibilityDatabase: "temporal_visibility",
  };
  // One set of principals for the three brokers (and the hub's processes): <cluster home>/kafka-credentials.json.
  const brokerOpts = { clusterIdFile: path.join(home, "kafka-cluster-id"), partitions: CLUSTER_PARTITIONS, credentialsDir: home };
  const drivers: Record<ClusterMember, Driver> = {
    postgres,
    "kafka-1": kafkaBroker(ports.kafka, 0, brokerOpts),
    "kafka-2": kafkaBroker(ports.kafka, 1, brokerOpts),
    "kafka-3": kafkaBroker(ports.kafka, 2, brokerOpts),
    temporal: temporalServer(ports.temporal, persistence, cfg.temporalNamespace),
    "temporal-ui": temporalUi(ports.temporal, cfg.temporalNamespace),
  };
  return {
    ports,
    home,
    databaseUrl: databaseUrl(ports.postgres, cfg.database),
    postgresAdminUrl: databaseUrl(ports.postgres, "postgres"),
    kafkaBrokers: ports.kafka.brokers.map((p) => `127.0.0.1:${p}`),
    temporalAddress: `127.0.0.1:${ports.temporal.frontend}`,
    temporalNamespace: cfg.temporalNamespace,
    temporalUiUrl: `http://127.0.0.1:${ports.temporal.ui}`,
    apiUrl: `http://127.0.0.1:${ports.api}`,
    member: (name) => ({ cfg: memberCfg(name), driver: drivers[name] }),
  };
}

async function exclusiveCluster<T>(c: Cluster, log: Log, fn: () => Promise<T>): Promise<T> {
  const release = await acquireLock(path.join(c.home, "cluster.lock"), 30 * 60_000, (holder) =>
    log(`[cluster] waiting for another cluster command (pid ${holder}) to finish…`),
  );
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Starts (or reuses) one member; says whether this call started it. */
export async function startMember(c: Cluster, name: ClusterMember, log: Log): Promise<"started" | "reused"> {
  const { cfg, driver } = c.member(name);
  const how = await ensure(cfg, driver, (line) => log(line.replace(`[stack] ${driver.component}:`, `[cluster] ${name}:`)));
  return how === "started" ? "started" : "reused";
}

/** The pid of a member this launcher runs, if it runs. */
export function memberPid(c: Cluster, name: ClusterMember): Promise<number | undefined> {
  const { cfg, driver } = c.member(name);
  return ownedPid(stackPaths(cfg).pidFile(driver.component), driver.marker(cfg));
}

/** Stops a member by its pid file: its stop signal, or SIGKILL (a crash) when `kill`. */
export async function stopMember(c: Cluster, name: ClusterMember, log: Log, opts: { kill?: boolean } = {}): Promise<void> {
  const { cfg, driver } = c.member(name);
  const pid = await memberPid(c, name);
  if (pid === undefined) return;
  const started = Date.now();
  if (opts.kill) {
    process.kill(pid, "SIGKILL");
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  } else {
    await stopPid(pid, driver.stopSignal, driver.stopTimeoutMs);
  }
  await removeFile(stackPaths(cfg).pidFile(driver.component));
  log(`[cluster] ${name}: ${opts.kill ? "killed (SIGKILL)" : "stopped"} (pid ${pid}, ${seconds(started)})`);
}

/**
 * Brings the whole infrastructure up: PostgreSQL and the three brokers together (a KRaft quorum
 * needs two voters before any broker answers), then the Temporal server (its schema needs
 * PostgreSQL), then its UI. On failure stops what this call started. Returns what it started.
 */
export async function clusterUp(c: Cluster, log: Log): Promise<ClusterMember[]> {
  return exclusiveCluster(c, log, async () => {
    const t0 = Date.now();
    const started: ClusterMember[] = [];
    const run = async (names: ClusterMember[]) => {
      const results = await Promise.allSettled(names.map((n) => startMember(c, n, log)));
      names.forEach((n, i) => {
        const r = results[i];
        if (r?.status === "fulfilled" && r.value === "started") started.push(n);
      });
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      if (failed) throw failed.reason;
    };
    try {
      await run(["postgres", "kafka-1", "kafka-2", "kafka-3"]);
      await run(["temporal"]);
      await run(["temporal-ui"]);
    } catch (err) {
      if (started.length > 0) {
        log(`[cluster] stopping what this call started: ${started.join(", ")}`);
        for (const n of [...started].reverse()) await stopMember(c, n, log);
      }
      throw err instanceof StackError ? err : new StackError("stack", String((err as Error)?.message ?? err), "see the lines above");
    }
    log(`[cluster] infrastructure ready in ${seconds(t0)}${started.length ? ` (started ${started.join(", ")})` : ""}`);
    return started;
  });
}

/** Stops the given members (default: all), the dependants first. */
export async function clusterDown(c: Cluster, log: Log, only: readonly ClusterMember[] = CLUSTER_MEMBERS): Promise<void> {
  await exclusiveCluster(c, log, async () => {
    // The brokers together: one left alone waits for a quorum that never comes back before it stops.
    const waves: ClusterMember[][] = [["temporal-ui"], ["temporal"], ["kafka-1", "kafka-2", "kafka-3"], ["postgres"]];
    for (const wave of waves) await Promise.all(wave.filter((n) => only.includes(n)).map((n) => stopMember(c, n, log)));
  });
}

export async function clusterStatus(c: Cluster): Promise<{ member: ClusterMember; pid?: number; address: string; ready: boolean }[]> {
  return Promise.all(
    CLUSTER_MEMBERS.map(async (member) => {
      const { cfg, driver } = c.member(member);
      const pid = await memberPid(c, member);
      return { member, pid, address: driver.address(cfg), ready: pid !== undefined && (await driver.probe(cfg)) };
    }),
  );
}

/**
 * Resident memory (MiB) of the given processes and of every process in their process groups (a
 * detached member leads its group: PostgreSQL's backends count with it). Read from /proc.
 */
export function residentMiB(pids: number[]): number {
  const roots = new Set(pids);
  let kib = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (!roots.has(Number(entry)) && !roots.has(pgid)) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      kib += Number(rss?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return Math.round(kib / 1024);
}
