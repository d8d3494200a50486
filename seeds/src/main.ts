// `tsx seeds/src/main.ts [--demo]`: loads the seed organisations and accounts (and the demo case).
import { serviceConfig } from "@hub/config";
import { createDb } from "@hub/db";
import { publishDemoCases } from "./demo";
import { loadSeeds } from "./load";

const cfg = serviceConfig();
const db = createDb(cfg.databaseUrl, { max: 2 });
try {
  const n = await loadSeeds(db);
  console.log(`[seeds] ${n.orgs} organisations, ${n.users} accounts and ${n.duties} duties in place`);
  if (process.argv.includes("--demo")) {
    for (const d of await publishDemoCases(db, cfg.topicPrefix)) {
      console.log(`[seeds] demo ${d.label}: ${d.status === "accepted" ? "published" : "already published"}`);
    }
  }
} finally {
  await db.close();
}
