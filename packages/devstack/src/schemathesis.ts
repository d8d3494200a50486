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

/**
 * One line of our own wording from the SUMMARY section of `st run`'s output: operations tested,
 * test cases generated, failures, errors and warnings, the time it took. schemathesis closes its
 * report with a pytest-style line (`==== 2 warnings in 7.45s ====`) that a reader of a run's closing
 * lines takes for a pytest run of no tests; `npm test` shows the digest on success and the full
 * report only when schemathesis found something (test/src/schemathesis.test.ts).
 */
export function schemathesisDigest(output: string): string {
  const summary = output.slice(Math.max(0, output.lastIndexOf("SUMMARY")));
  const num = (re: RegExp) => {
    const m = re.exec(summary);
    return m?.[1] === undefined ? undefined : Number(m[1]);
  };
  const sectionTotal = (title: string) => {
    const m = new RegExp(`^${title}:\\n((?:[ \\t]+.*\\n?)*)`, "m").exec(summary);
    if (!m?.[1]) return 0;
    return [...m[1].matchAll(/:\s*(\d+)\s*$/gm)].reduce((n, x) => n + Number(x[1]), 0);
  };
  const selected = /Selected:\s*(\d+)\/(\d+)/.exec(summary);
  const tested = num(/Tested:\s*(\d+)/);
  const generated = num(/Test cases:\s*\n\s*(\d+) generated/);
  const lastLine = summary.trimEnd().split("\n").at(-1) ?? "";
  const warnings = /(\d+) warnings?\b/.exec(lastLine)?.[1];
  const seconds = /in (\d+(?:\.\d+)?)s\b/.exec(lastLine)?.[1];
  if (!selected || tested === undefined) return "schemathesis: finished, but its summary could not be read";
  const failures = sectionTotal("Failures");
  const errors = sectionTotal("Errors");
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  return [
    `schemathesis: ${tested} of ${selected[1]} selected operations tested (${selected[2]} in the document)`,
    generated === undefined ? "no test case generated" : `${plural(generated, "generated test case")}`,
    failures ? plural(failures, "failure") : "no failure",
    errors ? plural(errors, "error") : "no error",
    warnings ? plural(Number(warnings), "warning") : "no warning",
    ...(seconds ? [`${seconds} s`] : []),
  ].join(", ");
}
