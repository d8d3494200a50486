/** Bad input gets a clear 4xx naming every offending field, and changes nothing. */
import { createDb, raw, sql } from "@hub/db";
import { afterAll, describe, expect, it } from "vitest";
import { call, cfg, detectedEvent, login, uniqueRef } from "./support/hub";

const db = createDb(cfg.service.databaseUrl, { max: 2 });
afterAll(() => db.close());

const count = async (table: "events" | "outbox") => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${raw(table)}`))?.n;
const counts = async () => ({ events: await count("events"), outbox: await count("outbox") });

describe("POST /v1/events validation", () => {
  it("rejects a malformed event with every offending field path and stores nothing", async () => {
    const staff = await login("staff.us@teamkorea.dev");
    const before = await counts();
    const bad = detectedEvent({ caseRef: uniqueRef("BAD") }) as any;
    bad.specversion = "0.3";
    bad.time = "yesterday";
    bad.data.products = [];
    bad.data.measure = "tariff";
    bad.data.commentDeadline = "2026-02-30";
    delete bad.data.authority;
    const r = await call("POST", "/v1/events", { token: staff, body: bad });
    expect(r.status).toBe(400);
    const paths = r.body.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(
      ["body.data.authority", "body.data.commentDeadline", "body.data.measure", "body.data.products", "body.specversion", "body.time"].sort(),
    );
    expect(r.body.message).toMatch(/^The event is invalid: /);
    expect(r.body.issues.find((i: { path: string }) => i.path === "body.data.commentDeadline").message).toBe("is not a real calendar date");
    expect(await counts()).toEqual(before);
  });

  it("names the known types when the type is unknown", async () => {
    const staff = await login("staff.us@teamkorea.dev");
    const before = await counts();
    const r = await call("POST", "/v1/events", { token: staff, body: { ...detectedEvent({ caseRef: "X-1" }), type: "kr.teamkorea.weather.v1" } });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('Unknown event type "kr.teamkorea.weather.v1"');
    expect(r.body.message).toContain("kr.teamkorea.trade.restriction.detected.v1");
    expect(r.body.message).toContain("kr.teamkorea.trade.restriction.decided.v1");
    expect(await counts()).toEqual(before);
  });

  it("rejects a body that is not JSON, or not an object", async () => {
    const staff = await login("staff.us@teamkorea.dev");
    const notJson = await call("POST", "/v1/events", { token: staff, body: "{not json", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/JSON/);
    const array = await call("POST", "/v1/events", { token: staff, body: [1, 2] });
    expect(array.status).toBe(400);
  });

  it("refuses dates a timer would be built from that lie beyond ten years, and stores nothing", async () => {
    const staff = await login("staff.us@teamkorea.dev");
    const before = await counts();
    for (const day of ["9999-12-31", "1900-01-01"]) {
      const r = await call("POST", "/v1/events", { token: staff, body: detectedEvent({ caseRef: uniqueRef("FAR"), commentDeadline: day }) });
      expect(r.status).toBe(400);
      expect(r.body.issues).toEqual([{ path: "body.data.commentDeadline", message: "must be within ten years of today" }]);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses an event published as another organisation and stores nothing", async () => {
    const staff = await login("staff.us@teamkorea.dev");
    const before = await counts();
    const r = await call("POST", "/v1/events", { token: staff, body: detectedEvent({ caseRef: uniqueRef("IMP"), source: "KOTRA-US" }) });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('publish with "source": "EMB-US"');
    expect(await counts()).toEqual(before);
  });
});

describe("query and body validation elsewhere", () => {
  it("refuses NUL characters, which PostgreSQL cannot store, wherever they come", async () => {
    const hq = await login("hq@teamkorea.dev");
    const q = await call("GET", "/v1/events?type=a%00b", { token: hq });
    expect(q.status).toBe(400);
    expect(q.body.issues).toEqual([{ path: "querystring.type", message: "must not contain NUL characters" }]);
    const staff = await login("staff.us@teamkorea.dev");
    const before = await counts();
    const event = detectedEvent({ caseRef: uniqueRef("NUL") });
    event.data.summary = "before\u0000after";
    const r = await call("POST", "/v1/events", { token: staff, body: event });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual(["body.data.summary"]);
    expect(await counts()).toEqual(before);
  });

  it("names the query field", async () => {
    const hq = await login("hq@teamkorea.dev");
    const r = await call("GET", "/v1/events?limit=0&country=usa", { token: hq });
    expect(r.status).toBe(400);
    const paths = r.body.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["querystring.country", "querystring.limit"]);
  });

  it("rejects a cursor it did not issue", async () => {
    const hq = await login("hq@teamkorea.dev");
    const r = await call("GET", "/v1/workflows?cursor=bogus", { token: hq });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toBe("querystring.cursor");
  });

  it("validates a decision body before looking anything up", async () => {
    const head = await login("head.us@teamkorea.dev");
    const r = await call("POST", "/v1/approvals/00000000-0000-4000-8000-000000000000/decision", { token: head, body: { decision: "maybe" } });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toBe("body.decision");
    const missing = await call("POST", "/v1/approvals/00000000-0000-4000-8000-000000000000/decision", { token: head, body: { decision: "approve" } });
    expect(missing.status).toBe(404);
  });

  it("answers a path parameter longer than any id in the API's own error shape", async () => {
    const hq = await login("hq@teamkorea.dev");
    const r = await call("GET", `/v1/workflows/${"x".repeat(300)}`, { token: hq });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: expect.stringMatching(/^The request is invalid: params /),
      issues: [{ path: "params", message: expect.any(String) }],
    });
  });

  it("never leaks internals: unknown routes are a clean 404", async () => {
    const r = await call("GET", "/v1/nope");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ statusCode: 404, error: "Not Found", message: "No route GET /v1/nope" });
  });
});

/** A cursor of the given parts in the encoder's own wrapping: well-formed, holding whatever values. */
const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString("base64url");
const AT = "2026-11-25T09:00:00.000Z";
const UUID = "0b7e3c1a-3c7e-4a43-9f55-2c8a4f1d2e3b";

/** Each list endpoint, read by a role that may read it. */
const LISTS = [
  { path: "/v1/approvals", email: "head.us@teamkorea.dev" },
  { path: "/v1/assignments", email: "kotra.us@teamkorea.dev" },
  { path: "/v1/workflows", email: "hq@teamkorea.dev" },
  { path: "/v1/events", email: "staff.us@teamkorea.dev" },
  { path: "/v1/dead-letters", email: "admin@teamkorea.dev" },
];

describe("cursors (issue 8, defect 5)", () => {
  const wrong = [
    ["not base64 of JSON", "bogus"],
    ["JSON that is not a list", forged({ at: AT })],
    ["too few parts", forged([AT])],
    ["a number where a string goes", forged([1, UUID])],
    ["a date that does not exist", forged(["2026-02-30T00:00:00.000Z", UUID])],
    ["a year out of range", forged(["+275760-09-13T00:00:00.000Z", UUID])],
    ["a uuid of dashes", forged([AT, "-".repeat(36)])],
    ["a NUL character", forged([AT, "trade-restriction:US:A\u0000"])],
    ["a sequence number beyond bigint", forged(["9223372036854775808"])],
    ["a negative sequence number", forged(["-1"])],
    ["characters outside the alphabet", `${forged([AT, UUID])}==`],
  ] as const;

  for (const { path, email } of LISTS) {
    it(`${path} refuses every cursor it did not issue with a 400 naming the cursor, and follows its own`, async () => {
      const token = await login(email);
      for (const [what, cursor] of wrong) {
        const r = await call("GET", `${path}?cursor=${encodeURIComponent(cursor)}`, { token });
        expect(r.status, `${path} with ${what}: ${JSON.stringify(r.body)}`).toBe(400);
        expect(r.body.issues).toEqual([{ path: "querystring.cursor", message: expect.stringContaining("not one this API issued") }]);
      }
      const first = await call("GET", `${path}?limit=1`, { token });
      expect(first.status).toBe(200);
      if (first.body.nextCursor) {
        const next = await call("GET", `${path}?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token });
        expect(next.status).toBe(200);
        expect(next.body.items[0]?.id).not.toBe(first.body.items[0]?.id);
      }
    });
  }
});

