/**
 * schemathesis (property-based API testing from the OpenAPI document), installed from PyPI into
 * a virtualenv in the cache directory, once per machine and pinned. Only the test that fuzzes the
 * API asks for it; nothing else in the stack needs Python.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { acquireLock, lastLines, runCommand, seconds } from "./process.js";
import { defaultLog } from "./stack.js";
import type { Log } from "./types.js";

export const SCHEMATHESIS_VERSION = "4.32.5";
const INSTALL_TIMEOUT_MS = 15 * 60_000;

function paths(cacheDir: string) {
  const venv = path.join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  // Written last: a venv without it is a broken install (interrupted, or pip failed) and is redone.
  return { venv, bin: path.join(venv, "bin", "st"), done: path.join(venv, ".installed"), lock: `${venv}.lock` };
}

/** The `st` executable of the pinned schemathesis, installing it first when this machine has none. */
export async function ensureSchemathesis(cacheDir: string, log: Log = defaultLog): Promise<string> {
  const p = paths(cacheDir);
  if (existsSync(p.done)) return p.bin;
  const release = await acquireLock(p.lock, INSTALL_TIMEOUT_MS, (holder) => log(`[schemathesis] waiting for pid ${holder}, which is installing it…`));
  try {
    if (existsSync(p.done)) return p.bin;
    const started = Date.now();
    const tick = () => log(`[schemathesis] installing ${SCHEMATHESIS_VERSION} from PyPI (once per machine)… ${seconds(started)}`);
    tick();
    await fs.rm(p.venv, { recursive: true, force: true });
    const steps: [string, string[]][] = [
      ["python3", ["-m", "venv", p.venv]],
      [path.join(p.venv, "bin", "pip"), ["install", "--disable-pip-version-check", "--no-input", "--quiet", `schemathesis==${SCHEMATHESIS_VERSION}`]],
      [p.bin, ["--version"]],
    ];
    for (const [command, args] of steps) {
      const r = await runCommand(command, args, { timeoutMs: INSTALL_TIMEOUT_MS, tickMs: 15_000, onTick: tick });
      if (r.code !== 0) {
        const why = r.spawnError
          ? `${command} could not be started (${r.spawnError.code}); install Python 3 with venv`
          : lastLines(r.output, 8).join("\n");
        throw new Error(`installing schemathesis failed at \`${path.basename(command)} ${args.join(" ")}\`:\n${why}`);
      }
    }
    await fs.writeFile(p.done, `${SCHEMATHESIS_VERSION}\n`);
    log(`[schemathesis] installed in ${seconds(started)}`);
    return p.bin;
  } finally {
    await release();
  }
}
