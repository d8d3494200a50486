/**
 * `npm run directory:import -- FILE [--dry-run]`: imports a directory file (docs/directory.md)
 * into the hub's database (DATABASE_URL, else the local stack's) through the same import as
 * POST /v1/admin/directory/import: every problem named by path and field and nothing changed, or
 * every change listed (and, without --dry-run, applied in one transaction and audited as
 * `cli:<user>`).
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { DirectoryFile } from "@hub/contracts";
import { createDb, importDirectory } from "@hub/db";
import { readStackEnv, stackConfig, stackEndpoints } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { oneLine } from "./env";

const say = (line: string) => console.log(`[directory] ${line}`);
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const files = args.filter((a) => a !== "--dry-run");
if (files.length !== 1 || files[0]?.startsWith("--")) {
  console.error("[directory] usage: npm run directory:import -- FILE [--dry-run]   (the format: docs/directory.md)");
  process.exit(2);
}
const file = files[0] as string;

let input: unknown;
try {
  input = JSON.parse(readFileSync(file, "utf8"));
} catch (err) {
  console.error(`[directory] ${file} cannot be read as JSON: ${oneLine(err)}`);
  process.exit(1);
}
const parsed = DirectoryFile.safeParse(input);
if (!parsed.success) {
  console.error(`[directory] ${file} is not a directory file; nothing was changed:`);
  for (const i of parsed.error.issues) console.error(`  ${i.path.join(".") || "(file)"}: ${i.message}`);
  process.exit(1);
}

const db = createDb(process.env.DATABASE_URL || stackEndpoints(stackConfig(readStackEnv(), repoRoot)).databaseUrl, { max: 2 });
try {
  const r = await importDirectory(db, parsed.data, { dryRun, closeMissing: true, by: { actor: `cli:${userInfo().username}`, actorOrg: null } });
  if (!r.ok) {
    console.error(`[directory] ${file} cannot be imported (${r.issues.length} problem(s)); nothing was changed:`);
    for (const i of r.issues) console.error(`  ${i.path}: ${i.message}`);
    process.exitCode = 1;
  } else {
    for (const c of r.changes)
      say(`${c.action.padEnd(6)} ${c.entity} ${c.key}${c.action === "change" ? `: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}` : ""}`);
    const { added, changed, closed, removed } = r.summary;
    const counts = `${added} added, ${changed} changed, ${closed} closed, ${removed} removed`;
    say(
      dryRun ? `dry run: would make ${counts}; nothing was changed` : r.batch ? `applied: ${counts} (audit batch ${r.batch})` : "nothing to change",
    );
  }
} catch (err) {
  console.error(`[directory] ${oneLine(err)} (is the stack running? npm run stack:up)`);
  process.exitCode = 1;
} finally {
  await db.close();
}
