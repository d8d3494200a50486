/**
 * Every route that takes input, as a hostile client would call it: half surrogate pairs, NUL,
 * over-length text, deep JSON, wrong types, forged tokens, other organisations' ids. The routes
 * come from the API's own OpenAPI document, so a route added later is covered without editing
 * this file. Nothing may answer 5xx or stall; nothing may be half-written; and the task the
 * barrage was aimed at must still progress afterwards.
 */
import { randomUUID } from "node:crypto";
import { createDb, sql } from "@hub/db";
import { connectTemporalClient } from "@hub/temporal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, call, cfg, eventually, login, openCase, uniqueRef } from "./support/hub";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
interface Operation {
  method: string;
  path: string;
  isPublic: boolean;
  query: { name: string; schema: Schema }[];
  body: Schema | null;
}

const MARKER = uniqueRef("HOSTILE");
const HOSTILE_TEXT: [string, string][] = [
  ["lone low surrogate", `${MARKER} \udfff`],
  ["lone high surrogate", `\ud800${MARKER}`],
  ["NUL", `${MARKER}\u0000`],
];
/** Statuses a refusal may carry; anything else (above all 5xx) is a bug. */
const REFUSALS = [400, 401, 403, 404, 405, 409, 413, 414, 415, 429];
const ROLES = ["staff.us@teamkorea.dev", "head.us@teamkorea.dev", "kotra.us@teamkorea.dev", "hq@teamkorea.dev", "admin@teamkorea.dev"];
/**
 * Routes that settle who may call them before the body is read (large bodies only their callers
 * may send): everyone else is answered 403 whatever the body, and the body limit is the route's own.
 */
const GATED: Record<string, { callers: string[]; bodyLimit: number }> = {
  "POST /v1/admin/directory/import": { callers: ["admin@teamkorea.dev"], bodyLimit: 32 * 1024 * 1024 },
};

const db = createDb(cfg.service.databaseUrl, { max: 2 });
afterAll(() => db.close());

/** A value that satisfies the schema as far as a generic generator can (enough to reach the field checks). */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(alt.find((a) => a.type !== "null") ?? alt[0], depth + 1);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => sample(a, depth + 1) as object));
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object":
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k], depth + 1)]));
    case "array":
      return [sample(s.items, depth + 1)];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "string":
      if (s.format === "uuid") return randomUUID();
      if (s.format === "date-time") return new Date().toISOString();
      if (s.format === "email") return "someone@teamkorea.dev";
      if (s.pattern?.includes("\\d{4}-\\d{2}-\\d{2}")) return new Date().toISOString().slice(0, 10);
      return "x".repeat(Math.max(1, s.minLength ?? 1));
    default:
      return {};
  }
}

/** Paths of every string field of the schema (top level and one level down, arrays by their first item). */
function stringFields(s: Schema | undefined, prefix: string[] = [], depth = 0): { path: string[]; schema: Schema }[] {
  if (!s || depth > 3) return [];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return stringFields(alt.find((a) => a.type !== "null") ?? alt[0], prefix, depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "string" && !s.enum) return [{ path: prefix, schema: s }];
  if (type === "array") return stringFields(s.items, [...prefix, "0"], depth + 1);
  if (type === "object") return Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringFields(v, [...prefix, k], depth + 1));
  return [];
}

function withValue(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body ?? {}) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  path.forEach((k, i) => {
    if (i === path.length - 1) at[k] = value;
    else {
      if (typeof at[k] !== "object" || at[k] === null) at[k] = /^\d+$/.test(path[i + 1] ?? "") ? [] : {};
      at = at[k] as Record<string, unknown>;
    }
  });
  return copy;
}

/**
 * Percent-encoding as a hostile client sends it: a lone surrogate has no UTF-8 form, so it goes
 * out as the three bytes a careless encoder (WTF-8) writes for it.
 */
