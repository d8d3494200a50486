/**
 * Abuse limits and security headers. The limits are tried on a second API built in-process over
 * the test database with low limits (the hub under test lifts them: every test signs in and
 * publishes from one address); the headers, /docs and dev-login's answers on the hub under test.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, call, login } from "./support/hub";
import { inProcessApi } from "./support/in-process-api";

const ENV = { HUB_RATE_SIGNIN_PER_IP: "6", HUB_RATE_SIGNIN_PER_EMAIL: "3", HUB_RATE_PUBLISH_PER_USER: "2" };

let app: Awaited<ReturnType<typeof inProcessApi>>["app"];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ app, close } = await inProcessApi(ENV));
});
afterAll(async () => close?.());

/** dev-login on the in-process API from a given client address. */
const signIn = (email: string, from: string) => app.inject({ method: "POST", url: "/v1/auth/dev-login", payload: { email }, remoteAddress: from });

/** A 429 in the API's error shape, with a Retry-After within the one-minute window. */
function expectTooMany(r: Awaited<ReturnType<typeof signIn>>, what: RegExp) {
  expect(r.statusCode, r.body).toBe(429);
  const retryAfter = Number(r.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(r.json()).toEqual({ statusCode: 429, error: "Too Many Requests", message: expect.stringMatching(what) });
  expect(r.json().message).toContain(`Try again in ${retryAfter} s`);
}

describe("rate limits (an API with 6 sign-ins per address, 3 per e-mail, 2 publications per user a minute)", () => {
  it("limits sign-in per e-mail: the 4th attempt for one address is 429, another e-mail still signs in", async () => {
    for (let i = 0; i < 3; i++) expect((await signIn("head.us@teamkorea.dev", "10.0.0.1")).statusCode).toBe(200);
    expectTooMany(await signIn("head.us@teamkorea.dev", "10.0.0.1"), /sign-in attempts for this e-mail/);
    // The same e-mail from elsewhere is the same account under attack: still limited.
    expectTooMany(await signIn("HEAD.US@teamkorea.dev", "10.0.0.2"), /sign-in attempts for this e-mail/);
    expect((await signIn("staff.us@teamkorea.dev", "10.0.0.1")).statusCode).toBe(200);
  });

  it("limits sign-in per client address, unknown and invalid e-mails included", async () => {
    const from = "10.0.0.3";
    const emails = ["kotra.us", "kotra.vn", "moel", "mcst", "nobody-here", "not an e-mail"];
    const statuses = [];
    for (const e of emails) statuses.push((await signIn(e.includes(" ") ? e : `${e}@teamkorea.dev`, from)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 404, 400]);
    expectTooMany(await signIn("mpva@teamkorea.dev", from), /sign-in attempts from your address/);
    expect((await signIn("mpva@teamkorea.dev", "10.0.0.4")).statusCode).toBe(200);
  });

  it("limits publishing per user across events and plans: the 3rd attempt in the minute is 429", async () => {
    const token = (await signIn("staff.jp@teamkorea.dev", "10.0.0.5")).json().token as string;
    const headers = { authorization: `Bearer ${token}` };
    // Invalid bodies: every attempt counts, and nothing is stored.
    expect((await app.inject({ method: "POST", url: "/v1/events", headers, payload: {} })).statusCode).toBe(400);
    expect((await app.inject({ method: "POST", url: "/v1/plans", headers, payload: {} })).statusCode).toBe(400);
    expectTooMany(await app.inject({ method: "POST", url: "/v1/events", headers, payload: {} }), /publications from your account/);
    expectTooMany(await app.inject({ method: "POST", url: "/v1/plans", headers, payload: {} }), /publications from your account/);
    // Another user publishes on.
    const other = (await signIn("head.jp@teamkorea.dev", "10.0.0.5")).json().token as string;
    expect((await app.inject({ method: "POST", url: "/v1/events", headers: { authorization: `Bearer ${other}` }, payload: {} })).statusCode).toBe(
      400,
    );
  });

  it("counts every event of a batch as a publication: a batch of 100 spends the allowance, the events beyond it are refused 429", async () => {
    const token = (await signIn("staff.vn@teamkorea.dev", "10.0.0.6")).json().token as string;
    const headers = { authorization: `Bearer ${token}` };
    // Invalid events, so nothing is stored whichever way each is counted.
    const batch = await app.inject({
      method: "POST",
      url: "/v1/events",
      headers: { ...headers, "content-type": "application/cloudevents-batch+json" },
      payload: JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ id: `abuse-batch-${i}` }))),
    });
    expect(batch.statusCode, batch.body).toBe(200);
    const results = batch.json().results as { index: number; id: string | null; statusCode?: number; error?: string }[];
    expect(results).toHaveLength(100);
    // The first two fit in the allowance of 2 (and are refused for what they are), the other 98 are over it.
    expect(results.slice(0, 2).map((o) => o.statusCode)).toEqual([400, 400]);
    expect(results.slice(2).every((o) => o.statusCode === 429)).toBe(true);
    expect(results[2]).toMatchObject({
      index: 2,
      id: "abuse-batch-2",
      status: "refused",
      error: expect.stringMatching(/publications from your account/),
    });
    expect(Number(batch.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // The allowance is spent: the next publication of the minute is 429 as a whole.
    expectTooMany(await app.inject({ method: "POST", url: "/v1/events", headers, payload: {} }), /publications from your account/);
  });

  it("counts a batch that fits as its events: two events leave nothing of an allowance of 2", async () => {
    const token = (await signIn("staff.se@teamkorea.dev", "10.0.0.7")).json().token as string;
    const headers = { authorization: `Bearer ${token}` };
    const batch = await app.inject({
      method: "POST",
      url: "/v1/events",
      headers: { ...headers, "content-type": "application/cloudevents-batch+json" },
      payload: JSON.stringify([{}, {}]),
    });
    expect(batch.json().results.map((o: { statusCode?: number }) => o.statusCode)).toEqual([400, 400]);
    expect(batch.headers["retry-after"]).toBeUndefined();
    expectTooMany(await app.inject({ method: "POST", url: "/v1/plans", headers, payload: {} }), /publications from your account/);
  });

  it("documents the 429 on the limited routes", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    for (const [path, method] of [
      ["/v1/auth/dev-login", "post"],
      ["/v1/events", "post"],
      ["/v1/plans", "post"],
    ] as const) {
      expect(Object.keys(doc.paths[path][method].responses), `${method} ${path}`).toContain("429");
    }
    expect(Object.keys(doc.paths["/v1/orgs"].get.responses)).not.toContain("429");
  });
});

