/**
 * Tokens the hub signs itself (HUB_AUTH=dev): HS256 with JWT_SECRET, always carrying iss, aud, iat
 * and exp. Verification insists on all of them, so a token signed with a leaked development secret
 * but minted by hand (no exp, another audience, a lifetime of years) is still refused.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";

export const HUB_TOKEN_ISSUER = "team-korea-hub";
export const HUB_TOKEN_AUDIENCE = "team-korea-hub-api";
/** Tolerated clock difference between the signer and this process, in seconds. */
const SKEW_S = 30;

export class TokenRefused extends Error {}

export interface HubTokens {
  sign(sub: string): Promise<string>;
  /** The token's `sub`, or TokenRefused with a sentence for the caller. */
  verify(token: string): Promise<string>;
}

/**
 * Tokens that passed verification, with their `sub`, until they expire. A token cannot change, so
 * its signature and claims need checking once: measured here, jose's HS256 verification (HMAC
 * through WebCrypto) cost 0.2–0.26 ms of CPU per request, about half of what accepting an event
 * costs the API. Bounded, and never kept past the token's own `exp`.
 */
const VERIFIED_TOKENS_MAX = 10_000;

export function hubTokens(secret: string, lifetimeS: number): HubTokens {
  const key = new TextEncoder().encode(secret);
  const verified = new LRUCache<string, string>({ max: VERIFIED_TOKENS_MAX });
  return {
    sign: (sub) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(sub)
        .setIssuer(HUB_TOKEN_ISSUER)
        .setAudience(HUB_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${lifetimeS}s`)
        .sign(key),
    async verify(token) {
      const known = verified.get(token);
      if (known !== undefined) return known;
      let payload: Awaited<ReturnType<typeof jwtVerify>>["payload"];
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: ["HS256"],
          issuer: HUB_TOKEN_ISSUER,
          audience: HUB_TOKEN_AUDIENCE,
          requiredClaims: ["exp", "iat", "sub"],
          clockTolerance: SKEW_S,
        }));
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new TokenRefused("The token has expired: sign in again");
        throw new TokenRefused("The token is missing, malformed, expired or not issued by this hub: sign in again");
      }
      const { exp = 0, iat = 0, sub = "" } = payload;
      // A token that claims to live longer than the hub ever grants was not minted by the hub.
      if (exp - iat > lifetimeS || exp > Date.now() / 1000 + lifetimeS + SKEW_S) {
        throw new TokenRefused(`The token lives longer than the ${lifetimeS} s this hub grants: sign in again`);
      }
      const ttl = exp * 1000 - Date.now();
      if (ttl > 0) verified.set(token, sub, { ttl });
      return sub;
    },
  };
}
