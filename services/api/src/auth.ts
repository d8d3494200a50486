/**
 * Bearer-token authentication: one hook for the whole API; routes opt out with config.public.
 * HUB_AUTH=dev: the hub signs its own tokens (hub-tokens.ts) and names users by id.
 * HUB_AUTH=oidc: an OpenID Connect provider signs them (oidc-tokens.ts) and users are found by e-mail.
 */

import type { Principal } from "@hub/contracts";
import { type Db, findUserByEmail, principalFor } from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { LRUCache } from "lru-cache";
import type { AuthConfig } from "./env";
import { forbidden, HttpError, unauthorized } from "./errors";
import { hubTokens, TokenRefused } from "./hub-tokens";
import { oidcTokens, ProviderUnavailable } from "./oidc-tokens";

declare module "fastify" {
  interface FastifyInstance {
    /** Signs a hub token for a user id; only in HUB_AUTH=dev (dev-login). */
    signHubToken?: (sub: string) => Promise<string>;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

/**
 * Who a token's user is, remembered for a few seconds: every request needs it, and a lookup
 * per request was a third of the API's time. A removed user or a changed role takes effect
 * within PRINCIPAL_TTL_MS.
 */
export const PRINCIPAL_TTL_MS = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** From a bearer token to the principal it names, or an HttpError (401, 403, 503) with a sentence. */
type Authenticate = (token: string) => Promise<Principal>;

function cached(lookup: (key: string) => Promise<Principal | null>) {
  const principals = new LRUCache<string, Principal>({ max: 10_000, ttl: PRINCIPAL_TTL_MS });
  return async (key: string) => {
    const known = principals.get(key);
    if (known) return known;
    const p = await lookup(key);
    if (p) principals.set(key, p);
    return p;
  };
}

function devAuthenticator(db: Db, tokens: ReturnType<typeof hubTokens>): Authenticate {
  const principalOf = cached((id) => principalFor(db, id));
  return async (token) => {
    const sub = await tokens.verify(token);
    // A signed token names a user by id; anything else in `sub` is not one this API issued.
    if (!UUID.test(sub)) throw unauthorized("The token does not name a user: sign in again");
    const p = await principalOf(sub);
    if (!p) throw unauthorized("The token's user no longer exists");
    return p;
  };
}

function oidcAuthenticator(db: Db, auth: Extract<AuthConfig, { mode: "oidc" }>): Authenticate {
  const tokens = oidcTokens(auth);
  const principalOf = cached(async (email) => {
    const u = await findUserByEmail(db, email);
    return u && { userId: u.id, email: u.email, role: u.role, orgCode: u.org.code, orgKind: u.org.kind, orgCountry: u.org.country };
  });
  return async (token) => {
    const { email } = await tokens.verify(token);
    const p = await principalOf(email);
    // Signed in for real, but not someone the hub knows: a 403 that says so, not a retry loop of 401s.
    if (!p) throw forbidden(`${email} signed in, but is not in the hub's directory: ask an administrator to add the account`);
    return p;
  };
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; auth: AuthConfig }) => {
  let authenticate: Authenticate;
  if (opts.auth.mode === "dev") {
    const tokens = hubTokens(opts.auth.jwtSecret, opts.auth.lifetimeS);
    app.decorate("signHubToken", tokens.sign);
    authenticate = devAuthenticator(opts.db, tokens);
  } else {
    authenticate = oidcAuthenticator(opts.db, opts.auth);
  }
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (req) => {
    // Unmatched URLs fall through to the 404 handler; public routes need no token.
    if (req.routeOptions.url === undefined || req.routeOptions.config?.public) return;
    const header = req.headers.authorization;
    if (!header) throw unauthorized();
    const m = /^Bearer +(\S+)$/i.exec(header);
    if (!m?.[1]) throw unauthorized("The Authorization header must be 'Bearer <token>'");
    try {
      req.principal = await authenticate(m[1]);
    } catch (err) {
      if (err instanceof TokenRefused) throw unauthorized(err.message);
      if (err instanceof ProviderUnavailable) {
        req.log.warn({ err }, "sign-in provider unavailable");
        throw new HttpError(503, "The sign-in provider cannot be reached right now; try again shortly");
      }
      throw err;
    }
  });
});

/** The caller of an authenticated route (the hook guarantees it is set). */
export function caller(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}