describe("deeply nested JSON (issue 8, defect 5)", () => {
  const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
  const deepArray = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
  const expectRefused = (r: { status: number; body: any }) => {
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([{ path: "body", message: "nests objects and arrays deeper than 32 levels" }]);
  };

  it("is a 400 on the unauthenticated dev-login, 2,000 and 100,000 levels deep, and the API stays up", async () => {
    for (const body of [nested(2_000), deepArray(2_000), nested(100_000), deepArray(100_000)]) {
      expectRefused(await call("POST", "/v1/auth/dev-login", { body }));
    }
    expect((await call("GET", "/healthz")).status).toBe(200);
  });

  it("is a 400 on authenticated routes too, and nothing is stored; 32 levels are still parsed", async () => {
    const staff = await login("staff.us@teamkorea.dev");
    const before = await counts();
    expectRefused(await call("POST", "/v1/events", { token: staff, body: nested(2_000) }));
    expectRefused(await call("POST", "/v1/plans", { token: staff, body: deepArray(100_000) }));
    const head = await login("head.us@teamkorea.dev");
    expectRefused(await call("POST", `/v1/approvals/${UUID}/decision`, { token: head, body: deepArray(33) }));
    expect(await counts()).toEqual(before);
    // Within the limit the body is parsed and judged on its content as usual.
    const within = await call("POST", "/v1/events", { token: staff, body: nested(32) });
    expect(within.status).toBe(400);
    expect(within.body.issues.some((i: { path: string }) => i.path === "body.specversion")).toBe(true);
  });
});

describe("documentation", () => {
  it("serves the OpenAPI spec, the docs page and the event JSON Schemas", async () => {
    const spec = await call("GET", "/openapi.json");
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(["/v1/events", "/v1/approvals/{id}/decision", "/v1/workflows/{id}/history"]));
    const docs = await fetch(`${cfg.apiUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger");
    const types = await call("GET", "/v1/event-types");
    const detected = types.body.types["kr.teamkorea.trade.restriction.detected.v1"];
    expect(detected.properties.data.required).toEqual(expect.arrayContaining(["country", "caseRef", "measure", "products", "authority", "summary"]));
  });
});
