/** One error shape for the whole API: 4xx say what to fix; 5xx say nothing internal. */
import { ErrorBody } from "@hub/contracts";
import { InvalidCursorError } from "@hub/db";
import { ObjectStoreUnavailableError } from "@hub/objects";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export class HttpError extends Error {
  constructor(
    public statusCode: number,
    message: string,
    public issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues?: { path: string; message: string }[]) => new HttpError(400, message, issues);
export const unauthorized = (message = "Sign in first: send an Authorization: Bearer <token> header") => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message: string) => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
export const lengthRequired = (message: string) => new HttpError(411, message);
export const tooLarge = (message: string) => new HttpError(413, message);
export const unsupportedType = (message: string) => new HttpError(415, message);

/** Seconds a client is asked to wait when the database is down (a PostgreSQL restart takes a few). */
export const DATABASE_RETRY_AFTER_S = 5;
/** Seconds a client is asked to wait when the object store is down (a restarted MinIO answers within seconds). */
export const OBJECT_STORE_RETRY_AFTER_S = 10;

/**
 * Whether `err` says PostgreSQL cannot be reached or is going away (not that a query was wrong):
 * refused or dropped connections, the pool's connect timeout, and SQLSTATE classes 08
 * (connection exception) and 57P (operator intervention: shutdown, restart, not yet accepting).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code)) return true;
  if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"].includes(code)) return true;
  const message = typeof e?.message === "string" ? e.message : "";
  return /^(Connection terminated|timeout exceeded when trying to connect)|Client has encountered a connection error/.test(message);
}

const REASON: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  411: "Length Required",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

function pathOf(instancePath: string | undefined, params?: Record<string, unknown>): string {
  const base = (instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
  const missing = typeof params?.missingProperty === "string" ? params.missingProperty : "";
  return [base, missing].filter(Boolean).join(".") || "(root)";
}

/**
 * Fastify's answers to URLs it cannot route (a path parameter over 100 characters, a malformed
 * percent-encoding), in the API's one error shape instead of Fastify's own. No id the API issues
 * is that long, so such a URL names nothing: a 400 on the parameters, without echoing them.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const message =
    err.code === "FST_ERR_MAX_PARAM_LENGTH" ? "a path parameter is longer than any id this API issues" : "the URL's path is not validly encoded";
  return reply
    .status(400)
    .send({ statusCode: 400, error: REASON[400], message: `The request is invalid: params ${message}`, issues: [{ path: "params", message }] });
}

/**
 * What every documented route may answer besides its own statuses, added to its response schema
 * so that /openapi.json tells the truth: 400 (a body that is not JSON or nests too deep, text
 * PostgreSQL cannot hold, in any route), and 401 on every route that needs a token.
 */
function documentCommonErrors(app: FastifyInstance) {
  app.addHook("onRoute", (route) => {
    const schema = route.schema as { response?: Record<string, unknown>; hide?: boolean } | undefined;
    if (!schema?.response || schema.hide) return;
    const isPublic = (route.config as { public?: boolean } | undefined)?.public === true;
    schema.response = { 400: ErrorBody, ...(isPublic ? {} : { 401: ErrorBody }), ...schema.response };
  });
}

/**
 * The web app's pages, answered where no route matched (set once the app is registered; the
 * handlers must be set before any route, so they take it from here).
 */
export interface AppPages {
  fallback?: (req: FastifyRequest, reply: FastifyReply) => boolean;
}

export function registerErrorHandler(app: FastifyInstance, pages: AppPages = {}) {
  documentCommonErrors(app);
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? "body";
      const issues = err.validation.map((v) => ({
        path: `${where}.${pathOf(v.instancePath, v.params as Record<string, unknown>)}`.replace(/\.\(root\)$/, ""),
        message: v.message ?? "is invalid",
      }));
      return reply.status(400).send({
        statusCode: 400,
        error: REASON[400],
        message: `The request is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
        issues,
      });
    }
    if (err instanceof HttpError) {
      return reply.status(err.statusCode).send({
        statusCode: err.statusCode,
        error: REASON[err.statusCode] ?? "Error",
        message: err.message,
        ...(err.issues ? { issues: err.issues } : {}),
      });
    }
    if (err instanceof InvalidCursorError) {
      return reply
        .status(400)
        .send({ statusCode: 400, error: REASON[400], message: err.message, issues: [{ path: "querystring.cursor", message: err.message }] });
    }
    if (err instanceof ObjectStoreUnavailableError) {
      // Nothing was listed (a file's row becomes visible only once the store has every byte), so
      // the client may send the file again; the store's address and reply stay in the log.
      req.log.warn({ err: err.message }, "object store unavailable");
      return reply.status(503).header("retry-after", String(OBJECT_STORE_RETRY_AFTER_S)).send({
        statusCode: 503,
        error: REASON[503],
        message: "The hub's file store is unavailable for a moment; nothing was stored. Try again shortly.",
      });
    }
    if (isDatabaseUnavailable(err)) {
      // PostgreSQL restarting or unreachable: nothing was half-applied (each write is one transaction),
      // so the client may simply try again; no connection details leave the process.
      req.log.warn({ code: (err as { code?: string }).code }, "database unavailable");
      return reply
        .status(503)
        .header("retry-after", String(DATABASE_RETRY_AFTER_S))
        .send({ statusCode: 503, error: REASON[503], message: "The hub's database is unavailable for a moment; try again in a few seconds." });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type, body too large).
      return reply.status(status).send({ statusCode: status, error: REASON[status] ?? "Error", message: err.message });
    }
    req.log.error({ err }, "unhandled error");
    return reply
      .status(500)
      .send({ statusCode: 500, error: "Internal Server Error", message: "Something went wrong on our side; it has been logged." });
  });
  app.setNotFoundHandler((req, reply) => {
    if (pages.fallback?.(req, reply)) return reply;
    return reply.status(404).send({ statusCode: 404, error: REASON[404], message: `No route ${req.method} ${req.url.split("?")[0]}` });
  });
}
