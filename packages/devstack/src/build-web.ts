/**
 * The web app (apps/web) built with Vite once per source change, cached like the services'
 * bundles (build-services.ts): `apps/web/.build/<hash>/` holds index.html and assets/, and the API
 * serves that folder (HUB_WEB_DIR). Vite runs as a child process, so its memory is not the launcher's.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./hub-services";

export const WEB_ROOT = path.join(repoRoot, "apps", "web");
const BUILD_ROOT = path.join(WEB_ROOT, ".build");
/** Everything the built app depends on besides node_modules (pinned by the lockfile). */
const INPUTS = ["src", "public", "index.html", "vite.config.ts", "package.json", "tsconfig.json"];

function sourceHash(): string {
  const h = createHash("sha256");
  const add = (p: string) => {
    const entries = readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const f = path.join(p, e.name);
      if (e.isDirectory()) add(f);
      else if (e.isFile()) h.update(path.relative(WEB_ROOT, f)).update(readFileSync(f));
    }
  };
  for (const i of INPUTS) {
    const p = path.join(WEB_ROOT, i);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) add(p);
    else h.update(i).update(readFileSync(p));
  }
  h.update(readFileSync(path.join(repoRoot, "package-lock.json")));
  return h.digest("hex").slice(0, 16);
}

function vite(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const bin = path.join(repoRoot, "node_modules", ".bin", "vite");
    const child = spawn(bin, ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
      cwd: WEB_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (err) => reject(new Error(`the web app's build (vite) could not run: ${err.message}`)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the web app's build (vite) failed (exit code ${code}):\n${out.trim()}`))));
  });
}

/** Builds the app when its sources changed since the last build; returns the folder to serve. Older builds are removed. */
export async function buildWeb(log: (m: string) => void = () => undefined): Promise<string> {
  const hash = sourceHash();
  const dir = path.join(BUILD_ROOT, hash);
  if (existsSync(path.join(dir, "index.html"))) return dir;
  log("building the web app (once per source change)…");
  const t0 = Date.now();
  mkdirSync(BUILD_ROOT, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await vite(tmp);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  for (const old of readdirSync(BUILD_ROOT))
    if (old !== hash && !old.includes(".tmp-")) rmSync(path.join(BUILD_ROOT, old), { recursive: true, force: true });
  log(`web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}
