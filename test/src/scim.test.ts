/**
 * SCIM 2.0 provisioning through the real stack (docs/scim.md): an administrator creates a
 * provisioning client (its token shown once, never listed), and with that token an identity
 * system creates, reads, filters, pages, patches, replaces, deactivates and deletes people of the
 * directory. Without a provisioning token, with a hub user's session token (an administrator's),
 * or with a revoked client's, every request is a 401; every error is a SCIM error message.
 *
 * The people are new on every run; they are posted to a test country's offices (XS, a code ISO
 * 3166 leaves for private use), added once and kept, so no seeded team gains anyone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { apiUrl, call, login } from "./support/hub";

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const HUB = "urn:teamkorea:params:scim:schemas:extension:hub:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

const run = Date.now().toString(36);
const email = (who: string) => `scim-${run}.${who}@teamkorea.dev`;
const testOrgs = [
  {
    code: "EMB-XS",
    kind: "MISSION",
    missionKind: "EMBASSY",
    nameKo: "시험국 XS 대사관",
    nameEn: "Test embassy XS",
    country: "XS",
    network: "MOFA",
    timeZone: "Europe/London",
    leadsTeam: true,
  },
  {
    code: "KOTRA-XS",
    kind: "AGENCY",
    nameKo: "KOTRA 시험 XS",
    nameEn: "KOTRA test XS",
    country: "XS",
    network: "KOTRA",
    timeZone: "Europe/London",
  },
];

interface ScimRes {
  status: number;
  type: string;
  location: string | null;
  body: any;
}

let admin: string;
let token: string;
let client: { id: string; name: string };

async function scim(method: string, path: string, opts: { token?: string | null; body?: unknown; type?: string } = {}): Promise<ScimRes> {
  const headers: Record<string, string> = {};
  const t = opts.token === undefined ? token : opts.token;
  if (t) headers.authorization = `Bearer ${t}`;
  if (opts.body !== undefined) headers["content-type"] = opts.type ?? "application/scim+json";
  const res = await fetch(`${apiUrl}/scim/v2${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    location: res.headers.get("location"),
    body: text ? JSON.parse(text) : null,
  };
}

/** A SCIM error message (RFC 7644 §3.12): its schema, the status as a string, a detail, the scimType if one is named. */
function expectScimError(r: ScimRes, status: number, scimType?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.type).toMatch(/^application\/scim\+json/);
  expect(r.body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
  if (scimType) expect(r.body.scimType).toBe(scimType);
}

const newUser = (who: string, extra: Record<string, unknown> = {}) => ({
  schemas: [CORE, HUB],
  userName: email(who),
  externalId: `ext-${run}-${who}`,
  name: { givenName: "Minji", familyName: `Kim ${who}` },
  displayName: `Minji Kim ${who}`,
  emails: [{ value: email(who), type: "work", primary: true }],
  active: true,
  [HUB]: { organization: "KOTRA-XS", role: "AGENCY_STAFF" },
  ...extra,
});

