/**
 * Temporal's dev server (`temporal server start-dev`, SQLite-backed), from the Temporal CLI built
 * once with `go install` and cached outside the clone. v1.5.1 because later tags carry a `replace`
 * directive that `go install` rejects.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Driver, Launch } from "./driver.js";
import type { StackConfig } from "./env.js";
import { ensureGoBinary, type GoProgram, goBinaryPath } from "./go-install.js";
import { parseHostPort, runCommand, seconds, sleep, tcpReachable } from "./process.js";
import type { Log } from "./types.js";

export const TEMPORAL_CLI_VERSION = "v1.5.1";
/** The CLI: the single-node stack's server (start-dev), and the cluster's client for namespaces and health. */
export const TEMPORAL_CLI: GoProgram = {
  component: "temporal",
  label: "the Temporal CLI",
  module: "github.com/temporalio/cli/cmd/temporal",
  version: TEMPORAL_CLI_VERSION,
  binary: "temporal",
  alternative: "or set TEMPORAL_ADDRESS",
};
const BUILD_TIMEOUT_MS = 30 * 60_000;
const TICK_MS = 15_000;

export function temporalBinary(cacheDir: string): string {
  return goBinaryPath(cacheDir, TEMPORAL_CLI);
}

function dirs(cfg: StackConfig) {
  const root = path.join(cfg.home, "temporal");
  return { root, db: path.join(root, "temporal.db") };
}

export function startDevArgs(cfg: StackConfig, dbFile: string): string[] {
  return [
    "server",
    "start-dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(cfg.ports.temporal),
    "--ui-port",
    String(cfg.ports.temporalUi),
    // Without a file the dev server keeps everything in memory and a restart loses every workflow.
    "--db-filename",
    dbFile,
    "--sqlite-pragma",
    "journal_mode=WAL",
    "--sqlite-pragma",
    "synchronous=NORMAL",
    "--namespace",
    cfg.temporalNamespace,
    "--log-level",
    "warn",
    // The server must not pick up a developer's own CLI profile or TEMPORAL_* variables.
    "--disable-config-file",
    "--disable-config-env",
  ];
}

/** A `go install` of this exact module started by someone else (by hand: a launcher's build holds the lock go-install.ts takes). */
function foreignBuildRunning(): boolean {
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return false;
  }
  return pids.some((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      return cmd.includes(`${TEMPORAL_CLI.module}@${TEMPORAL_CLI.version}`) && cmd.includes("install");
    } catch {
      return false;
    }
  });
}

/** The CLI, built first when it is missing; a build already under way is waited for rather than run twice on 2 cores. */
async function build(cfg: StackConfig, log: Log): Promise<string> {
  const binary = temporalBinary(cfg.cacheDir);
  const started = Date.now();
  if (foreignBuildRunning()) {
    log(`[stack] temporal: waiting for a Temporal CLI build already running on this machine…`);
    let lastTick = Date.now();
    while (foreignBuildRunning() && !existsSync(binary) && Date.now() - started < BUILD_TIMEOUT_MS) {
      await sleep(1000);
      if (Date.now() - lastTick >= TICK_MS) {
        log(`[stack] temporal: waiting for a Temporal CLI build already running on this machine… ${seconds(started)}`);
        lastTick = Date.now();
      }
    }
    await sleep(500); // let `go install` finish moving the binary into place
    if (existsSync(binary)) return binary;
  }
  return ensureGoBinary(cfg.cacheDir, TEMPORAL_CLI, log);
}

async function uiAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1500) });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
}

export const temporal: Driver = {
  component: "temporal",
  ports: (cfg) => [
    { port: cfg.ports.temporal, env: "HUB_TEMPORAL_PORT" },
    { port: cfg.ports.temporalUi, env: "HUB_TEMPORAL_UI_PORT" },
  ],
  address: (cfg) => `127.0.0.1:${cfg.ports.temporal}`,
  external: (cfg) => cfg.external.temporalAddress || undefined,
  async checkExternal(cfg) {
    const address = cfg.external.temporalAddress as string;
    const { host, port } = parseHostPort(address, 7233);
    return (await tcpReachable(host, port, 3000)) ? undefined : `TEMPORAL_ADDRESS ${address} does not accept connections`;
  },
  marker: (cfg) => dirs(cfg).db,
  stopSignal: "SIGTERM",
  stopTimeoutMs: 20_000,
  readyTimeoutMs: 120_000,
  async prepare(cfg, log): Promise<Launch> {
    const binary = existsSync(temporalBinary(cfg.cacheDir)) ? temporalBinary(cfg.cacheDir) : await build(cfg, log);
    const { root, db } = dirs(cfg);
    await fs.mkdir(root, { recursive: true });
    return { command: binary, args: startDevArgs(cfg, db), cwd: root };
  },
  async probe(cfg) {
    if (!(await tcpReachable("127.0.0.1", cfg.ports.temporal, 1000))) return false;
    // The namespace answering proves the frontend, history and persistence are all up.
    const describe = await runCommand(
      temporalBinary(cfg.cacheDir),
      [
        "operator",
        "namespace",
        "describe",
        "--address",
        `127.0.0.1:${cfg.ports.temporal}`,
        "--namespace",
        cfg.temporalNamespace,
        "--command-timeout",
        "2s",
        "--disable-config-file",
        "--disable-config-env",
        "-o",
        "json",
      ],
      { timeoutMs: 5000 },
    );
    return describe.code === 0 && (await uiAnswers(cfg.ports.temporalUi));
  },
};
