/**
 * The lifecycle every component shares: reuse what runs (pid file + probe), refuse ports taken by
 * others, start detached, wait for readiness, and on failure leave nothing half-started behind.
 */

import { type Driver, stackPaths } from "./driver.js";
import type { StackConfig } from "./env.js";
import { kafka } from "./kafka.js";
import { keycloak } from "./keycloak.js";
import { mailpit } from "./mailpit.js";
import { minio } from "./minio.js";
import { postgres } from "./postgres.js";
import {
  acquireLock,
  isAlive,
  ownedPid,
  portOwner,
  portTaken,
  removeFile,
  rotateLog,
  seconds,
  sleep,
  spawnDetached,
  stopPid,
  tailLog,
  writePid,
} from "./process.js";
import { temporal } from "./temporal.js";
import { type Component, type Log, StackError } from "./types.js";

export const DRIVERS: Record<Component, Driver> = { postgres, kafka, temporal, keycloak, mailpit, minio };

const EXTERNAL_ENV: Record<Component, string> = {
  postgres: "DATABASE_URL",
  kafka: "KAFKA_BROKERS",
  temporal: "TEMPORAL_ADDRESS",
  keycloak: "OIDC_ISSUER",
  mailpit: "HUB_SMTP_URL",
  minio: "HUB_S3_URL",
};

export const defaultLog: Log = (line) => process.stderr.write(`${line}\n`);

let queue: Promise<unknown> = Promise.resolve();

/**
 * One stack command at a time: in this process (a queue) and across processes (a lock file), so
 * `npm test` and `npm start` racing to start the same stack do not both spawn a broker.
 */
