// `tsx seeds/src/main.ts [--demo]`: loads the seed organisations and accounts (and the demo case).
import { serviceConfig } from "@hub/config";
import { createDb } from "@hub/db";
import { publishDemoCase } from "./demo";
import { loadSeeds } from "./load";

const cfg = serviceConfig();
const db = createDb(cfg.databaseUrl, { max: 2 });
try {
  const n = await loadSeeds(db);
  console.log(`[seeds] ${n.orgs} organisations and ${n.users} accounts in place`);
  if (process.argv.includes("--demo")) {
    const status = await publishDemoCase(db, cfg.topicPrefix);
    console.log(`[seeds] demo case US-AD-2026-STEEL-01: ${status === "accepted" ? "published" : "already published"}`);
  }
} finally {
  await db.$disconnect();
}
