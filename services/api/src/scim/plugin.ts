/**
 * SCIM 2.0 provisioning at /scim/v2 (RFC 7643/7644; docs/scim.md). An encapsulated plugin with
 * its own authentication (a provisioning client's bearer token; the hub's user tokens are not
 * one), its own error shape and media type, and its own 404. Every write is an edit of the
 * directory (editDirectory), audited as `scim:<client name>` exactly as an admin's edit is.
 *
 * The routes are hidden from /openapi.json: SCIM describes itself (/scim/v2/Schemas,
 * /ResourceTypes, /ServiceProviderConfig), speaks application/scim+json with its own error
 * messages and its own tokens, none of which the OpenAPI document's bearer scheme and error
 * shape would describe truthfully.
 */
import type { DirectoryFile } from "@hub/contracts";
import { DirectoryEditRefused, editDirectory } from "@hub/db";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiDeps } from "../deps";
import { DATABASE_RETRY_AFTER_S, HttpError, isDatabaseUnavailable } from "../errors";
import { MAX_RESULTS, resourceTypes, serviceProviderConfig, userSchemas } from "./discovery";
import { scimCreate, scimDelete, scimReplace } from "./edits";
import { errorBody, invalidValue, ScimError } from "./errors";
import { type AttrPath, type Filter, parseAttrPath, parseFilter } from "./filter";
import { applyPatch } from "./patch";
import { parseAttributeList, project } from "./project";
import { type DesiredUser, desiredUser, field, type Json, type JsonObject, userResource } from "./resource";
import { ENTERPRISE_USER, HUB_USER, LIST_RESPONSE } from "./schemas";
import { filterSql, orderSql } from "./sql-filter";
import { clientOfToken, getUser, listUsers, markDeleted, personByEmail, saveExtras, type UserRow } from "./store";

declare module "fastify" {
  interface FastifyRequest {
    scimClient?: { id: string; name: string };
  }
  interface FastifyContextConfig {
    /** SCIM discovery (RFC 7644 §4): answered without a token. */
    scimDiscovery?: boolean;
  }
}

export const SCIM_PREFIX = "/scim/v2";
const MEDIA_TYPE = "application/scim+json; charset=utf-8";
const SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

export async function scimRoutes(app: FastifyInstance, deps: ApiDeps) {
  await app.register(async (scope) => scimScope(scope, deps), { prefix: SCIM_PREFIX });
}

