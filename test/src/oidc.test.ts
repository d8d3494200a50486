/**
 * Single sign-on against the real Keycloak that `npm test` starts (realms generated from the seeds):
 * tokens come from Keycloak's own token endpoint with a seeded user's password, and a second API,
 * built in-process in HUB_AUTH=oidc mode over the test database, decides what they are worth.
 * (The hub under test itself stays on dev-login, which the other tests use.)
 */

import { KEYCLOAK_DEV_ADMIN } from "@hub/devstack";
import { DEV_PASSWORD, OTHER_REALM, OUTSIDER_EMAIL, SHORT_LIVED_CLIENT } from "@hub/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTestEnv as readEnv } from "./support/env";
import { call, cfg, login } from "./support/hub";
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

/** Keycloak's admin REST API, as the provider's own administrators change accounts there. */
async function keycloakAdmin() {
  const base = issuer.replace(/\/realms\/[^/]+$/, "");
  const realm = issuer.replace(/^.*\/realms\//, "");
  const res = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      client_id: "admin-cli",
      username: KEYCLOAK_DEV_ADMIN.user,
      password: KEYCLOAK_DEV_ADMIN.password,
    }),
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  const users = `${base}/admin/realms/${realm}/users`;
  const send = async (method: string, url: string, body: unknown) => {
    const r = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`Keycloak admin ${method} ${url}: ${r.status} ${await r.text()}`);
    return r;
  };
  return {
    /** A provider account with a verified address; resolves to its id (the tokens' `sub`). */
    async create(username: string, email: string): Promise<string> {
      const r = await send("POST", users, {
        username,
        email,
        emailVerified: true,
        enabled: true,
        firstName: "Link",
        lastName: "Test",
        credentials: [{ type: "password", value: DEV_PASSWORD, temporary: false }],
      });
      return (r.headers.get("location") ?? "").split("/").pop() ?? "";
    },
    changeEmail: (id: string, email: string) => send("PUT", `${users}/${id}`, { email, emailVerified: true }),
  };
}

describe("a person is the provider's account (`sub`), linked once by verified e-mail", () => {
  it("links at the first sign-in; an address changed at the provider is still them; the address reused by another account is not", async () => {
    const run = Date.now().toString(36);
    const email = `oidc-link-${run}@teamkorea.dev`;
    const added = await call("POST", "/v1/admin/people", {
      token: await login("admin@teamkorea.dev"),
      body: { email, name: "Linked by sub", posting: { org: "EMB-US", role: "MISSION_STAFF", from: "2020-01-01" } },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const kc = await keycloakAdmin();
    const sub = await kc.create(`link-${run}`, email);

    const first = await keycloakToken(`link-${run}`);
    expect(claims(first)).toMatchObject({ sub, email, email_verified: true });
    expect(await me(first)).toMatchObject({ status: 200, body: { email, role: "MISSION_STAFF", org: { code: "EMB-US" } } });

    // The provider changes the account's address: the token says another e-mail, the same `sub`.
    const renamed = `oidc-renamed-${run}@teamkorea.dev`;
    await kc.changeEmail(sub, renamed);
    const after = await keycloakToken(`link-${run}`);
    expect(claims(after)).toMatchObject({ sub, email: renamed });
    expect(await me(after)).toMatchObject({ status: 200, body: { email } });

    // Another account at the provider now holds the person's old address: it is not them.
    await kc.create(`link-${run}-other`, email);
    const other = await me(await keycloakToken(`link-${run}-other`));
    expect(other.status).toBe(401);
    expect(other.body.message).toBe(
      `${email} is linked to another account at the sign-in provider: ask an administrator if your account there was replaced`,
    );
  });
});
