/**
 * A Go program built once with `go install <module>@<version>` and cached outside the clone
 * (HUB_CACHE_DIR/<binary>/<version>/<binary>). Built into a scratch GOBIN and renamed into place,
 * so a killed build never leaves a truncated binary; a lock file keeps two launchers from
 * compiling the same thing at once on 2 cores.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { acquireLock, lastLines, runCommand, seconds } from "./process.js";
import { type Component, type Log, StackError } from "./types.js";

export interface GoProgram {
  component: Component;
  /** What the log calls it ("Mailpit"). */
  label: string;
  /** The module path with its command, e.g. github.com/axllent/mailpit. */
  module: string;
  version: string;
  binary: string;
  /** What to do instead when Go is missing or the build fails. */
  alternative: string;
}

const BUILD_TIMEOUT_MS = 30 * 60_000;
const TICK_MS = 15_000;

export function goBinaryPath(cacheDir: string, p: GoProgram): string {
  return path.join(cacheDir, p.binary, p.version, p.binary);
}

/** The cached binary, built first when it is missing. */
export async function ensureGoBinary(cacheDir: string, p: GoProgram, log: Log): Promise<string> {
  const binary = goBinaryPath(cacheDir, p);
  if (existsSync(binary)) return binary;
  const versionDir = path.dirname(binary);
  await fs.mkdir(path.dirname(versionDir), { recursive: true });
  const release = await acquireLock(`${versionDir}.build.lock`, BUILD_TIMEOUT_MS, (holder) =>
    log(`[stack] ${p.component}: waiting for another launcher (pid ${holder}) that is building ${p.label}…`),
  );
  try {
    if (existsSync(binary)) return binary;
    const go = await runCommand("go", ["version"]);
    if (go.spawnError) {
      throw new StackError(
        p.component,
        `${p.label} ${p.version} is not built yet and Go was not found`,
        `install Go 1.22+ (apt-get install golang) ${p.alternative}`,
      );
    }
    const started = Date.now();
    const what = `building ${p.label} ${p.version} with Go (first run only)`;
    log(`[stack] ${p.component}: ${what}…`);
    const scratch = `${versionDir}.partial-${process.pid}`;
    await fs.rm(scratch, { recursive: true, force: true });
    await fs.mkdir(scratch, { recursive: true });
    // `env` adds GOBIN to the inherited environment.
    const result = await runCommand("env", [`GOBIN=${scratch}`, "go", "install", `${p.module}@${p.version}`], {
      timeoutMs: BUILD_TIMEOUT_MS,
      tickMs: TICK_MS,
      onTick: () => log(`[stack] ${p.component}: ${what}… ${seconds(started)}`),
    });
    const built = path.join(scratch, p.binary);
    if (result.code !== 0 || !existsSync(built)) {
      for (const line of lastLines(result.output, 10)) log(`[stack]   ${line}`);
      await fs.rm(scratch, { recursive: true, force: true });
      throw new StackError(
        p.component,
        `building ${p.label} ${p.version} failed (exit ${result.code})`,
        `see the output above (it needs the Go module proxy) ${p.alternative}`,
      );
    }
    await fs.mkdir(versionDir, { recursive: true });
    await fs.rename(built, binary);
    await fs.rm(scratch, { recursive: true, force: true });
    log(`[stack] ${p.component}: ${p.label} built and cached in ${binary} (${seconds(started)})`);
    return binary;
  } finally {
    await release();
  }
}