describe("security headers (the hub under test)", () => {
  it("sends a strict policy with JSON answers: nothing may load, nothing may frame them", async () => {
    const token = await login("hq@teamkorea.dev");
    for (const path of ["/v1/orgs", "/healthz", "/v1/no-such-route"]) {
      const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("keeps /docs working under its own policy: the page, and the scripts it loads from the hub", async () => {
    const page = await fetch(`${apiUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain("upgrade-insecure-requests");
    const html = await page.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const js = await fetch(new URL(src, `${apiUrl}/docs/`));
      expect(js.status, src).toBe(200);
      expect(js.headers.get("content-type"), src).toContain("javascript");
    }
  });
});

describe("dev-login answers", () => {
  it("refuses an e-mail beyond 254 characters with 400 and does not echo it", async () => {
    const huge = `${"x".repeat(100_000)}@teamkorea.dev`;
    const r = await call("POST", "/v1/auth/dev-login", { body: { email: huge } });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toContain("body.email");
    expect(JSON.stringify(r.body).length).toBeLessThan(1_000);
  });

  it("says there is no account without repeating the address", async () => {
    const email = `nobody-${"y".repeat(200)}@teamkorea.dev`;
    const r = await call("POST", "/v1/auth/dev-login", { body: { email } });
    expect(r.status).toBe(404);
    expect(r.body.message).toMatch(/^No account for that e-mail/);
    expect(JSON.stringify(r.body)).not.toContain("nobody-");
  });
});
