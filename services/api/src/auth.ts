/** Bearer-token authentication: one hook for the whole API; routes opt out with config.public. */
import fastifyJwt from "@fastify/jwt";
import type { Principal } from "@hub/contracts";
import { type Db, principalFor } from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
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

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; secret: string }) => {
  await app.register(fastifyJwt, { secret: opts.secret, sign: { expiresIn: "12h" } });
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
    const p = await principalFor(opts.db, sub);
    if (!p) throw unauthorized("The token's user no longer exists");
    req.principal = p;
  });
});

/** The caller of an authenticated route (the hook guarantees it is set). */
export function caller(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}
