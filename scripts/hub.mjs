#!/usr/bin/env node
import { spawn, spawnSync } from "node:child_process";
// Entry point of `npm start`, `npm test`, `npm run test:unit`, `npm run bench` and `npm run stack:*`. Uses Node
// built-ins only, so it works on a fresh clone: it installs and patches dependencies when they
// are missing or stale, then hands over to the TypeScript launcher.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isInstalled, markInstalled } from "./stamp-install.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (m) => console.log(`[hub] ${m}`);
const fail = (m) => {
  console.error(`[hub] ${m}`);
  process.exit(1);
};

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js ${process.versions.node} is too old: install Node.js 20.19 or newer.`);

function run(cmd, args, what, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.error) fail(`${what} could not run: ${r.error.message}`);
  if (r.status !== 0) fail(`${what} failed (exit code ${r.status}); see the output above.`);
}

function ensureDependencies() {
  if (isInstalled()) return;
  say("installing dependencies with npm ci (first run, or the lockfile changed)…");
  run("npm", ["ci", "--no-audit", "--no-fund"], "npm ci");
  say("applying patches (Prisma's pg adapter, see docs/design-notes.md)…");
  run(path.join(root, "node_modules", ".bin", "patch-package"), ["--error-on-fail"], "patch-package");
  markInstalled();
}

/** Runs a TypeScript entry under tsx, forwarding signals, and exits with its code. */
function handOver(entry, args) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, entry), ...args], { cwd: root, stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const [command, ...rest] = process.argv.slice(2);
ensureDependencies();
switch (command) {
  case "start":
    // HUB_PROFILE=cluster: the production shape on one machine (docs/operations.md).
    handOver(process.env.HUB_PROFILE === "cluster" ? "scripts/start-cluster.ts" : "scripts/start.ts", rest);
    break;
  case "test":
    handOver("scripts/test.ts", rest);
    break;
  case "test:unit":
    // The unit tier alone: no stack boots (scripts/test.ts starts it only for the tiers that need it).
    handOver("scripts/test.ts", ["--project", "unit", ...rest]);
    break;
  case "bench":
    handOver("bench/src/main.ts", rest);
    break;
  case "stack":
    handOver("packages/devstack/src/cli.ts", rest);
    break;
  case "cluster":
    handOver("packages/devstack/src/cluster-cli.ts", rest);
    break;
  case "directory-import":
    handOver("scripts/directory-import.ts", rest);
    break;
  case "kafka-org":
    handOver("scripts/kafka-org.ts", rest);
    break;
  case "check":
    run(path.join(root, "node_modules", ".bin", "turbo"), ["run", "typecheck", "lint", "--output-logs=errors-only"], "type-check and lint", {
      TURBO_TELEMETRY_DISABLED: "1",
    });
    run(path.join(root, "node_modules", ".bin", "tsc"), ["-p", "scripts"], "type-check of scripts/");
    run(
      path.join(root, "node_modules", ".bin", "biome"),
      ["check", "scripts", "prisma.config.ts", "vitest.config.ts", "turbo.json", "biome.json"],
      "lint of the root",
    );
    break;
  default:
    fail(
      `unknown command "${command}": use start, test, test:unit, bench, check, kafka-org <ORG>, directory-import FILE [--dry-run], stack up|down|status or cluster up|down|status`,
    );
}
