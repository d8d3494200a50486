/**
 * Single sign-on against the real Keycloak that `npm test` starts (realms generated from the seeds):
 * tokens come from Keycloak's own token endpoint with a seeded user's password, and a second API,
 * built in-process in HUB_AUTH=oidc mode over the test database, decides what they are worth.
 * (The hub under test itself stays on dev-login, which the other tests use.)
 */

import { DEV_PASSWORD, OTHER_REALM, OUTSIDER_EMAIL, SHORT_LIVED_CLIENT } from "@hub/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTestEnv as readEnv } from "./support/env";
import { cfg, login } from "./support/hub";
import { inProcessApi } from "./support/in-process-api";

const issuer = cfg.keycloakIssuer;
const otherIssuer = issuer.replace(/\/realms\/[^/]+$/, `/realms/${OTHER_REALM}`);
const ENV = { HUB_AUTH: "oidc", OIDC_ISSUER: issuer };
const oidcEnv = readEnv({ ...process.env, ...ENV });

/** A password grant at Keycloak's token endpoint: what a browser would get after the PKCE flow, without the browser. */
async function keycloakToken(email: string, opts: { realmIssuer?: string; clientId?: string } = {}): Promise<string> {
  const res = await fetch(`${opts.realmIssuer ?? issuer}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      client_id: opts.clientId ?? oidcEnv.OIDC_CLIENT_ID,
      username: email,
      password: DEV_PASSWORD,
      scope: "openid",
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak token for ${email}: ${res.status} ${body.error_description ?? ""}`);
  return body.access_token;
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

let app: Awaited<ReturnType<typeof inProcessApi>>["app"];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ app, close } = await inProcessApi(ENV));
});
afterAll(async () => close?.());

const me = async (token: string) => {
  const r = await app.inject({ method: "GET", url: "/v1/me", headers: { authorization: `Bearer ${token}` } });
  return { status: r.statusCode, body: r.json() };
};

describe("single sign-on through Keycloak (HUB_AUTH=oidc)", () => {
  it("tells the browser where and how to sign in, and offers no dev-login", async () => {
    const r = await app.inject({ method: "GET", url: "/v1/auth/config" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ mode: "oidc", issuer, clientId: oidcEnv.OIDC_CLIENT_ID, audience: oidcEnv.OIDC_AUDIENCE });
    const login = await app.inject({ method: "POST", url: "/v1/auth/dev-login", payload: { email: "head.us@teamkorea.dev" } });
    expect(login.statusCode).toBe(404);
  });

  it("accepts a seeded user's access token from Keycloak's token endpoint: /v1/me is that user", async () => {
    const token = await keycloakToken("head.us@teamkorea.dev");
    expect(claims(token)).toMatchObject({ iss: issuer, aud: oidcEnv.OIDC_AUDIENCE, email: "head.us@teamkorea.dev" });
    const r = await me(token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: "head.us@teamkorea.dev", role: "MISSION_HEAD", org: { code: "EMB-US" } });
    // Another role, to show it is the token's user and not a fixed one.
    const hq = await me(await keycloakToken("hq@teamkorea.dev"));
    expect(hq.body).toMatchObject({ email: "hq@teamkorea.dev", role: "HQ_REVIEWER" });
  });

  it("answers 403 with a sentence for someone Keycloak knows but the directory does not", async () => {
    const r = await me(await keycloakToken(OUTSIDER_EMAIL));
    expect(r.status).toBe(403);
    expect(r.body.message).toContain(`${OUTSIDER_EMAIL} signed in, but is not in the hub's directory`);
  });

  it("refuses a token from another realm of the same Keycloak (401)", async () => {
    const token = await keycloakToken("head.us@teamkorea.dev", { realmIssuer: otherIssuer });
    expect(claims(token)).toMatchObject({ iss: otherIssuer, aud: oidcEnv.OIDC_AUDIENCE, email: "head.us@teamkorea.dev" });
    const r = await me(token);
    expect(r.status).toBe(401);
    expect(r.body.message).toContain(`not issued for this hub by ${issuer}`);
  });

  it("refuses an expired token (401)", async () => {
    const token = await keycloakToken("head.us@teamkorea.dev", { clientId: SHORT_LIVED_CLIENT });
    const exp = Number(claims(token).exp);
    expect(exp - Number(claims(token).iat)).toBe(1);
    expect((await me(token)).status).toBe(200);
    // Past its exp and the API's 5 s clock tolerance.
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 + 6_500 - Date.now())));
    const r = await me(token);
    expect(r.status).toBe(401);
    expect(r.body.message).toBe("The token has expired: sign in again");
  });

  it("refuses a token the hub signed itself (dev-login) once it runs on a provider (401)", async () => {
    const devToken = await login("head.us@teamkorea.dev");
    const r = await me(devToken);
    expect(r.status).toBe(401);
  });

  it("refuses tokens that are not JWTs, or no token at all (401)", async () => {
    expect((await me("not-a-jwt")).status).toBe(401);
    const r = await app.inject({ method: "GET", url: "/v1/me" });
    expect(r.statusCode).toBe(401);
  });
});
