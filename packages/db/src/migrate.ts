import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Applies pending migrations with `prisma migrate deploy` (JS schema engine over the patched pg
 * adapter, so it needs no network). Output is kept and shown only when it fails.
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const prisma = path.join(repoRoot, "node_modules", ".bin", "prisma");
  const out: Buffer[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(prisma, ["migrate", "deploy"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => out.push(b));
    child.on("error", reject);
    child.on("exit", (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${Buffer.concat(out).toString("utf8").trim()}`);
  }
}
