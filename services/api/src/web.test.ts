import { describe, expect, it } from "vitest";
import { isAppRoute } from "./web";

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
  it("is not fooled by prefixes of the API's names", () => {
    for (const p of ["/v1x", "/docsearch", "/healthzone"]) expect(isAppRoute(p), p).toBe(true);
  });
});