const pct = (text: string) =>
  text.replace(/[\ud800-\udfff]|[^\ud800-\udfff]+/g, (part) => {
    const c = part.charCodeAt(0);
    if (part.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      return `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    }
    return encodeURIComponent(part);
  });

const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

async function send(method: string, path: string, token: string | undefined, body?: string, headers: Record<string, string> = {}) {
  const started = Date.now();
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, text, ms: Date.now() - started };
}

/**
 * The API answers 413 from the content-length alone and closes the connection without reading the
 * body, so the client may still be writing when it closes (EPIPE, ECONNRESET) and never see the
 * answer. That is the server refusing, not failing; try again a few times to read the 413 itself.
 */
async function sendOversized(method: string, path: string, token: string | undefined, body: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(method, path, token, body);
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (attempt >= 4 || (code !== "EPIPE" && code !== "ECONNRESET")) throw err;
    }
  }
}

describe("hostile input to every route", () => {
  let ops: Operation[] = [];
  let task: Awaited<ReturnType<typeof openCase>>;
  let ids: Record<string, string>;
  const tokens: Record<string, string> = {};
  const failures: string[] = [];
  let checked = 0;

  beforeAll(async () => {
    const doc = (await call("GET", "/openapi.json")).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown[];
            parameters?: { in: string; name: string; schema: Schema }[];
            requestBody?: { content?: Record<string, { schema: Schema }> };
          }
        >
      >;
    };
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        isPublic: !op.security || op.security.length === 0,
        query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.["application/json"]?.schema ?? null,
      })),
    );
    for (const r of ROLES) tokens[r] = await login(r);
    task = await openCase(uniqueRef("HOSTILE-TASK"));
    ids = { approvals: task.approval.id, workflows: task.workflowId };
  });

  /** The path with its parameters filled: the suite's own ids where they fit, another's otherwise. */
  const concrete = (path: string, id?: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (id !== undefined) return pct(id);
      const resource = path.split("/")[2] ?? "";
      return encodeURIComponent(ids[resource] ?? (name === "id" ? randomUUID() : "x"));
    });

  const check = (what: string, r: { status: number; text: string; ms: number }, allowed: number[]) => {
    checked += 1;
    if (!allowed.includes(r.status)) failures.push(`${what} → ${r.status} ${r.text.slice(0, 200)}`);
    else if (r.status >= 400 && !/"message":"[^"]+/.test(r.text)) failures.push(`${what} → ${r.status} without a message: ${r.text.slice(0, 200)}`);
    if (r.ms > 10_000) failures.push(`${what} took ${r.ms} ms`);
  };

  it("refuses forged, malformed and missing tokens on every authenticated route", async () => {
    const [h, p] = [
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
      Buffer.from(JSON.stringify({ sub: randomUUID(), exp: 9_999_999_999 })).toString("base64url"),
    ];
    const forged = {
      none: undefined,
      garbage: "not.a.token",
      "alg none": `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${p}.`,
      "wrong signature": `${h}.${p}.${Buffer.from("forged").toString("base64url")}`,
      "huge token": "a".repeat(20_000),
    };
    for (const op of ops.filter((o) => !o.isPublic)) {
      for (const [name, token] of Object.entries(forged)) {
        const r = await send(op.method, concrete(op.path), token, op.body ? JSON.stringify(sample(op.body)) : undefined);
        check(`${op.method} ${op.path} with ${name} token`, r, name === "huge token" ? [400, 401, 413, 431] : [401]);
      }
    }
    expect(failures).toEqual([]);
    expect(ops.filter((o) => !o.isPublic).length).toBeGreaterThanOrEqual(20);
  });

  it("answers every bad body, query and path with a 4xx naming what is wrong, as every role", async () => {
    for (const op of ops) {
      for (const role of op.isPublic ? [ROLES[0] as string] : ROLES) {
        const token = tokens[role];
        const label = `${op.method} ${op.path} as ${role}`;
        const gate = GATED[`${op.method} ${op.path}`];
        if (op.body && gate && !gate.callers.includes(role)) {
          for (const body of [JSON.stringify(sample(op.body)), "[1,2,3]", "{nope", deepJson(5_000)]) {
            check(`${label}: refused before its body is read`, await send(op.method, concrete(op.path), token, body), [403, 429]);
          }
        } else if (op.body) {
          const base = sample(op.body);
          for (const field of stringFields(op.body)) {
            const where = field.path.join(".");
            for (const [name, text] of HOSTILE_TEXT) {
              const r = await send(op.method, concrete(op.path), token, JSON.stringify(withValue(base, field.path, text)));
              check(`${label}: body.${where} with ${name}`, r, [400, 429]);
            }
            const tooLong = "가".repeat((field.schema.maxLength ?? 100_000) + 1);
            const r = await send(op.method, concrete(op.path), token, JSON.stringify(withValue(base, field.path, tooLong)));
            check(`${label}: body.${where} over-length`, r, field.schema.maxLength ? [400, 413, 429] : REFUSALS.concat([200, 201, 202]));
          }
          check(`${label}: JSON 5,000 deep`, await send(op.method, concrete(op.path), token, deepJson(5_000)), [400, 413, 429]);
          check(`${label}: an array body`, await send(op.method, concrete(op.path), token, "[1,2,3]"), [400, 429]);
          check(`${label}: not JSON`, await send(op.method, concrete(op.path), token, "{nope"), [400, 429]);
          check(
            `${label}: JSON too large`,
            await sendOversized(op.method, concrete(op.path), token, JSON.stringify({ x: "y".repeat((gate?.bodyLimit ?? 1_000_000) + 1_000_000) })),
            [413, 429],
          );
        }
        for (const q of op.query) {
          for (const [name, text] of [...HOSTILE_TEXT, ["over-length", "가".repeat(5_000)] as [string, string]]) {
            const r = await send(op.method, `${concrete(op.path)}?${q.name}=${pct(text)}`, token);
            // A URL carries bytes: half a surrogate pair arrives as invalid UTF-8, which the parser
            // reads as U+FFFD (valid text, so any answer but a 5xx). Over-length: the request line
            // alone may pass Node's header limit (431).
            const allowed =
              gate && !gate.callers.includes(role)
                ? [403, 414, 429, 431]
                : name === "NUL"
                  ? [400, 429]
                  : name === "over-length"
                    ? [400, 414, 429, 431]
                    : [...REFUSALS, 200];
            check(`${label}: ?${q.name} with ${name}`, r, allowed);
          }
        }
        if (op.path.includes("{")) {
          for (const [name, id] of [
            ["another's or no id", randomUUID()],
            ["a lone surrogate id", "\udfff"],
            ["a 5,000-character id", "a".repeat(5_000)],
            ["a path-like id", "../../admin"],
          ] as [string, string][]) {
            const body = op.body ? JSON.stringify(sample(op.body)) : undefined;
            const r = await send(op.method, concrete(op.path, id), token, body);
            check(`${label}: ${name}`, r, REFUSALS);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    console.log(`[hostile] ${checked} hostile requests to ${ops.length} operations, none answered 5xx`);
    expect(checked).toBeGreaterThan(1_000);
  });

  it("afterwards nothing hostile is stored, and the task it was aimed at still progresses", async () => {
    const stored = await db.one<{ events: number; letters: number; timeline: number; audit: number; comments: number }>(sql`
      SELECT (SELECT count(*)::int FROM events WHERE data::text LIKE ${`%${MARKER}%`}) AS events,
             (SELECT count(*)::int FROM dead_letters WHERE payload LIKE ${`%${MARKER}%`}) AS letters,
             (SELECT count(*)::int FROM timeline WHERE detail::text LIKE ${`%${MARKER}%`}) AS timeline,
             (SELECT count(*)::int FROM audit_log WHERE after::text LIKE ${`%${MARKER}%`}) AS audit,
             (SELECT count(*)::int FROM comments WHERE body LIKE ${`%${MARKER}%`}) AS comments`);
    expect(stored).toEqual({ events: 0, letters: 0, timeline: 0, audit: 0, comments: 0 });

    // The read model and the workflow agree: the approval is still pending in both…
    expect((await call("GET", `/v1/approvals/${task.approval.id}`, { token: task.head })).body.status).toBe("pending");
    const temporal = await connectTemporalClient({ address: cfg.service.temporalAddress, namespace: cfg.service.temporalNamespace });
    try {
      const snapshot = (await temporal.workflow.getHandle(task.workflowId).query("snapshot")) as { approval: { status: string } };
      expect(snapshot.approval.status).toBe("pending");
    } finally {
      await temporal.connection.close();
    }
    // …and the task goes on: approved, its assignments out, one acknowledged and shown so.
    const approved = await call("POST", `/v1/approvals/${task.approval.id}/decision`, { token: task.head, body: { decision: "approve" } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const kotra = tokens["kotra.us@teamkorea.dev"] as string;
    const mine = await eventually("KOTRA-US's assignment", async () => {
      const r = await call("GET", "/v1/assignments?limit=200", { token: kotra });
      return r.body.items.find((a: { workflowId: string }) => a.workflowId === task.workflowId);
    });
    const ack = await call("POST", `/v1/assignments/${mine.id}/ack`, { token: kotra });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.status).toBe("acknowledged");
  });
});
