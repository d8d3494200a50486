/**
 * The Temporal server itself (go.temporal.io/server, all four services in one process) on
 * PostgreSQL, as a deployment runs it, not the CLI's SQLite dev server. Built with `go install`
 * and cached like the CLI; its two databases are created and migrated with Temporal's own SQL
 * tool (cmd/tools/sql), and the default namespace is registered with the CLI once it serves.
 * The Web UI is Temporal's ui-server, built the same way and pointed at this frontend.
 */
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Driver, Launch } from "./driver.js";
import type { StackConfig } from "./env.js";
import { ensureGoBinary, type GoProgram, goBinaryPath } from "./go-install.js";
import { ensureDatabase } from "./postgres.js";
import { lastLines, runCommand, tcpReachable } from "./process.js";
import { TEMPORAL_CLI } from "./temporal.js";
import { type Log, StackError } from "./types.js";

export const TEMPORAL_SERVER_VERSION = "v1.29.1";
const INSTEAD = "or point TEMPORAL_ADDRESS at a running Temporal";

export const TEMPORAL_SERVER: GoProgram = {
  component: "temporal",
  label: "the Temporal server",
  module: "go.temporal.io/server/cmd/server",
  version: TEMPORAL_SERVER_VERSION,
  binary: "server",
  alternative: INSTEAD,
};
export const TEMPORAL_SQL_TOOL: GoProgram = {
  component: "temporal",
  label: "Temporal's SQL tool",
  module: "go.temporal.io/server/cmd/tools/sql",
  version: TEMPORAL_SERVER_VERSION,
  binary: "sql",
  alternative: INSTEAD,
};
export const TEMPORAL_UI_VERSION = "v2.42.1";
/** Temporal's Web UI server; its binary is also called "server", cached under its own version. */
export const TEMPORAL_UI: GoProgram = {
  component: "temporal",
  label: "the Temporal Web UI server",
  module: "github.com/temporalio/ui-server/v2/cmd/server",
  version: TEMPORAL_UI_VERSION,
  binary: "server",
  alternative: INSTEAD,
};

export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  /** Membership (ringpop) ports: frontend, history, matching, worker. */
  membership: [number, number, number, number];
  ui: number;
}

