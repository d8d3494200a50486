/**
 * Security headers (helmet) for every response. The API answers JSON, which never needs to load
 * anything: its policy allows nothing and no framing. The docs at /docs (swagger-ui) send their
 * own policy, made by @fastify/swagger-ui from hashes of its inline script and style; the web app
 * builds its own on WEB_APP_CSP (web.ts).
 */
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

const API_CSP = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/** For the browser app's routes (route option `helmet: { contentSecurityPolicy: { directives: WEB_APP_CSP } }`). */
export const WEB_APP_CSP = {
  defaultSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

/**
 * swagger-ui's options: its own policy on /docs and its static files, without
 * upgrade-insecure-requests, which would send the page's scripts to https on a plain-http hub.
 */
export const DOCS_CSP = {
  staticCSP: true,
  transformStaticCSP: (header: string) => header.replace(/\s*upgrade-insecure-requests;?/, ""),
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
}
