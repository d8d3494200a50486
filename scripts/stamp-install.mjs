// What `npm ci` was last run for: the lockfile and the patches, hashed. scripts/hub.mjs reinstalls
// when they change; run this file after a deliberate `npm install <pkg>` so it does not.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = path.join(root, "node_modules", ".hub-install-stamp");

/** The hash the stamp must hold for node_modules to count as installed from the current lockfile. */
export function wantedStamp() {
  const patches = path.join(root, "patches");
  const h = createHash("sha256");
  for (const f of [path.join(root, "package-lock.json"), ...readdirSync(patches).map((f) => path.join(patches, f))]) {
    if (existsSync(f)) h.update(f).update(readFileSync(f));
  }
  return h.digest("hex");
}

export const isInstalled = () => existsSync(stampFile) && readFileSync(stampFile, "utf8") === wantedStamp();
export const markInstalled = () => writeFileSync(stampFile, wantedStamp());

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  markInstalled();
  console.log("install stamp updated");
}
