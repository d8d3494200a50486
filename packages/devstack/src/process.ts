/**
 * Detached processes, pid files, ports and logs: the plumbing every component shares.
 * Linux-first (/proc gives cmdlines and socket owners); elsewhere the pid file is trusted as is.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

export async function readPid(file: string): Promise<number | undefined> {
  const text = await fs.readFile(file, "utf8").catch(() => "");
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function writePid(file: string, pid: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${pid}\n`);
}

export async function removeFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

/** A zombie still answers kill(pid, 0) until its parent reaps it, so it must count as gone. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    if (existsSync("/proc/self/stat")) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EPERM";
    }
  }
}

/** Undefined where /proc is missing: callers then trust the pid file rather than guess. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return undefined;
  }
}

/**
 * The pid in `pidFile` if that process still runs and is ours: its command line must contain
 * `marker` (a path under this stack's home), so a recycled pid is never mistaken for ours.
 * A stale pid file is removed.
 */
export async function ownedPid(pidFile: string, marker: string): Promise<number | undefined> {
  const pid = await readPid(pidFile);
  if (pid === undefined) return undefined;
  if (isAlive(pid)) {
    const cmd = commandLine(pid);
    if (cmd === undefined || cmd.includes(marker)) return pid;
  }
  await removeFile(pidFile);
  return undefined;
}

/** Binding is the only reliable test: it also catches listeners on 0.0.0.0 and [::]. */
export function portTaken(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "EADDRINUSE" || err.code === "EACCES"));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

export interface PortOwner {
  pid: number;
  command: string;
}

/** Who listens on `port`, read from /proc (best effort: needs /proc and permission to read fds). */
export function portOwner(port: number): PortOwner | undefined {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (!local || cols[3] !== "0A") continue; // 0A = LISTEN
      const portHex = local.slice(local.lastIndexOf(":") + 1);
      if (Number.parseInt(portHex, 16) === port && cols[9]) inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target = "";
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m?.[1] && inodes.has(m[1])) {
        const n = Number(pid);
        return { pid: n, command: commandLine(n) ?? "?" };
      }
    }
  }
  return undefined;
}

export function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** "host:port" (also "[::1]:port"); the default port fills in when none is given. */
export function parseHostPort(address: string, defaultPort: number): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(address.trim().replace(/^[a-z]+:\/\//i, ""));
  return { host: m?.[1] || "127.0.0.1", port: m?.[2] ? Number(m[2]) : defaultPort };
}

export interface Detached {
  pid: number;
  /** Set once the process has exited, while this process still watches it. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

export interface DetachedSpec {
  command: string;
  args: string[];
  logFile: string;
  cwd: string;
  uid?: number;
  gid?: number;
  /** Added to this process's environment. */
  env?: Record<string, string>;
}

/**
 * Starts `command` in its own session, output appended to `logFile`, so it outlives this process
 * and a Ctrl-C in the terminal does not reach it.
 */
export async function spawnDetached(spec: DetachedSpec): Promise<Detached> {
  await fs.mkdir(path.dirname(spec.logFile), { recursive: true });
  const fd = openSync(spec.logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      detached: true,
      stdio: ["ignore", fd, fd],
      ...(spec.env ? { env: { ...process.env, ...spec.env } } : {}),
      ...(spec.uid !== undefined ? { uid: spec.uid, gid: spec.gid } : {}),
    });
  } finally {
    closeSync(fd);
  }
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on("exit", (code, signal) => {
    exited = { code, signal };
  });
  const pid = await new Promise<number>((resolve, reject) => {
    child.once("spawn", () => resolve(child.pid as number));
    child.once("error", reject);
  });
  child.unref();
  return { pid, exit: () => exited };
}

/**
 * Asks `pid` to stop with `signal`, then SIGKILLs its whole process group (detached children lead
 * their own group) if it is still there after `timeoutMs`. Resolves once it is gone.
 */
export async function stopPid(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<"stopped" | "killed"> {
  const send = (target: number, sig: NodeJS.Signals) => {
    try {
      process.kill(target, sig);
    } catch {
      // already gone, or (for a group) never led one
    }
  };
  send(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      send(-pid, "SIGKILL"); // stragglers of the group, e.g. Postgres backends still exiting
      return "stopped";
    }
    await sleep(100);
  }
  send(-pid, "SIGKILL");
  send(pid, "SIGKILL");
  const killDeadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(100);
  return "killed";
}

/** Each start gets a fresh log (so readiness and failures only see this run); the last one is kept as .1. */
export async function rotateLog(file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.rename(file, `${file}.1`).catch(() => undefined);
}

export async function tailLog(file: string, lines = 10): Promise<string[]> {
  const text = await fs.readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-lines);
}

export interface RunResult {
  code: number | null;
  output: string;
  /** Set when the command could not be started at all (ENOENT when it is not installed). */
  spawnError?: NodeJS.ErrnoException;
}

/** Runs a command to completion, capturing stdout+stderr. `onTick` fires every `tickMs` while it runs. */
export function runCommand(
  command: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; uid?: number; gid?: number; tickMs?: number; onTick?: () => void } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(command, args, {
      cwd: opts.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
    });
    const append = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout?.on("data", append);
    child.stderr?.on("data", append);
    const timer = opts.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs) : undefined;
    const ticker = opts.onTick ? setInterval(opts.onTick, opts.tickMs ?? 15_000) : undefined;
    const finish = (result: RunResult) => {
      if (timer) clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      resolve(result);
    };
    child.once("error", (err: NodeJS.ErrnoException) => finish({ code: null, output, spawnError: err }));
    child.once("close", (code) => finish({ code, output }));
  });
}

export function lastLines(text: string, n: number): string[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-n);
}

/**
 * A lock file holding the holder's pid. Waits (up to `waitMs`) while a live process holds it;
 * a dead holder's lock is taken over.
 */
export async function acquireLock(file: string, waitMs: number, onWait?: (holder: number) => void): Promise<() => Promise<void>> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      const handle = await fs.open(file, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        if ((await readPid(file)) === process.pid) await removeFile(file);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = await readPid(file);
    if (holder === undefined || holder === process.pid || !isAlive(holder)) {
      // A holder that died (or a half-written file) leaves nothing to wait for.
      if (holder === undefined) await sleep(50);
      if ((await readPid(file)) === holder) await removeFile(file);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`lock ${file} is held by pid ${holder}`);
    if (!told) {
      onWait?.(holder);
      told = true;
    }
    await sleep(250);
  }
}
