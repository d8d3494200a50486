/**
 * GET /v1/auth/dev-accounts: the web app's development sign-in page. Public where dev-login is on
 * (the hub under test), absent — 404, like dev-login — in production.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/hub";
import { inProcessApi } from "./support/in-process-api";

describe("GET /v1/auth/dev-accounts", () => {
  it("lists every seeded account without a token, grouped by organisation, each account once", async () => {
    const r = await call("GET", "/v1/auth/dev-accounts");
    expect(r.status).toBe(200);
    const groups = r.body.orgs as { org: { code: string }; accounts: { email: string; role: string }[] }[];
    const byOrg = Object.fromEntries(groups.map((g) => [g.org.code, g.accounts.map((a) => `${a.email} ${a.role}`)]));
    expect(byOrg["EMB-US"]).toEqual(expect.arrayContaining(["head.us@teamkorea.dev MISSION_HEAD", "staff.us@teamkorea.dev MISSION_STAFF"]));
    expect([...(byOrg.MOTIE ?? [])].sort()).toEqual(["motie2@teamkorea.dev AGENCY_STAFF", "motie@teamkorea.dev AGENCY_STAFF"].sort());
    expect(byOrg.MOFA).toEqual(expect.arrayContaining(["hq@teamkorea.dev HQ_REVIEWER", "admin@teamkorea.dev ADMIN"]));
    const emails = groups.flatMap((g) => g.accounts.map((a) => a.email));
    expect(new Set(emails).size).toBe(emails.length);
    expect(groups[0]?.org).toMatchObject({ nameKo: expect.any(String), nameEn: expect.any(String) });
  });

  it("is documented in the OpenAPI document", async () => {
    const r = await call("GET", "/openapi.json");
    expect(r.body.paths["/v1/auth/dev-accounts"]?.get?.responses?.["200"]).toBeDefined();
  });

  describe("with NODE_ENV=production (dev-login off)", () => {
    let api: Awaited<ReturnType<typeof inProcessApi>>;
    beforeAll(async () => {
      api = await inProcessApi({ NODE_ENV: "production", JWT_SECRET: randomBytes(48).toString("base64") });
    });
    afterAll(async () => api?.close());

    it("does not exist: 404, like dev-login, so the directory is never public there", async () => {
      const r = await api.app.inject({ method: "GET", url: "/v1/auth/dev-accounts" });
      expect(r.statusCode).toBe(404);
      const login = await api.app.inject({ method: "POST", url: "/v1/auth/dev-login", payload: { email: "head.us@teamkorea.dev" } });
      expect(login.statusCode).toBe(404);
    });
  });
});
