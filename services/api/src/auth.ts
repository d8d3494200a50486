/**
 * Bearer-token authentication: one hook for the whole API; routes opt out with config.public.
 * HUB_AUTH=dev: the hub signs its own tokens (hub-tokens.ts) and names users by id.
 * HUB_AUTH=oidc: an OpenID Connect provider signs them (oidc-tokens.ts) and users are found by the
 * provider's `sub`, linked at their first sign-in by verified e-mail (packages/db identity-links.ts).
 */

import type { Principal } from "@hub/contracts";
import { type Db, personOfIdentity, principalFor, principalOfIdentity, signInRefusal } from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** From a bearer token to the principal it names, or an HttpError (401, 403, 503) with a sentence. */
type Authenticate = (token: string) => Promise<Principal>;

/*
 * Who a token's person is, looked up on every request (one query on the person's id): a token
 * verified once stays verified (hub-tokens.ts), but what it may do follows the person's posting
 * today, so a deactivation or an ended posting is refused on the very next request rather than
 * when a cache entry expires. The lookup is the only per-request query; it is planned once per
 * connection (prepared statements, client.ts).
 */

function devAuthenticator(db: Db, tokens: ReturnType<typeof hubTokens>): Authenticate {
  return async (token) => {
    const sub = await tokens.verify(token);
    // A signed token names a user by id; anything else in `sub` is not one this API issued.
    if (!UUID.test(sub)) throw unauthorized("The token does not name a user: sign in again");
    const p = await principalFor(db, sub);
    if (!p) throw unauthorized((await signInRefusal(db, { id: sub })) ?? "The token's user no longer exists");
    return p;
  };
}

function oidcAuthenticator(db: Db, auth: Extract<AuthConfig, { mode: "oidc" }>): Authenticate {
  const tokens = oidcTokens(auth);
  return async (token) => {
    const identity = await tokens.verify(token);
    const posted = await principalOfIdentity(db, identity);
    if (posted) return posted;
    // Not linked yet (the first sign-in), or linked but refused: the slower path says which.
    const found = await personOfIdentity(db, identity);
    if (found.kind === "person") {
      const p = await principalFor(db, found.id);
      if (p) return p;
      // Known, but inactive or without a posting today: refused as a dead session is.
      throw unauthorized((await signInRefusal(db, { id: found.id })) ?? "This account no longer exists in the hub");
    }
    if (found.kind === "taken") {
      throw unauthorized(
        `${found.email} is linked to another account at the sign-in provider: ask an administrator if your account there was replaced`,
      );
    }
    if (!found.email)
      throw unauthorized("The token carries no verified e-mail address: the provider must include the email scope and verify the address");
    // Signed in for real, but not someone the hub knows: a 403 that says so, not a retry loop of 401s.
    throw forbidden(`${found.email} signed in, but is not in the hub's directory: ask an administrator to add the account`);
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