function sendError(reply: FastifyReply, status: number, detail: string, scimType?: ScimError["scimType"]) {
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="scim"');
  return reply
    .status(status)
    .type(MEDIA_TYPE)
    .send(errorBody(status, detail, scimType));
}

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}${SCIM_PREFIX}`;

async function scimScope(scope: FastifyInstance, deps: ApiDeps) {
  const { db } = deps;

  scope.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ScimError) return sendError(reply, err.status, err.message, err.scimType);
    if (err instanceof HttpError) {
      // The hub's own checks before a handler (a body nested too deep, text PostgreSQL cannot hold).
      return sendError(reply, err.statusCode, err.message, err.statusCode === 400 ? "invalidValue" : undefined);
    }
    if (isDatabaseUnavailable(err)) {
      reply.header("retry-after", String(DATABASE_RETRY_AFTER_S));
      return sendError(reply, 503, "The hub's database is unavailable for a moment; try again in a few seconds.");
    }
    const status = err.statusCode ?? 500;
    // Fastify's own client errors: malformed JSON, an unsupported media type, a body too large.
    if (status >= 400 && status < 500) return sendError(reply, status, err.message, status === 400 ? "invalidSyntax" : undefined);
    req.log.error({ err }, "unhandled SCIM error");
    return sendError(reply, 500, "Something went wrong on our side; it has been logged.");
  });
  // SCIM bodies are JSON (RFC 7644 §3.1): any other media type is a 415, not a string to misread.
  scope.removeContentTypeParser("text/plain");
  scope.setNotFoundHandler((req, reply) => sendError(reply, 404, `No SCIM endpoint ${req.method} ${req.url.split("?")[0]}`));

  // Every answer in SCIM's media type (RFC 7644 §3.1), whichever way it was sent.
  scope.addHook("onSend", async (_req, reply, payload) => {
    const type = String(reply.getHeader("content-type") ?? "");
    if (type === "" || type.startsWith("application/json")) reply.header("content-type", MEDIA_TYPE);
    return payload;
  });

  // A provisioning client's token, before the body is read. A hub user's token (even an
  // administrator's) is no provisioning token: its hash is in no client's row, so it is a 401.
  scope.addHook("onRequest", async (req) => {
    if (req.routeOptions.config?.scimDiscovery) return;
    const m = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!m?.[1]) throw new ScimError(401, "Send a provisioning client's token: Authorization: Bearer <token>");
    const client = await clientOfToken(db, m[1]);
    if (!client) throw new ScimError(401, "The token is not a provisioning client's, or the client was revoked");
    req.scimClient = client;
  });

  const discovery = { public: true, scimDiscovery: true };
  const hidden = { hide: true };
  /** Discovery takes no filter (RFC 7644 §4: 403 rather than a list that seems to match it). */
  const noFilter = (req: FastifyRequest) => {
    if ((req.query as Record<string, unknown>).filter !== undefined) throw new ScimError(403, "Discovery endpoints take no filter");
  };
  const listOf = <T>(items: T[]) => ({
    schemas: [LIST_RESPONSE],
    totalResults: items.length,
    startIndex: 1,
    itemsPerPage: items.length,
    Resources: items,
  });

  scope.get("/ServiceProviderConfig", { config: discovery, schema: hidden }, async (req) => serviceProviderConfig(baseUrl(req)));
  scope.get("/ResourceTypes", { config: discovery, schema: hidden }, async (req) => {
    noFilter(req);
    return listOf(resourceTypes(baseUrl(req)));
  });
  scope.get("/ResourceTypes/:id", { config: discovery, schema: hidden }, async (req) => {
    const { id } = req.params as { id: string };
    const t = resourceTypes(baseUrl(req)).find((x) => x.id === id);
    if (!t) throw new ScimError(404, `No resource type ${id}: this service provides Users only`);
    return t;
  });
  scope.get("/Schemas", { config: discovery, schema: hidden }, async (req) => {
    noFilter(req);
    return listOf(userSchemas(baseUrl(req)));
  });
  scope.get("/Schemas/:id", { config: discovery, schema: hidden }, async (req) => {
    const { id } = req.params as { id: string };
    const s = userSchemas(baseUrl(req)).find((x) => x.id.toLowerCase() === id.toLowerCase());
    if (!s) throw new ScimError(404, `No schema ${id}`);
    return s;
  });

  const authed = { public: true };

  /** Runs one SCIM write as an edit of the directory, by `scim:<client>`. */
  async function edit(req: FastifyRequest, fn: (file: DirectoryFile, today: string) => DirectoryFile, onConflict?: ScimError["scimType"]) {
    let outcome: Awaited<ReturnType<typeof editDirectory>>;
    try {
      outcome = await editDirectory(db, fn, { by: { actor: `scim:${req.scimClient?.name}`, actorOrg: null } });
    } catch (err) {
      if (err instanceof DirectoryEditRefused) throw new ScimError(err.status, err.message, err.status === 409 ? onConflict : undefined);
      throw err;
    }
    if (!outcome.ok) throw invalidValue(`The change cannot be made: ${outcome.issues.map((i) => i.message).join("; ")}`);
    if (outcome.batch) deps.directory.invalidate?.();
  }

  const extrasOf = (d: DesiredUser) => ({
    externalId: d.externalId,
    formatted: d.formatted,
    givenName: d.givenName,
    familyName: d.familyName,
    nameWritten: d.name,
  });

  function bodyOf(req: FastifyRequest): JsonObject {
    const b = req.body as Json | undefined;
    if (typeof b !== "object" || b === null || Array.isArray(b))
      throw new ScimError(400, "The body must be a JSON object (application/scim+json)", "invalidSyntax");
    return b;
  }

  const found = async (id: string): Promise<UserRow> => {
    const row = await getUser(db, id);
    if (!row) throw new ScimError(404, `No User ${id}`);
    return row;
  };

  /** The resource as answered: `attributes` / `excludedAttributes` of the query applied. */
  const answer = (req: FastifyRequest, row: UserRow) => {
    const q = req.query as Record<string, unknown>;
    return project(
      userResource(row, baseUrl(req)),
      parseAttributeList(single(q, "attributes"), "attributes"),
      parseAttributeList(single(q, "excludedAttributes"), "excludedAttributes"),
    );
  };

  async function list(req: FastifyRequest, p: ListParams) {
    const { total, rows } = await listUsers(db, {
      where: p.filter ? filterSql(p.filter) : null,
      order: orderSql(p.sortBy, p.descending),
      offset: p.startIndex - 1,
      limit: p.count,
    });
    const base = baseUrl(req);
    return {
      schemas: [LIST_RESPONSE],
      totalResults: total,
      startIndex: p.startIndex,
      itemsPerPage: rows.length,
      Resources: rows.map((r) => project(userResource(r, base), p.attributes, p.excluded)),
    };
  }

  scope.get("/Users", { config: authed, schema: hidden }, async (req) => list(req, listParams(req.query as Record<string, unknown>)));
  /** A SearchRequest (RFC 7644 §3.4.3); at the root too, Users being the only resource type. */
  const search = async (req: FastifyRequest, reply: FastifyReply) => {
    const b = bodyOf(req);
    const schemas = field(b, "schemas");
    if (!Array.isArray(schemas) || !schemas.includes(SEARCH_REQUEST))
      throw new ScimError(400, `schemas must be ["${SEARCH_REQUEST}"]`, "invalidSyntax");
    const join = (v: Json | undefined) => (Array.isArray(v) ? v.join(",") : v);
    const q = Object.fromEntries(
      ["filter", "startIndex", "count", "sortBy", "sortOrder", "attributes", "excludedAttributes"].map((k) => [k, join(field(b, k))]),
    );
    return reply.status(200).send(await list(req, listParams(q)));
  };
  scope.post("/Users/.search", { config: authed, schema: hidden }, search);
  scope.post("/.search", { config: authed, schema: hidden }, search);

  // What this service does not implement says so (RFC 7644 §3.11 /Me; bulk is off in ServiceProviderConfig).
  const notImplemented = (what: string) => async () => {
    throw new ScimError(501, what);
  };
  scope.all("/Me", { config: authed, schema: hidden }, notImplemented("/Me is not supported: provisioning clients are not Users"));
  scope.all("/Bulk", { config: authed, schema: hidden }, notImplemented("Bulk operations are not supported (see /ServiceProviderConfig)"));

  scope.get("/Users/:id", { config: authed, schema: hidden }, async (req) => answer(req, await found((req.params as { id: string }).id)));

  scope.post("/Users", { config: authed, schema: hidden }, async (req, reply) => {
    const d = desiredUser(bodyOf(req));
    const taken = await personByEmail(db, d.email);
    if (taken) throw uniqueness(d.email, taken.deleted);
    await edit(req, (file, day) => scimCreate(file, d, day), "uniqueness");
    const person = await personByEmail(db, d.email);
    if (!person) throw new Error(`the person ${d.email} just added is not in the directory`);
    await saveExtras(db, person.id, extrasOf(d));
    const row = await found(person.id);
    const body = answer(req, row);
    return reply
      .status(201)
      .header("location", `${baseUrl(req)}/Users/${row.id}`)
      .send(body);
  });

  /** PUT and PATCH: the person as `d` says, userName unchanged (the directory's key). */
  async function replace(req: FastifyRequest, row: UserRow, d: DesiredUser) {
    if (d.email !== row.user_name)
      throw new ScimError(
        400,
        `userName is immutable here: it is the person's sign-in e-mail and the directory's key (${row.user_name})`,
        "mutability",
      );
    await edit(req, (file, day) => scimReplace(file, d, day));
    await saveExtras(db, row.id, extrasOf(d));
    return answer(req, await found(row.id));
  }

  scope.put("/Users/:id", { config: authed, schema: hidden }, async (req) => {
    const row = await found((req.params as { id: string }).id);
    return replace(req, row, desiredUser(bodyOf(req)));
  });

  scope.patch("/Users/:id", { config: authed, schema: hidden }, async (req) => {
    const row = await found((req.params as { id: string }).id);
    const before = patchable(row, baseUrl(req));
    const after = applyPatch(before, req.body);
    return replace(req, row, desiredAfterPatch(before, after, row));
  });

  scope.delete("/Users/:id", { config: authed, schema: hidden }, async (req, reply) => {
    const row = await found((req.params as { id: string }).id);
    await edit(req, (file, day) => scimDelete(file, row.user_name, day));
    await markDeleted(db, row.id);
    return reply.status(204).send();
  });
}

function uniqueness(email: string, deleted: boolean) {
  return new ScimError(
    409,
    deleted
      ? `${email} is already in the directory (deleted through SCIM, kept as history): an administrator can reactivate them, and SCIM answers for them again`
      : `${email} is already in the directory: find them with filter=userName eq "${email}"`,
    "uniqueness",
  );
}

/**
 * The resource a PATCH applies to: as answered, except name.formatted when it only repeats the
 * directory's name (so a new displayName is not mistaken for a formatted name the client gave).
 */
function patchable(row: UserRow, base: string): JsonObject {
  const r = userResource(row, base);
  if (row.formatted === null) delete (r.name as JsonObject).formatted;
  return r;
}

/**
 * What a patched resource asks of the directory. userName and emails are checked (the e-mail is
 * the directory's key); the organisation may be patched through either extension and the other
 * follows; a posting cannot be removed by PATCH (DELETE ends it).
 */
function desiredAfterPatch(before: JsonObject, after: JsonObject, row: UserRow): DesiredUser {
  const userName = field(after, "userName");
  if (typeof userName !== "string" || userName.toLowerCase() !== row.user_name)
    throw new ScimError(
      400,
      `userName is immutable here: it is the person's sign-in e-mail and the directory's key (${row.user_name})`,
      "mutability",
    );
  const emails = field(after, "emails");
  const only = (e: Json) =>
    typeof e === "object" && e !== null && !Array.isArray(e) && String(field(e, "value") ?? "").toLowerCase() === row.user_name;
  if (!Array.isArray(emails) || emails.length === 0 || !emails.every(only))
    throw new ScimError(400, `emails follow userName (${row.user_name}): the person's one e-mail is their sign-in name`, "mutability");
  const ext = (r: JsonObject, urn: string) => {
    const e = field(r, urn);
    return typeof e === "object" && e !== null && !Array.isArray(e) ? e : undefined;
  };
  const orgIn = (r: JsonObject, urn: string) => {
    const e = ext(r, urn);
    return e && field(e, "organization");
  };
  const hubBefore = orgIn(before, HUB_USER);
  const entBefore = orgIn(before, ENTERPRISE_USER);
  const hubAfter = orgIn(after, HUB_USER);
  const entAfter = orgIn(after, ENTERPRISE_USER);
  // Either extension may name the organisation; the one the patch changed wins.
  const hubChanged = hubAfter !== hubBefore;
  const entChanged = entAfter !== entBefore;
  if (hubChanged && entChanged && hubAfter !== entAfter && entAfter !== undefined && entAfter !== null)
    throw invalidValue(`the hub extension's organization and the enterprise extension's were patched to different values`);
  const orgAfter = hubChanged ? hubAfter : entChanged ? entAfter : hubAfter;
  const hub = ext(after, HUB_USER) ?? {};
  const roleAfter = field(hub, "role");
  if (
    (row.org_code !== null && (orgAfter === undefined || orgAfter === null)) ||
    (row.role !== null && (roleAfter === undefined || roleAfter === null))
  )
    throw new ScimError(400, "A posting is not removed by PATCH: DELETE the User to end it, or give another organization and role", "mutability");
  for (const k of Object.keys(after)) {
    const urn = k.toLowerCase();
    if (urn === ENTERPRISE_USER.toLowerCase() || urn === HUB_USER.toLowerCase()) delete after[k];
  }
  const orgKey = Object.keys(hub).find((k) => k.toLowerCase() === "organization") ?? "organization";
  after[HUB_USER] = { ...hub, [orgKey]: (orgAfter ?? null) as Json };
  return desiredUser(after);
}