export function exclusive<T>(cfg: StackConfig, log: Log, fn: () => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const release = await acquireLock(stackPaths(cfg).lock, 30 * 60_000, (holder) =>
      log(`[stack] waiting for another stack command (pid ${holder}) to finish…`),
    );
    try {
      return await fn();
    } finally {
      await release();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

function short(command: string): string {
  return command.length > 80 ? `${command.slice(0, 77)}…` : command;
}

async function printLogTail(cfg: StackConfig, c: Component, log: Log): Promise<void> {
  const file = stackPaths(cfg).logFile(c);
  const lines = await tailLog(file, 10);
  if (lines.length === 0) return;
  log(`[stack] ${c}: last lines of ${file}:`);
  for (const line of lines) log(`[stack]   ${line}`);
}

async function waitReady(
  cfg: StackConfig,
  d: Driver,
  pid: number,
  log: Log,
  exited?: () => { code: number | null; signal: string | null } | undefined,
) {
  const c = d.component;
  const logFile = stackPaths(cfg).logFile(c);
  const started = Date.now();
  const deadline = started + d.readyTimeoutMs;
  let nextProgress = d.progressEveryMs ? started + d.progressEveryMs : Number.POSITIVE_INFINITY;
  for (;;) {
    if (Date.now() >= nextProgress) {
      log(`[stack] ${c}: still starting… ${seconds(started)}`);
      nextProgress += d.progressEveryMs ?? 0;
    }
    const exit = exited?.();
    if (exit || !isAlive(pid)) {
      const how = exit ? (exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`) : "unknown status";
      throw new StackError(c, `exited during start-up (${how})`, `see the log lines above (full log: ${logFile})`);
    }
    if (await d.probe(cfg)) return;
    if (Date.now() > deadline) {
      throw new StackError(c, `not ready after ${d.readyTimeoutMs / 1000} s on ${d.address(cfg)}`, `see the log lines above (full log: ${logFile})`);
    }
    await sleep(250);
  }
}

async function reuse(cfg: StackConfig, d: Driver, pid: number, log: Log, how: string): Promise<void> {
  const c = d.component;
  if (!(await d.probe(cfg))) {
    log(`[stack] ${c}: running (pid ${pid}) but not answering yet, waiting…`);
    try {
      await waitReady(cfg, d, pid, log);
    } catch {
      await printLogTail(cfg, c, log);
      throw new StackError(
        c,
        `pid ${pid} runs but does not answer on ${d.address(cfg)} (hung, or started with other ports)`,
        "stop it with `npm run stack:down` and start again",
      );
    }
  }
  await d.afterReady?.(cfg);
  log(`[stack] ${c}: ${how} (pid ${pid})`);
}

/**
 * Throws when one of `d`'s ports is held by a process that is not ours. Returns the pid of a process
 * of ours holding it (its command line carries our marker) that lost its pid file.
 */
export async function checkPorts(cfg: StackConfig, d: Driver): Promise<number | undefined> {
  for (const { port, env } of d.ports(cfg)) {
    if (!(await portTaken(port))) continue;
    const owner = portOwner(port);
    if (owner?.command.includes(d.marker(cfg))) return owner.pid;
    const who = owner ? ` (pid ${owner.pid}: ${short(owner.command)})` : "";
    throw new StackError(d.component, `port ${port} is taken by another process${who}`, `stop it or set ${env} to a free port`);
  }
  return undefined;
}

/** Checks every port a start would need before anything starts, so a clash starts (and stops) nothing. */
export async function preflight(cfg: StackConfig, components: readonly Component[]): Promise<void> {
  for (const c of components) {
    const d = DRIVERS[c];
    if (d.external(cfg) !== undefined) continue;
    if ((await ownedPid(stackPaths(cfg).pidFile(c), d.marker(cfg))) !== undefined) continue;
    await checkPorts(cfg, d);
  }
}

/** Makes `d` available; says whether this call started it. */
export async function ensure(cfg: StackConfig, d: Driver, log: Log): Promise<"started" | "reused" | "external"> {
  const c = d.component;
  const paths = stackPaths(cfg);
  const pidFile = paths.pidFile(c);
  const marker = d.marker(cfg);

  const external = d.external(cfg);
  if (external !== undefined) {
    const problem = await d.checkExternal(cfg);
    if (problem) throw new StackError(c, problem, `check ${EXTERNAL_ENV[c]}, or unset it to start a local ${c}`);
    log(`[stack] ${c}: using external ${c === "postgres" ? "DATABASE_URL" : external}`);
    return "external";
  }

  const pid = await ownedPid(pidFile, marker);
  if (pid !== undefined) {
    await reuse(cfg, d, pid, log, "already running");
    return "reused";
  }

  const orphan = await checkPorts(cfg, d);
  if (orphan !== undefined) {
    // Ours, but its pid file was lost (e.g. .hub/run deleted): adopt it rather than start a twin.
    await writePid(pidFile, orphan);
    await reuse(cfg, d, orphan, log, "already running, adopted");
    return "reused";
  }

  const launch = await d.prepare(cfg, log);
  log(`[stack] ${c}: starting on ${d.address(cfg)}…`);
  const started = Date.now();
  const logFile = paths.logFile(c);
  await rotateLog(logFile);
  const proc = await spawnDetached({ ...launch, logFile }).catch((err: Error) => {
    throw new StackError(c, `could not start ${launch.command}: ${err.message}`, "check that it is installed");
  });
  await writePid(pidFile, proc.pid);
  try {
    await waitReady(cfg, d, proc.pid, log, proc.exit);
    await d.afterReady?.(cfg);
  } catch (err) {
    await printLogTail(cfg, c, log);
    await stopPid(proc.pid, d.stopSignal, d.stopTimeoutMs);
    await removeFile(pidFile);
    throw err;
  }
  log(`[stack] ${c}: ready (${seconds(started)})`);
  return "started";
}

/** Stops `c` if this launcher started it (its pid file names a live process of ours). */
export async function stop(cfg: StackConfig, c: Component, log: Log): Promise<void> {
  const d = DRIVERS[c];
  const pidFile = stackPaths(cfg).pidFile(c);
  const pid = await ownedPid(pidFile, d.marker(cfg));
  if (pid === undefined) {
    log(d.external(cfg) !== undefined ? `[stack] ${c}: external, left alone` : `[stack] ${c}: not running`);
    return;
  }
  const started = Date.now();
  log(`[stack] ${c}: stopping (pid ${pid})…`);
  const how = await stopPid(pid, d.stopSignal, d.stopTimeoutMs);
  await removeFile(pidFile);
  log(`[stack] ${c}: ${how === "stopped" ? "stopped" : `killed after ${d.stopTimeoutMs / 1000} s`} (${seconds(started)})`);
}

export function asStackError(c: Component | "stack", err: unknown): StackError {
  if (err instanceof StackError) return err;
  return new StackError(c, (err as Error)?.message ?? String(err), "see the lines above");
}
