// Prisma CLI configuration. The JS schema engine with the pg driver adapter keeps every
// migrate command offline (no engine binary download); see README "Prisma offline".
// This tooling file reads DATABASE_URL itself: it runs inside the Prisma CLI, not in a service.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

function pgFields(url: string) {
  // Discrete fields, not connectionString: node-postgres lets a connection string win over
  // the shadow database's name, so migrate dev would diff against the real database.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ""),
  };
}

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run 'npm run stack:up' and export what it prints");
    return new PrismaPg(pgFields(url));
  },
});
