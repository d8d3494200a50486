/**
 * The web app (apps/web, built by the launcher into `config.api.webDir`) served at `/`: its files
 * with @fastify/static, and index.html for every app route (the app routes in the browser). The
 * API's own paths keep their answers: an unknown `/v1/...` is still the API's 404. Without a built
 * app (in-process test APIs, a bare `node main.mjs`) `/` redirects to the docs, as before.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { WEB_APP_CSP } from "./headers";

/**
 * The app's policy: its own scripts, styles, fonts and API only (no inline script or style; Vite
 * emits none), images from itself and data: URLs, never framed.
 */
export const WEB_CSP_DIRECTIVES = {
  ...WEB_APP_CSP,
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
};

/** Paths that belong to the API, never to the app. */
const API_PATHS = /^\/(v1|docs|openapi\.json|healthz|readyz)(\/|$|\?)/;
/** An app route is a path under none of them whose last segment has no file extension (`/approvals/123`, not `/logo.png`). */
export const isAppRoute = (url: string) => {
  const p = url.split("?")[0] ?? "/";
  return !API_PATHS.test(p) && !/\.[A-Za-z0-9]+$/.test(p);
};

function cacheHeaders(reply: FastifyReply, file: string) {
  // Vite names built assets by their content hash: they never change, so browsers keep them.
  reply.header("cache-control", file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
}

export async function registerWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  if (!webDir || !existsSync(path.join(webDir, "index.html"))) {
    app.get("/", { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.redirect("/docs"));
    return;
  }
  await app.register(async (scope) => {
    // Every route of this scope is public (the app signs in by itself) and carries the app's policy
    // (set as helmet's per-route config: its own onRoute hook, which reads `route.helmet`, has run already).
    const helmet = { contentSecurityPolicy: { useDefaults: false, directives: WEB_CSP_DIRECTIVES } };
    scope.addHook("onRoute", (route) => {
      route.config = { ...(route.config as object), public: true, ...({ helmet } as object) };
    });
    await scope.register(fastifyStatic, { root: webDir, wildcard: false, index: false, setHeaders: cacheHeaders, schemaHide: true });
    const sendIndex = (reply: FastifyReply) => reply.header("cache-control", "no-cache").sendFile("index.html");
    scope.get("/", { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
    scope.get("/*", { schema: { hide: true } }, async (req, reply) => (isAppRoute(req.url) ? sendIndex(reply) : reply.callNotFound()));
  });
}
