/** Bearer-token authentication: one hook for the whole API; routes opt out with config.public. */
import fastifyJwt from "@fastify/jwt";
import type { Principal } from "@hub/contracts";
import { type Db, principalFor } from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { LRUCache } from "lru-cache";
import { unauthorized } from "./errors";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

declare module "@fastify/jwt" {
  interface FastifyJWT {
    payload: { sub: string };
  }
}

/**
 * Who a token's user is, remembered for a few seconds: every request needs it, and a lookup
 * per request was a third of the API's time. A removed user or a changed role takes effect
 * within PRINCIPAL_TTL_MS.
 */
export const PRINCIPAL_TTL_MS = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; secret: string }) => {
  await app.register(fastifyJwt, { secret: opts.secret, sign: { expiresIn: "12h" } });
  const principals = new LRUCache<string, Principal>({ max: 10_000, ttl: PRINCIPAL_TTL_MS });
  const principalOf = async (sub: string) => {
    const known = principals.get(sub);
    if (known) return known;
    const p = await principalFor(opts.db, sub);
    if (p) principals.set(sub, p);
    return p;
  };
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (req) => {
    // Unmatched URLs fall through to the 404 handler; public routes need no token.
    if (req.routeOptions.url === undefined || req.routeOptions.config?.public) return;
    if (!req.headers.authorization) throw unauthorized();
    let sub: string;
    try {
      sub = (await req.jwtVerify<{ sub: string }>()).sub;
    } catch {
      throw unauthorized("The token is missing, malformed or expired: sign in again");
    }
    // A signed token names a user by id; anything else in `sub` is not one this API issued.
    if (typeof sub !== "string" || !UUID.test(sub)) throw unauthorized("The token does not name a user: sign in again");
    const p = await principalOf(sub);
    if (!p) throw unauthorized("The token's user no longer exists");
    req.principal = p;
  });
});

/** The caller of an authenticated route (the hook guarantees it is set). */
export function caller(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}