interface ListParams {
  filter: Filter | null;
  startIndex: number;
  count: number;
  sortBy: AttrPath | null;
  descending: boolean;
  attributes: AttrPath[] | null;
  excluded: AttrPath[] | null;
}

/** One value of a query parameter; a parameter given twice is refused rather than guessed at. */
function single(q: Record<string, unknown>, name: string): string | undefined {
  const v = q[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw invalidValue(`${name} is given more than once`);
  return v;
}

function integer(q: Record<string, unknown>, name: string): number | undefined {
  const v = single(q, name);
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d{1,9}$/.test(v.trim())) throw invalidValue(`${name} must be an integer`);
  return Number(v);
}

/** RFC 7644 §3.4.2.4: startIndex below 1 is 1; count below 0 is 0; above the maximum, the maximum. */
export function listParams(q: Record<string, unknown>): ListParams {
  const filterText = single(q, "filter");
  const sortBy = single(q, "sortBy");
  const sortOrder = single(q, "sortOrder")?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== "ascending" && sortOrder !== "descending")
    throw invalidValue('sortOrder must be "ascending" or "descending"');
  return {
    filter: filterText === undefined || filterText.trim() === "" ? null : parseFilter(filterText),
    startIndex: Math.max(1, integer(q, "startIndex") ?? 1),
    count: Math.min(MAX_RESULTS, Math.max(0, integer(q, "count") ?? 100)),
    sortBy: sortBy ? parseAttrPath(sortBy, (m) => invalidValue(`sortBy: ${m}`)) : null,
    descending: sortOrder === "descending",
    attributes: parseAttributeList(single(q, "attributes"), "attributes"),
    excluded: parseAttributeList(single(q, "excludedAttributes"), "excludedAttributes"),
  };
}
