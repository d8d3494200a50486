/**
 * The web app (apps/web, built by the launcher into `config.api.webDir`) served at `/`: its files
 * with @fastify/static, and index.html for every app route (the app routes in the browser). The
 * API's own paths keep their answers: an unknown `/v1/...` is still the API's 404. Without a built
 * app (in-process test APIs, a bare `node main.mjs`) `/` redirects to the docs, as before.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuthConfig } from "./env";
import { WEB_APP_CSP } from "./headers";

/**
 * The app's policy: its own scripts, styles, fonts and API only (no inline script or style; Vite
 * emits none), images from itself and data: URLs, never framed. With single sign-on the app also
 * calls the provider itself (discovery document, token endpoint for the code and refresh grants),
 * so its origin, and no other, joins connect-src; the login and logout pages are navigations,
 * which the policy does not govern.
 */
export function webCspDirectives(auth: AuthConfig) {
  return {
    ...WEB_APP_CSP,
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: auth.mode === "oidc" ? ["'self'", new URL(auth.issuer).origin] : ["'self'"],
    manifestSrc: ["'self'"],
  };
}

/** Paths that belong to the API, never to the app. */
const API_PATHS = /^\/(v1|docs|openapi\.json|healthz|readyz)(\/|$|\?)/;
/**
 * Where the built app keeps files: Vite's hashed bundles under /assets/, and files copied from
 * public/ at the top level (`/favicon.ico`). A missing one of these is a 404, not the app.
 */
const FILE_PATHS = /^\/(assets\/|[^/]*\.[A-Za-z0-9]+$)/;
/**
 * An app route is a path under none of the API's or the files' paths. A dot deeper down is part
 * of a route, never a file extension: a task id such as `trade-restriction:US:AD.2026.01` must
 * reload as its task page (`/tasks/trade-restriction:US:AD.2026.01`), not as a missing file.
 */
export const isAppRoute = (url: string) => {
  const p = url.split("?")[0] ?? "/";
  return !API_PATHS.test(p) && !FILE_PATHS.test(p);
};

function cacheHeaders(reply: FastifyReply, file: string) {
  // Vite names built assets by their content hash: they never change, so browsers keep them.
  reply.header("cache-control", file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
}

/** The policy as a header value (helmet's directive names, kebab-cased). */
const cspHeader = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(" ")}`)
    .join(";");

/**
 * Answers an app route (GET of a path the API does not own) with index.html; false for anything
 * else, which the API's own 404 then answers. Called from the not-found handler rather than a
 * catch-all route, so API paths keep their answers: an over-long id is still a 400, an unknown
 * `/v1/...` a JSON 404 under the API's strict policy.
 */
export type AppPageFallback = (req: FastifyRequest, reply: FastifyReply) => boolean;

export async function registerWebApp(app: FastifyInstance, webDir: string | null, auth: AuthConfig): Promise<AppPageFallback | null> {
  if (!webDir || !existsSync(path.join(webDir, "index.html"))) {
    app.get("/", { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.redirect("/docs"));
    return null;
  }
  const indexHtml = readFileSync(path.join(webDir, "index.html"));
  const directives = webCspDirectives(auth);
  const header = cspHeader(directives);
  const sendIndex = (reply: FastifyReply) =>
    reply.header("content-security-policy", header).header("cache-control", "no-cache").type("text/html; charset=utf-8").send(indexHtml);
  await app.register(async (scope) => {
    // The app's files are public (the app signs in by itself) and carry the app's policy (set as
    // helmet's per-route config: its own onRoute hook, which reads `route.helmet`, has run already).
    const helmet = { contentSecurityPolicy: { useDefaults: false, directives } };
    scope.addHook("onRoute", (route) => {
      route.config = { ...(route.config as object), public: true, ...({ helmet } as object) };
    });
    await scope.register(fastifyStatic, { root: webDir, wildcard: false, index: false, setHeaders: cacheHeaders, schemaHide: true });
    scope.get("/", { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
  });
  return (req, reply) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !isAppRoute(req.url)) return false;
    sendIndex(reply);
    return true;
  };
}