async function created(who: string, extra: Record<string, unknown> = {}) {
  const r = await scim("POST", "/Users", { body: newUser(who, extra) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const q = (filter: string, more = "") => `/Users?filter=${encodeURIComponent(filter)}${more}`;

beforeAll(async () => {
  admin = await login("admin@teamkorea.dev");
  const file = (await call("GET", "/v1/admin/directory/export", { token: admin })).body;
  const codes = new Set(file.organizations.map((o: { code: string }) => o.code));
  const missing = testOrgs.filter((o) => !codes.has(o.code));
  if (missing.length > 0) {
    const r = await call("POST", "/v1/admin/directory/import?dryRun=false", {
      token: admin,
      body: { ...file, organizations: [...file.organizations, ...missing] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
});

describe("provisioning clients", () => {
  it("an administrator creates one: the token is in that answer only, stored hashed, never listed", async () => {
    const r = await call("POST", "/v1/admin/scim-clients", { token: admin, body: { name: `Test IdP ${run}` } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      name: `Test IdP ${run}`,
      createdBy: "admin@teamkorea.dev",
      revokedAt: null,
      token: expect.stringMatching(/^scim_[A-Za-z0-9_-]{43}$/),
    });
    token = r.body.token;
    client = r.body;
    const list = await call("GET", "/v1/admin/scim-clients", { token: admin });
    expect(list.status).toBe(200);
    const mine = list.body.items.find((c: { id: string }) => c.id === client.id);
    expect(mine).toEqual({ id: client.id, name: client.name, createdBy: "admin@teamkorea.dev", createdAt: expect.any(String), revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(token);
    // The same name again: a 409 (the audit names a client by it).
    expect((await call("POST", "/v1/admin/scim-clients", { token: admin, body: { name: `Test IdP ${run}` } })).status).toBe(409);
  });

  it("refuses anything but a live provisioning token with a SCIM 401", async () => {
    for (const t of [null, "garbage", admin]) {
      const r = await scim("GET", "/Users", { token: t });
      expectScimError(r, 401);
    }
    const session = await fetch(`${apiUrl}/scim/v2/Users`, { headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } });
    expect(session.status).toBe(401);
    expect(session.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});

describe("discovery", () => {
  it("answers without a token: Users only, with the extensions, PATCH, filter and sort supported", async () => {
    const spc = await scim("GET", "/ServiceProviderConfig", { token: null });
    expect(spc.status).toBe(200);
    expect(spc.type).toMatch(/^application\/scim\+json/);
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: true },
      bulk: { supported: false },
    });
    const types = await scim("GET", "/ResourceTypes", { token: null });
    expect(types.body).toMatchObject({ schemas: [LIST], totalResults: 1, Resources: [{ id: "User", endpoint: "/Users", schema: CORE }] });
    expect((await scim("GET", "/ResourceTypes/User", { token: null })).body.schemaExtensions.map((e: any) => e.schema)).toEqual([ENTERPRISE, HUB]);
    const schemas = await scim("GET", "/Schemas", { token: null });
    expect(schemas.body.Resources.map((s: any) => s.id)).toEqual([CORE, ENTERPRISE, HUB]);
    const core = await scim("GET", `/Schemas/${CORE}`, { token: null });
    expect(core.body.attributes.find((a: any) => a.name === "userName")).toMatchObject({
      required: true,
      uniqueness: "server",
      mutability: "immutable",
    });
    expectScimError(await scim("GET", "/ResourceTypes/Group", { token: null }), 404);
    expectScimError(await scim("GET", `/Schemas?filter=${encodeURIComponent('id eq "x"')}`, { token: null }), 403);
  });
});

describe("Users", () => {
  let kim: any;

  it("creates a person with their first posting, audited as the client; a second time is a 409 uniqueness", async () => {
    const r = await scim("POST", "/Users", { body: newUser("kim") });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    kim = r.body;
    expect(r.type).toMatch(/^application\/scim\+json/);
    expect(r.location).toBe(`${apiUrl}/scim/v2/Users/${kim.id}`);
    expect(kim).toMatchObject({
      schemas: [CORE, ENTERPRISE, HUB],
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      externalId: `ext-${run}-kim`,
      userName: email("kim"),
      name: { formatted: "Minji Kim kim", givenName: "Minji", familyName: "Kim kim" },
      displayName: "Minji Kim kim",
      emails: [{ value: email("kim"), type: "work", primary: true }],
      active: true,
      [ENTERPRISE]: { organization: "KOTRA-XS" },
      [HUB]: { organization: "KOTRA-XS", role: "AGENCY_STAFF" },
      meta: { resourceType: "User", location: r.location, created: expect.any(String), lastModified: expect.any(String) },
    });
    // The directory has them, posted from today, and the audit names the client.
    const person = await call("GET", `/v1/admin/people/${kim.id}`, { token: admin });
    expect(person.body).toMatchObject({ email: email("kim"), active: true, current: { org: "KOTRA-XS", role: "AGENCY_STAFF" } });
    const audit = await call("GET", "/v1/admin/directory/audit?limit=20", { token: admin });
    expect(audit.body.items.find((a: any) => a.entity === "person" && a.key === email("kim"))).toMatchObject({
      actor: `scim:${client.name}`,
      action: "add",
    });

    const again = await scim("POST", "/Users", { body: newUser("kim", { userName: email("kim").toUpperCase() }) });
    expectScimError(again, 409, "uniqueness");
  });

  it("refuses a person without a posting, at an unknown organisation, or as an administrator, with a sentence", async () => {
    const { [HUB]: _, ...noPosting } = newUser("nobody");
    const r = await scim("POST", "/Users", { body: { ...noPosting, schemas: [CORE] } });
    expectScimError(r, 400, "invalidValue");
    expect(r.body.detail).toContain("first posting");
    const unknown = await scim("POST", "/Users", { body: newUser("nobody", { [HUB]: { organization: "EMB-NOWHERE", role: "MISSION_STAFF" } }) });
    expectScimError(unknown, 400, "invalidValue");
    expect(unknown.body.detail).toContain("EMB-NOWHERE");
    const wrongRole = await scim("POST", "/Users", { body: newUser("nobody", { [HUB]: { organization: "KOTRA-XS", role: "MISSION_HEAD" } }) });
    expectScimError(wrongRole, 400, "invalidValue");
    expect(wrongRole.body.detail).toContain("is not a role at KOTRA-XS");
    expectScimError(
      await scim("POST", "/Users", { body: newUser("nobody", { [HUB]: { organization: "MOFA", role: "ADMIN" } }) }),
      400,
      "invalidValue",
    );
    expectScimError(await scim("POST", "/Users", { body: newUser("nobody", { userName: "not-an-email" }) }), 400, "invalidValue");
    expectScimError(await scim("POST", "/Users", { body: "{not json", type: "application/scim+json" }), 400);
    expect((await call("GET", `/v1/admin/people?q=${encodeURIComponent(email("nobody"))}`, { token: admin })).body.items).toEqual([]);
  });

  it("reads one; an unknown or malformed id is a SCIM 404", async () => {
    const r = await scim("GET", `/Users/${kim.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(kim);
    expectScimError(await scim("GET", "/Users/00000000-0000-4000-8000-000000000000"), 404);
    expectScimError(await scim("GET", "/Users/not-an-id"), 404);
    const some = await scim("GET", `/Users/${kim.id}?attributes=userName,name.familyName`);
    expect(some.body).toEqual({ schemas: kim.schemas, id: kim.id, userName: kim.userName, name: { familyName: "Kim kim" } });
    const less = await scim("GET", `/Users/${kim.id}?excludedAttributes=emails,meta,${HUB}`);
    expect(Object.keys(less.body).sort()).toEqual(["active", "displayName", ENTERPRISE, "externalId", "id", "name", "schemas", "userName"].sort());
  });

  it("filters: eq, co, sw, ew, pr, and, or, not, value paths, extensions, meta", async () => {
    await created("lee", { externalId: undefined, [HUB]: { organization: "EMB-XS", role: "MISSION_STAFF" } });
    await created("park");
    const ids = async (filter: string) => {
      const r = await scim("GET", q(filter, "&count=200"));
      expect(r.status, `${filter}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body.schemas).toEqual([LIST]);
      return r.body.Resources.map((u: any) => u.userName.split(".")[1].split("@")[0]).sort();
    };
    const mine = `userName sw "scim-${run}."`;
    expect(await ids(`userName eq "${email("kim").toUpperCase()}"`)).toEqual(["kim"]);
    expect(await ids(mine)).toEqual(["kim", "lee", "park"]);
    expect(await ids(`userName co "${run}.pa"`)).toEqual(["park"]);
    expect(await ids(`${mine} and emails.value ew "lee@teamkorea.dev"`)).toEqual(["lee"]);
    expect(await ids(`${mine} and externalId pr`)).toEqual(["kim", "park"]);
    expect(await ids(`${mine} and not (externalId pr)`)).toEqual(["lee"]);
    expect(await ids(`userName eq "${email("kim")}" or userName eq "${email("lee")}"`)).toEqual(["kim", "lee"]);
    expect(await ids(`(userName eq "${email("kim")}" or userName eq "${email("lee")}") and ${HUB}:organization eq "EMB-XS"`)).toEqual(["lee"]);
    expect(await ids(`${mine} and ${ENTERPRISE}:organization eq "kotra-xs"`)).toEqual(["kim", "park"]);
    expect(await ids(`${mine} and name.familyName eq "kim PARK"`)).toEqual(["park"]);
    expect(await ids(`emails[type eq "work" and value co "${run}.kim"]`)).toEqual(["kim"]);
    expect(await ids(`externalId eq "ext-${run}-kim"`)).toEqual(["kim"]);
    expect(await ids(`externalId eq "EXT-${run}-KIM"`)).toEqual([]); // externalId is case-exact
    expect(await ids(`${mine} and meta.created ge "${kim.meta.created}" and active eq true`)).toEqual(["kim", "lee", "park"]);
    expect(await ids(`${mine} and meta.lastModified lt "2000-01-01T00:00:00Z"`)).toEqual([]);
  });

  it("pages with startIndex and count, totalResults the whole; sorts", async () => {
    const filter = `userName sw "scim-${run}."`;
    const page = (start: number, count: number, more = "") => scim("GET", q(filter, `&startIndex=${start}&count=${count}${more}`));
    const first = await page(1, 2);
    expect(first.body).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    const second = await page(3, 2);
    expect(second.body).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
    const all = [...first.body.Resources, ...second.body.Resources].map((u: any) => u.userName);
    expect(all).toEqual([email("kim"), email("lee"), email("park")]);
    expect((await page(1, 0)).body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect((await page(9, 2)).body).toMatchObject({ totalResults: 3, startIndex: 9, itemsPerPage: 0 });
    const desc = await page(1, 3, "&sortBy=userName&sortOrder=descending");
    expect(desc.body.Resources.map((u: any) => u.userName)).toEqual([email("park"), email("lee"), email("kim")]);
    expectScimError(await page(1, 2, "&sortBy=title"), 400, "invalidValue");
    expectScimError(await scim("GET", "/Users?count=lots"), 400, "invalidValue");
  });

  it("refuses a filter that is not one with a SCIM 400 invalidFilter, hostile ones too", async () => {
    const hostile = [
      "userName eq",
      'userName eq "x" or 1=1',
      "userName eq 'x'",
      `userName eq "x"; DROP TABLE users; --`,
      'password eq "x"',
      "((((((((((((((((((((active pr))))))))))))))))))))",
      `userName eq "${"x".repeat(3000)}"`,
      'meta.created gt "soon"',
      'emails[value eq "x"',
      'userName eq "\\ud800"',
      "not active",
    ];
    for (const f of hostile) expectScimError(await scim("GET", q(f)), 400, "invalidFilter");
    // A value that looks like SQL is only a value.
    const r = await scim("GET", q(`userName eq "x' OR '1'='1"`));
    expect(r.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("PATCH: replaces names, adds and removes, by path and without; refuses what the directory keys on", async () => {
    const patch = (...Operations: unknown[]) => scim("PATCH", `/Users/${kim.id}`, { body: { schemas: [PATCH_OP], Operations } });
    const named = await patch(
      { op: "replace", path: "displayName", value: "Minji Kim-Lee" },
      { op: "replace", path: "name.familyName", value: "Kim-Lee" },
    );
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body).toMatchObject({
      displayName: "Minji Kim-Lee",
      name: { formatted: "Minji Kim-Lee", givenName: "Minji", familyName: "Kim-Lee" },
    });
    expect((await call("GET", `/v1/admin/people/${kim.id}`, { token: admin })).body.name).toBe("Minji Kim-Lee");

    const removed = await patch({ op: "remove", path: "externalId" }, { op: "add", value: { [HUB]: { nameKo: "김민지" } } });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.externalId).toBeUndefined();
    expect(removed.body[HUB]).toEqual({ organization: "KOTRA-XS", role: "AGENCY_STAFF", nameKo: "김민지" });
    const added = await patch({ op: "add", path: "externalId", value: `ext-${run}-kim-2` });
    expect(added.body.externalId).toBe(`ext-${run}-kim-2`);
    expect(Date.parse(added.body.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(kim.meta.lastModified));

    expectScimError(await patch({ op: "replace", path: "userName", value: email("other") }), 400, "mutability");
    expectScimError(await patch({ op: "replace", path: 'emails[type eq "work"].value', value: email("other") }), 400, "mutability");
    expectScimError(await patch({ op: "replace", path: "title", value: "x" }), 400, "invalidPath");
    expectScimError(await patch({ op: "remove", path: 'emails[type eq "home"]' }), 400, "noTarget");
    expectScimError(await patch({ op: "remove" }), 400, "noTarget");
    expectScimError(await scim("PATCH", `/Users/${kim.id}`, { body: { Operations: [] } }), 400, "invalidSyntax");
  });

  it("PATCH a posting: a new organisation is a move from today, audited", async () => {
    const r = await scim("PATCH", `/Users/${kim.id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: "replace", path: `${ENTERPRISE}:organization`, value: "EMB-XS" },
          { op: "replace", path: `${HUB}:role`, value: "MISSION_STAFF" },
        ],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body[HUB]).toMatchObject({ organization: "EMB-XS", role: "MISSION_STAFF" });
    const person = (await call("GET", `/v1/admin/people/${kim.id}`, { token: admin })).body;
    expect(person.current).toMatchObject({ org: "EMB-XS", role: "MISSION_STAFF" });
  });

  it("PATCH active: false deactivates at once: that person's session token is a 401 on the next request", async () => {
    const dana = await created("dana");
    const session = await login(email("dana"));
    expect((await call("GET", "/v1/me", { token: session })).status).toBe(200);
    const r = await scim("PATCH", `/Users/${dana.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.active).toBe(false);
    const me = await call("GET", "/v1/me", { token: session });
    expect(me.status).toBe(401);
    expect(me.body.message).toContain("deactivated");
    // Still a User (inactive), and found by a filter on it.
    const inactive = await scim("GET", q(`userName eq "${email("dana")}" and active eq false`));
    expect(inactive.body.totalResults).toBe(1);
  });

  it("PUT replaces the person: names, externalId, activity; userName cannot change", async () => {
    const body = { ...newUser("park"), displayName: "Park Replaced", name: { formatted: "Dr Park" }, externalId: undefined };
    const park = (await scim("GET", q(`userName eq "${email("park")}"`))).body.Resources[0];
    const r = await scim("PUT", `/Users/${park.id}`, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: park.id, displayName: "Park Replaced", name: { formatted: "Dr Park" }, active: true });
    expect(r.body.name.givenName).toBeUndefined();
    expect(r.body.externalId).toBeUndefined();
    expectScimError(await scim("PUT", `/Users/${park.id}`, { body: { ...body, userName: email("renamed") } }), 400, "mutability");
    expectScimError(await scim("PUT", "/Users/00000000-0000-4000-8000-000000000000", { body }), 404);
  });

  it("DELETE: 204; the person is deactivated and their posting ended, history kept; SCIM answers 404 for them after", async () => {
    const lee = (await scim("GET", q(`userName eq "${email("lee")}"`))).body.Resources[0];
    const session = await login(email("lee"));
    const r = await scim("DELETE", `/Users/${lee.id}`);
    expect(r.status).toBe(204);
    expectScimError(await scim("GET", `/Users/${lee.id}`), 404);
    expect((await scim("GET", q(`userName eq "${email("lee")}"`))).body.totalResults).toBe(0);
    expectScimError(await scim("DELETE", `/Users/${lee.id}`), 404);
    expectScimError(await scim("POST", "/Users", { body: newUser("lee") }), 409, "uniqueness");
    // The directory keeps them, inactive, with their posting ended today or before.
    const person = (await call("GET", `/v1/admin/people/${lee.id}`, { token: admin })).body;
    expect(person).toMatchObject({ email: email("lee"), active: false });
    expect(person.postings).toHaveLength(1);
    expect(person.postings[0]).toMatchObject({ org: "EMB-XS", role: "MISSION_STAFF", until: expect.any(String) });
    expect((await call("GET", "/v1/me", { token: session })).status).toBe(401);
    // Reactivated by an administrator, they are a User again, under the same id.
    expect((await call("PATCH", `/v1/admin/people/${lee.id}`, { token: admin, body: { active: true } })).status).toBe(200);
    const back = await scim("GET", `/Users/${lee.id}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: lee.id, userName: email("lee"), active: true });
  });

  it("answers unknown endpoints with a SCIM 404, unsupported ones 501; searches by POST; accepts application/json bodies, refuses other media types", async () => {
    expectScimError(await scim("GET", "/Groups"), 404);
    expectScimError(await scim("GET", "/Users/x/y"), 404);
    expectScimError(await scim("POST", "/Bulk", { body: {} }), 501);
    expectScimError(await scim("GET", "/Me"), 501);
    const root = await scim("POST", "/.search", {
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: `userName eq "${email("kim")}"`, attributes: ["userName"] },
    });
    expect(root.body).toMatchObject({ totalResults: 1, Resources: [{ userName: email("kim") }] });
    expect(Object.keys(root.body.Resources[0]).sort()).toEqual(["id", "schemas", "userName"]);
    const r = await scim("POST", "/Users", { body: newUser("json"), type: "application/json" });
    expect(r.status).toBe(201);
    expect(r.type).toMatch(/^application\/scim\+json/);
    expectScimError(await scim("POST", "/Users", { body: "x", type: "text/plain" }), 415);
  });

  it("a revoked client's token is a 401 from the next request; the client stays listed", async () => {
    expect((await scim("GET", "/Users?count=1")).status).toBe(200);
    const r = await call("DELETE", `/v1/admin/scim-clients/${client.id}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.revokedAt).toEqual(expect.any(String));
    expectScimError(await scim("GET", "/Users?count=1"), 401);
    const list = await call("GET", "/v1/admin/scim-clients", { token: admin });
    expect(list.body.items.find((c: any) => c.id === client.id).revokedAt).toBe(r.body.revokedAt);
    expect((await call("DELETE", "/v1/admin/scim-clients/00000000-0000-4000-8000-000000000000", { token: admin })).status).toBe(404);
  });
});
