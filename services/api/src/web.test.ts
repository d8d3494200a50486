import { describe, expect, it } from "vitest";
import { isAppRoute, webCspDirectives } from "./web";

describe("isAppRoute: which paths get the web app's index.html", () => {
  it("takes the app's routes, with or without a query", () => {
    for (const p of ["/", "/sign-in", "/approvals", "/assignments/3f1c", "/tasks/trade-restriction:US:X-1?tab=history"])
      expect(isAppRoute(p), p).toBe(true);
  });
  it("leaves the API's paths and files alone", () => {
    for (const p of [
      "/v1",
      "/v1/approvals",
      "/v1/unknown?x=1",
      "/docs",
      "/docs/static/index.html",
      "/openapi.json",
      "/healthz",
      "/readyz",
      "/favicon.ico",
      "/assets/x.js",
    ])
      expect(isAppRoute(p), p).toBe(false);
  });
  it("serves a task page whose id holds dots (a case ref like AD.2026.01), with or without a query", () => {
    for (const p of ["/tasks/trade-restriction:US:AD.2026.01", "/tasks/youth-job:VN:OPEN.7.js", "/tasks/x.pdf?tab=history"])
      expect(isAppRoute(p), p).toBe(true);
  });
  it("leaves a missing file of the build to the 404, wherever it sits", () => {
    for (const p of ["/robots.txt", "/assets/index-3f1c.css", "/assets/fonts/a.woff2", "/manifest.webmanifest"]) expect(isAppRoute(p), p).toBe(false);
  });
  it("is not fooled by prefixes of the API's names", () => {
    for (const p of ["/v1x", "/docsearch", "/healthzone"]) expect(isAppRoute(p), p).toBe(true);
  });
});

describe("webCspDirectives: what the app may connect to", () => {
  it("its own origin only, with the hub's own sign-in", () => {
    expect(webCspDirectives({ mode: "dev", jwtSecret: "x", lifetimeS: 60, devLogin: true }).connectSrc).toEqual(["'self'"]);
  });
  it("with single sign-on also the provider's origin (no path, nothing broader), for its discovery and token endpoints", () => {
    const auth = { mode: "oidc", issuer: "https://sso.example.go.kr:8443/realms/team-korea", audience: "a", clientId: "c" } as const;
    expect(webCspDirectives(auth).connectSrc).toEqual(["'self'", "https://sso.example.go.kr:8443"]);
    // Nothing else opens up: scripts, styles and forms stay on the hub's own origin.
    for (const d of ["scriptSrc", "styleSrc", "formAction"] as const) expect(webCspDirectives(auth)[d]).toEqual(["'self'"]);
  });
});
