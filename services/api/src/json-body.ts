/**
 * Request JSON with a bounded depth. Nesting is counted on the raw text before anything parses
 * it, so a body nested thousands of levels deep is a 400 naming the limit — on every route,
 * the unauthenticated ones included — and never reaches code that walks a value recursively
 * (Fastify's prototype-poisoning scan, zod, the text checks), where it would overflow the stack.
 * Parsing itself stays Fastify's own (secure-json-parse, prototype poisoning refused).
 */
import { LIMITS } from "@hub/contracts";
import type { FastifyInstance } from "fastify";
import { badRequest } from "./errors";

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** True when the JSON text nests objects and arrays deeper than `max` (strings are skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

// SCIM (RFC 7644 §3.1) is JSON too.
const JSON_MEDIA_TYPES = ["application/json", "application/cloudevents+json", "application/cloudevents-batch+json", "application/scim+json"];

export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? "error", app.initialConfig.onConstructorPoisoning ?? "error");
  app.removeContentTypeParser("application/json");
  // CloudEvents' structured and batch modes are JSON too, under the same limits.
  app.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: "string" }, (req, body, done) => {
    if (nestsDeeperThan(body as string, LIMITS.jsonDepth)) {
      const message = `nests objects and arrays deeper than ${LIMITS.jsonDepth} levels`;
      done(badRequest(`The request is invalid: body ${message}`, [{ path: "body", message }]), undefined);
      return;
    }
    parse(req, body as string, done);
  });
}
