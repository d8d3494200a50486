import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ApiDeps } from "../deps";

const Check = z.object({ status: z.enum(["up", "down"]), ms: z.number(), error: z.string().optional() });
const Ready = z.object({ status: z.enum(["ready", "not_ready"]), checks: z.record(z.string(), Check) });

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export async function healthRoutes(app: FastifyInstance, deps: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/healthz",
    { config: { public: true }, schema: { tags: ["health"], response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({
      status: "ok" as const,
    }),
  );
  r.get(
    "/readyz",
    {
      config: { public: true },
      schema: { tags: ["health"], description: "Checks Postgres, Kafka and Temporal for real", response: { 200: Ready, 503: Ready } },
    },
    async (_req, reply) => {
      const entries = await Promise.all(
        Object.entries(deps.readiness).map(async ([name, check]) => {
          const t0 = performance.now();
          try {
            await withTimeout(check(), 3000);
            return [name, { status: "up" as const, ms: Math.round(performance.now() - t0) }] as const;
          } catch (err) {
            return [
              name,
              { status: "down" as const, ms: Math.round(performance.now() - t0), error: err instanceof Error ? err.message : String(err) },
            ] as const;
          }
        }),
      );
      const checks = Object.fromEntries(entries);
      const ready = entries.every(([, c]) => c.status === "up");
      return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", checks });
    },
  );
}