export interface TemporalPersistence {
  postgresPort: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

export function renderServerConfig(ports: TemporalServerPorts, db: TemporalPersistence, dynamicConfigFile: string): string {
  const store = (name: string, maxConns: number) => `
    ${name === db.database ? "postgres-default" : "postgres-visibility"}:
      sql:
        pluginName: "postgres12"
        databaseName: "${name}"
        connectAddr: "127.0.0.1:${db.postgresPort}"
        connectProtocol: "tcp"
        user: "${db.user}"
        password: "${db.password}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (name: string, grpc: number, membership: number, http?: number) => `
  ${name}:
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ""}`;
  const [mFrontend, mHistory, mMatching, mWorker] = ports.membership;
  return `# Written by @hub/devstack (temporal-server.ts) on every start; from the server's development-postgres12.yaml.
log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  # Fixed for the life of the database: 4 shards suit one machine (production uses hundreds+).
  numHistoryShards: 4
  datastores:${store(db.database, 20)}${store(db.visibilityDatabase, 4)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  pprof:
    port: 0

services:${service("frontend", ports.frontend, mFrontend, ports.frontendHttp)}${service("history", ports.history, mHistory)}${service("matching", ports.matching, mMatching)}${service("worker", ports.worker, mWorker)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: "${dynamicConfigFile}"
  pollInterval: "10s"
`;
}

/** Dynamic config (the server polls this file): search attributes read fresh, as the dev server does. */
export const DYNAMIC_CONFIG = `# Written by @hub/devstack (temporal-server.ts).
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
    constraints: {}
`;
async function moduleDir(): Promise<string> {
  const r = await runCommand("go", ["env", "GOMODCACHE"]);
  if (r.code !== 0) throw new StackError("temporal", "`go env GOMODCACHE` failed", INSTEAD);
  return path.join(r.output.trim(), `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`);
}

async function hasSchema(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const r = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'");
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates both databases and brings their schema to this server version with Temporal's own tool:
 * `setup-schema -v 0.0` once, then `update-schema` over the versioned folders (a no-op when current).
 */
export async function setupTemporalSchema(cacheDir: string, db: TemporalPersistence, log: Log): Promise<void> {
  const tool = await ensureGoBinary(cacheDir, TEMPORAL_SQL_TOOL, log);
  const schemaRoot = path.join(await moduleDir(), "schema", "postgresql", "v12");
  const admin = `postgresql://${db.user}:${db.password}@127.0.0.1:${db.postgresPort}/postgres`;
  for (const [database, folder] of [
    [db.database, "temporal"],
    [db.visibilityDatabase, "visibility"],
  ] as const) {
    await ensureDatabase(admin, database);
    const base = ["--plugin", "postgres12", "--ep", "127.0.0.1", "-p", String(db.postgresPort), "-u", db.user, "--pw", db.password, "--db", database];
    const url = `postgresql://${db.user}:${db.password}@127.0.0.1:${db.postgresPort}/${database}`;
    const steps: string[][] = [];
    if (!(await hasSchema(url))) steps.push(["setup-schema", "-v", "0.0"]);
    steps.push(["update-schema", "-d", path.join(schemaRoot, folder, "versioned")]);
    for (const step of steps) {
      const r = await runCommand(tool, [...base, ...step], { timeoutMs: 5 * 60_000 });
      if (r.code !== 0) {
        for (const line of lastLines(r.output, 10)) log(`[cluster]   ${line}`);
        throw new StackError("temporal", `Temporal's SQL tool: ${step[0]} on ${database} failed (exit ${r.code})`, "see the output above");
      }
    }
  }
  log(`[cluster] temporal: schema of ${db.database} and ${db.visibilityDatabase} is current (Temporal ${TEMPORAL_SERVER_VERSION})`);
}

function cli(cacheDir: string, frontend: number, args: string[]) {
  return runCommand(
    goBinaryPath(cacheDir, TEMPORAL_CLI),
    [...args, "--address", `127.0.0.1:${frontend}`, "--command-timeout", "3s", "--disable-config-file", "--disable-config-env"],
    { timeoutMs: 8000 },
  );
}

/** The server, run with a StackConfig whose home is its own folder (cluster.ts). */
export function temporalServer(ports: TemporalServerPorts, db: TemporalPersistence, namespace: string): Driver {
  const dirs = (cfg: StackConfig) => {
    const root = path.join(cfg.home, "temporal-server");
    return { root, config: path.join(root, "config"), file: path.join(root, "config", "cluster.yaml") };
  };
  return {
    component: "temporal",
    ports: () =>
      [ports.frontend, ports.frontendHttp, ports.history, ports.matching, ports.worker, ...ports.membership].map((port) => ({
        port,
        env: "HUB_CLUSTER_PORT_BASE",
      })),
    address: () => `127.0.0.1:${ports.frontend}`,
    external: () => undefined,
    checkExternal: async () => undefined,
    marker: (cfg) => dirs(cfg).root,
    stopSignal: "SIGTERM",
    stopTimeoutMs: 20_000,
    readyTimeoutMs: 180_000,
    progressEveryMs: 30_000,
    async prepare(cfg, log): Promise<Launch> {
      const [binary] = await Promise.all([ensureGoBinary(cfg.cacheDir, TEMPORAL_SERVER, log), ensureGoBinary(cfg.cacheDir, TEMPORAL_CLI, log)]);
      await setupTemporalSchema(cfg.cacheDir, db, log);
      const d = dirs(cfg);
      await fs.mkdir(d.config, { recursive: true });
      const dynamic = path.join(d.config, "dynamic.yaml");
      await fs.writeFile(dynamic, DYNAMIC_CONFIG);
      await fs.writeFile(d.file, renderServerConfig(ports, db, dynamic));
      // --root carries the marker (this member's folder), so the pid file is never mistaken for another process.
      return { command: binary, args: ["--root", d.root, "--config", "config", "--env", "cluster", "--allow-no-auth", "start"], cwd: d.root };
    },
    async probe(cfg) {
      if (!(await tcpReachable("127.0.0.1", ports.frontend, 1000))) return false;
      return (await cli(cfg.cacheDir, ports.frontend, ["operator", "cluster", "health"])).code === 0;
    },
    async afterReady(cfg) {
      // A fresh database has no namespace; a deployment registers it once, as here.
      const describe = () => cli(cfg.cacheDir, ports.frontend, ["operator", "namespace", "describe", "--namespace", namespace]);
      if ((await describe()).code === 0) return;
      const created = await cli(cfg.cacheDir, ports.frontend, ["operator", "namespace", "create", "--namespace", namespace, "--retention", "72h"]);
      if (created.code !== 0 && !/already/i.test(created.output)) {
        throw new StackError("temporal", `registering namespace ${namespace} failed: ${lastLines(created.output, 1)[0] ?? ""}`, "see the server log");
      }
      const deadline = Date.now() + 30_000;
      while ((await describe()).code !== 0) {
        if (Date.now() > deadline)
          throw new StackError("temporal", `namespace ${namespace} not served 30 s after registering it`, "see the server log");
        await new Promise((r) => setTimeout(r, 500));
      }
    },
  };
}

/** Temporal's Web UI server, pointed at the cluster's frontend. */
export function temporalUi(ports: TemporalServerPorts, namespace: string): Driver {
  const dirs = (cfg: StackConfig) => {
    const root = path.join(cfg.home, "temporal-ui");
    return { root, config: path.join(root, "config") };
  };
  return {
    component: "temporal",
    ports: () => [{ port: ports.ui, env: "HUB_CLUSTER_PORT_BASE" }],
    address: () => `http://127.0.0.1:${ports.ui}`,
    external: () => undefined,
    checkExternal: async () => undefined,
    marker: (cfg) => dirs(cfg).root,
    stopSignal: "SIGTERM",
    stopTimeoutMs: 10_000,
    readyTimeoutMs: 60_000,
    async prepare(cfg, log): Promise<Launch> {
      const binary = await ensureGoBinary(cfg.cacheDir, TEMPORAL_UI, log);
      const d = dirs(cfg);
      await fs.mkdir(d.config, { recursive: true });
      await fs.writeFile(
        path.join(d.config, "cluster.yaml"),
        [
          "# Written by @hub/devstack (temporal-server.ts).",
          `temporalGrpcAddress: 127.0.0.1:${ports.frontend}`,
          "host: 127.0.0.1",
          `port: ${ports.ui}`,
          "enableUi: true",
          `defaultNamespace: ${namespace}`,
          "cors:",
          "  cookieInsecure: true",
          "",
        ].join("\n"),
      );
      return { command: binary, args: ["--root", d.root, "--config", "config", "--env", "cluster", "start"], cwd: d.root };
    },
    async probe() {
      try {
        const res = await fetch(`http://127.0.0.1:${ports.ui}/`, { signal: AbortSignal.timeout(1500) });
        await res.body?.cancel();
        return res.status < 500;
      } catch {
        return false;
      }
    },
  };
}
