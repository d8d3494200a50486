/**
 * The hub's services as compiled JavaScript: each service's entry bundled with esbuild (the
 * workspace's own TypeScript inlined, npm packages left to node_modules), built once per source
 * change and cached. Run this way a service starts faster and carries no TypeScript loader
 * (tsx costs ~35 MB per process); `node --import tsx` stays the fallback for development.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { HUB_SERVICES, repoRoot } from "./hub-services";

/** Everything a service bundle is built from. */
const SOURCES = ["packages", "workflows", "services"].map((d) => path.join(repoRoot, d));
/** Each service's build sits in its own folder, so its npm imports resolve as its sources' do (services/<name>/node_modules first). */
const buildRoot = (service: string) => path.join(repoRoot, "services", service, ".build");

function sourceHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "node_modules" && e.name !== "histories") walk(p);
      else if (e.isFile() && (e.name.endsWith(".ts") || e.name === "package.json")) h.update(p).update(readFileSync(p));
    }
  };
  for (const d of SOURCES) walk(d);
  h.update(readFileSync(path.join(repoRoot, "package-lock.json")));
  return h.digest("hex").slice(0, 16);
}

/** npm packages stay external (native addons, their own file layout); the workspace's @hub/* code is bundled. */
const externalNpm: Plugin = {
  name: "external-npm",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@hub/") ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Builds every service (when the sources changed since the last build) and returns where each
 * service's `main.mjs` is. Older builds are removed.
 */
export async function buildServices(log: (m: string) => void = () => undefined): Promise<Record<string, string>> {
  const hash = sourceHash();
  const entry = (s: string) => path.join(buildRoot(s), hash, "main.mjs");
  const entries = Object.fromEntries(HUB_SERVICES.map((s) => [s, entry(s)]));
  if (HUB_SERVICES.every((s) => existsSync(entry(s)))) return entries;
  log("compiling the services (once per source change)…");
  for (const s of HUB_SERVICES) {
    const dir = path.join(buildRoot(s), hash);
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    await build({
      entryPoints: [path.join(repoRoot, "services", s, "src", "main.ts")],
      outfile: path.join(tmp, "main.mjs"),
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: "linked",
      plugins: [externalNpm],
      logLevel: "error",
    });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    for (const old of readdirSync(buildRoot(s))) if (old !== hash) rmSync(path.join(buildRoot(s), old), { recursive: true, force: true });
  }
  return entries;
}
