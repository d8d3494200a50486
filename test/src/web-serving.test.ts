/**
 * The hub serves the web app at `/` (npm test builds it and points the hub under test at it):
 * app routes get index.html under the app's strict Content-Security-Policy, built assets are cached
 * for good, and the API's own paths keep their answers.
 */
import { describe, expect, it } from "vitest";
import { apiUrl } from "./support/hub";

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${apiUrl}${path}`, { headers, redirect: "manual" });

describe("the web app at /", () => {
  it("answers / and app routes with index.html under the app's policy: own scripts only, no inline ones, API on the same origin", async () => {
    for (const path of ["/", "/sign-in", "/approvals", "/assignments/some-id"]) {
      const r = await get(path, { accept: "text/html" });
      expect(r.status, path).toBe(200);
      expect(r.headers.get("content-type"), path).toMatch(/^text\/html/);
      const html = await r.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
      const csp = r.headers.get("content-security-policy") ?? "";
      for (const d of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
      ])
        expect(csp, `${path}: ${d}`).toContain(d);
      expect(csp).not.toContain("unsafe-inline");
      expect(r.headers.get("cache-control")).toBe("no-cache");
    }
  });

  it("serves the built assets (content-hashed names) with a long cache, under the same policy", async () => {
    const html = await (await get("/")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const a of assets) {
      const r = await get(a);
      expect(r.status, a).toBe(200);
      expect(r.headers.get("cache-control"), a).toContain("immutable");
      expect(r.headers.get("content-security-policy"), a).toContain("default-src 'self'");
    }
    expect((await get("/assets/missing-0000.js")).status).toBe(404);
  });

  it("leaves the API's paths alone: unknown /v1 routes are the API's JSON 404, docs and health answer as before", async () => {
    const unknown = await get("/v1/no-such-thing", { accept: "text/html" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, error: "Not Found" });
    expect((await get("/healthz")).status).toBe(200);
    expect((await get("/openapi.json")).headers.get("content-type")).toMatch(/json/);
    const docs = await get("/docs");
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-security-policy")).not.toContain("connect-src 'self'");
    // A JSON answer keeps the API's own policy, which loads nothing.
    expect((await get("/healthz")).headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});
