#!/usr/bin/env node
// After a deliberate `npm install <pkg>`: records the lockfile and patches as installed, exactly as
// scripts/hub.mjs does after `npm ci`, so the next `npm start`/`npm test` does not reinstall everything.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const patches = path.join(root, "patches");
const inputs = [path.join(root, "package-lock.json"), ...readdirSync(patches).map((f) => path.join(patches, f))];
const h = createHash("sha256");
for (const f of inputs) if (existsSync(f)) h.update(f).update(readFileSync(f));
writeFileSync(path.join(root, "node_modules", ".hub-install-stamp"), h.digest("hex"));
console.log("install stamp updated");
