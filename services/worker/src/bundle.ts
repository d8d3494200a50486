import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot, workflowsPath } from "@hub/kinds/paths";
import { bundleWorkflowCode, DefaultLogger } from "@temporalio/worker";

/** Everything that can end up in the workflow bundle. */
const SOURCE_DIRS = ["workflows", "packages/contracts/src"].map((d) => path.join(repoRoot, d));

function sourceHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "node_modules") walk(p);
      else if (e.isFile() && e.name.endsWith(".ts")) h.update(p).update(readFileSync(p));
    }
  };
  for (const d of SOURCE_DIRS) walk(d);
  return h.digest("hex").slice(0, 16);
}

/**
 * The workflow bundle, built once per source change and cached: bundling takes seconds on two
 * cores, and a restarted worker should be back at once.
 */
export async function workflowBundle(cacheDir: string, log: (m: string) => void): Promise<{ code: string }> {
  const file = path.join(cacheDir, `workflow-bundle-${sourceHash()}.js`);
  if (existsSync(file)) return { code: readFileSync(file, "utf8") };
  log("bundling workflow code (once per change)…");
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger("WARN") });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${file}.tmp`, code);
  renameSync(`${file}.tmp`, file);
  // Older bundles belong to older sources; a worker still running one has it in memory already.
  for (const old of readdirSync(cacheDir)) {
    if (old.startsWith("workflow-bundle-") && path.join(cacheDir, old) !== file) rmSync(path.join(cacheDir, old), { force: true });
  }
  return { code };
}
