/**
 * A database that cannot be reached is a 503 with Retry-After, never a 500 that names hosts or
 * drivers. Real Fastify and the real pg pool, pointed at a port of 127.0.0.1 where nothing listens
 * (the fault matrix in test/src/cluster-faults.test.ts restarts a real PostgreSQL for the same answer).
 */
import net from "node:net";
import { createDb, sql } from "@hub/db";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { DATABASE_RETRY_AFTER_S, isDatabaseUnavailable, registerErrorHandler } from "./errors";

/** A port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const db = createDb(`postgresql://postgres:postgres@127.0.0.1:${await closedPort()}/hub`, { max: 1 });
afterAll(() => db.close());

describe("database unavailable", () => {
  it("recognises a refused connection from the pool, and not a query the database refused", async () => {
    const err = await db.one(sql`SELECT 1`).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
  });

  it("answers 503 with Retry-After and no internals", async () => {
    const app = Fastify({ logger: false });
    registerErrorHandler(app);
    app.get("/read", async () => db.one(sql`SELECT 1`));
    const res = await app.inject({ method: "GET", url: "/read" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe(String(DATABASE_RETRY_AFTER_S));
    expect(res.json()).toEqual({
      statusCode: 503,
      error: "Service Unavailable",
      message: "The hub's database is unavailable for a moment; try again in a few seconds.",
    });
    expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|pg|stack/);
    await app.close();
  });
});
