/**
 * Access tokens from an OpenID Connect provider (HUB_AUTH=oidc): signature checked against the
 * provider's published keys (JWKS, found through its discovery document, fetched and rotated by
 * jose), issuer and audience checked, `exp` required. Only asymmetric algorithms are accepted, so
 * a token the hub signed itself with its shared secret can never pass here.
 */

import type { ProviderIdentity } from "@hub/db";
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import { TokenRefused } from "./hub-tokens";

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
/** Tolerated clock difference between the provider and this process, in seconds. */
const SKEW_S = 5;
const FETCH_TIMEOUT_MS = 5_000;

/** The provider could not be asked (down, unreachable, or its discovery document is wrong): a 503, not the caller's fault. */
export class ProviderUnavailable extends Error {}

/** The account a token names at its provider (issuer + `sub`), and the e-mail the provider has verified for it. */
export type OidcIdentity = ProviderIdentity;

export interface OidcTokens {
  verify(token: string): Promise<OidcIdentity>;
}

async function discoverJwks(issuer: string): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    doc = (await res.json()) as typeof doc;
  } catch (err) {
    throw new ProviderUnavailable(`The sign-in provider's discovery document (${url}) cannot be read: ${(err as Error).message}`);
  }
  // OpenID Connect Discovery §4.3: the document must name exactly the issuer it was fetched for.
  if (doc.issuer !== issuer || typeof doc.jwks_uri !== "string") {
    throw new ProviderUnavailable(`The discovery document at ${url} does not describe issuer ${issuer}`);
  }
  return createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: FETCH_TIMEOUT_MS });
}

export function oidcTokens(opts: { issuer: string; audience: string }): OidcTokens {
  // Discovered on first use (the API starts even while the provider is still booting) and again after a failure.
  let jwks: Promise<JWTVerifyGetKey> | undefined;
  const keys = () => {
    jwks ??= discoverJwks(opts.issuer).catch((err) => {
      jwks = undefined;
      throw err;
    });
    return jwks;
  };
  return {
    async verify(token) {
      const getKey = await keys();
      let payload: Awaited<ReturnType<typeof jwtVerify>>["payload"];
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          algorithms: ALGORITHMS,
          issuer: opts.issuer,
          audience: opts.audience,
          requiredClaims: ["exp", "sub"],
          clockTolerance: SKEW_S,
        }));
      } catch (err) {
        if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
          throw new ProviderUnavailable(`The sign-in provider's keys cannot be fetched: ${(err as Error).message}`);
        }
        if (err instanceof errors.JWTExpired) throw new TokenRefused("The token has expired: sign in again");
        throw new TokenRefused(`The token was not issued for this hub by ${opts.issuer}: sign in again`);
      }
      // `sub` names the account (required above); the e-mail only links it the first time, and an
      // address the provider has not verified proves nothing.
      const verified = typeof payload.email === "string" && payload.email_verified === true ? payload.email.toLowerCase() : null;
      return { issuer: opts.issuer, sub: payload.sub as string, verifiedEmail: verified };
    },
  };
}
