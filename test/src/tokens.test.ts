/**
 * Issue 8, defect 1: tokens forged with the development secret (which is in the source) were
 * accepted, an admin token without `exp` included. Here such tokens are minted by hand with that
 * secret and sent to the hub under test (dev mode, the secret it really uses): only a token shaped
 * exactly as the hub issues them passes.
 */

import { HUB_TOKEN_AUDIENCE, HUB_TOKEN_ISSUER, readApiEnv } from "@hub/api";
import { DEV_JWT_SECRET } from "@hub/config";
import { type JWTPayload, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login } from "./support/hub";

const key = new TextEncoder().encode(DEV_JWT_SECRET);
const lifetimeS = readApiEnv().JWT_LIFETIME_MINUTES * 60;
const now = () => Math.floor(Date.now() / 1000);
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()) as JWTPayload;

/** A token signed with the development secret, with exactly these claims. */
const forge = (payload: JWTPayload) => new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);

let adminId: string;
let valid: JWTPayload;
const me = (token: string) => call("GET", "/v1/me", { token });

beforeAll(async () => {
  adminId = String(claims(await login("admin@teamkorea.dev")).sub);
  valid = { sub: adminId, iss: HUB_TOKEN_ISSUER, aud: HUB_TOKEN_AUDIENCE, iat: now(), exp: now() + 600 };
});

describe("tokens the hub issues", () => {
  it("carry iss, aud, iat and an exp within the configured lifetime", async () => {
    const c = claims(await login("head.us@teamkorea.dev"));
    expect(c).toMatchObject({ iss: HUB_TOKEN_ISSUER, aud: HUB_TOKEN_AUDIENCE });
    expect(Number(c.exp) - Number(c.iat)).toBe(lifetimeS);
  });

  it("a hand-made token shaped exactly like them passes (so the refusals below are about the claim each one changes)", async () => {
    const r = await me(await forge(valid));
    expect(r.status).toBe(200);
    expect(r.body.email).toBe("admin@teamkorea.dev");
  });

  it("say how to sign in: dev mode, with the dev-login route", async () => {
    const r = await call("GET", "/v1/auth/config");
    expect(r).toEqual({ status: 200, body: { mode: "dev", devLogin: "/v1/auth/dev-login" } });
  });
});

describe("defect 1: tokens signed with the development secret but not as the hub issues them → 401", () => {
  const cases: [string, (v: JWTPayload) => JWTPayload][] = [
    ["an admin token without exp", ({ exp: _exp, ...v }) => v],
    ["without iat", ({ iat: _iat, ...v }) => v],
    ["without iss", ({ iss: _iss, ...v }) => v],
    ["from another issuer", (v) => ({ ...v, iss: "someone-else" })],
    ["without aud", ({ aud: _aud, ...v }) => v],
    ["for another audience", (v) => ({ ...v, aud: "another-api" })],
    ["living longer than the hub grants (exp − iat)", (v) => ({ ...v, exp: Number(v.iat) + lifetimeS + 3600 })],
    ["issued in the future to stretch its life", (v) => ({ ...v, iat: now() + 2 * lifetimeS, exp: now() + 2 * lifetimeS + 60 })],
    ["expired", (v) => ({ ...v, iat: now() - 7200, exp: now() - 3600 })],
    ["whose sub is not a user id", (v) => ({ ...v, sub: "admin" })],
    ["whose sub is a UUID of nobody", (v) => ({ ...v, sub: "00000000-0000-4000-8000-000000000000" })],
  ];
  it.each(cases)("%s", async (_label, change) => {
    const r = await me(await forge(change(valid)));
    expect(r.status).toBe(401);
    expect(r.body.message).toMatch(/sign in again|no longer exists/);
  });

  it("unsigned (alg none) or signed with another secret", async () => {
    const body = Buffer.from(JSON.stringify(valid)).toString("base64url");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${body}.`;
    expect((await me(none)).status).toBe(401);
    const other = await new SignJWT(valid).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("x".repeat(48)));
    expect((await me(other)).status).toBe(401);
  });
});
