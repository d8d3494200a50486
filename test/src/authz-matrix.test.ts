/**
 * The authorisation matrix: every route × every role × own/other organisation, each row asserting
 * the exact status of the intended policy. Targets are two US cases opened in beforeAll:
 *   A — pending (decided on first, before it can escalate), then sent back for changes;
 *   B — approved at once, so KOTRA-US, MOTIE and EMB-US each hold a pending assignment.
 * Rows run in order: denials against a target run before the one allowed change of its state.
 *
 * A refusal is 403 (with the reason) for whoever may see the target, and 404 — exactly what an
 * unknown id answers — for whoever may not: otherwise an outsider could tell which case,
 * approval, assignment, dead letter or delegation ids exist.
 */
import { randomUUID } from "node:crypto";
import { pdfFile } from "@hub/api/file-fixtures";
import { beforeAll, describe, expect, it } from "vitest";
import { upload } from "./support/files";
import { apiUrl, assignmentsOf, call, decidedEvent, eventually, inDays, login, openCase, pendingApproval, uniqueRef } from "./support/hub";

const USERS = ["head.us", "staff.us", "head.jp", "staff.jp", "kotra.us", "kotra.vn", "kcc.jp", "motie", "moel", "hq", "admin"] as const;
type User = (typeof USERS)[number];
type Who = User | "no token" | "garbage token" | "tampered token";
const ORG: Record<User, [code: string, country: string | null]> = {
  "head.us": ["EMB-US", "US"],
  "staff.us": ["EMB-US", "US"],
  "head.jp": ["EMB-JP", "JP"],
  "staff.jp": ["EMB-JP", "JP"],
  "kotra.us": ["KOTRA-US", "US"],
  "kotra.vn": ["KOTRA-VN", "VN"],
  "kcc.jp": ["KCC-JP", "JP"],
  motie: ["MOTIE", null],
  moel: ["MOEL", null],
  hq: ["MOFA", null],
  admin: ["MOFA", null],
};
const MISSION_USERS: User[] = ["head.us", "staff.us", "head.jp", "staff.jp"];
const REF = uniqueRef("AUTHZ");
/** A plan for Japan's mission, each with its own reference. */
const jpPlan = () => ({
  country: "JP",
  planRef: uniqueRef("AUTHZ-JP"),
  title: "Authorisation matrix plan",
  summary: "s",
  assignments: [{ org: "EMB-JP", task: "t", dueOn: inDays(10) }],
});

/** Targets filled in by beforeAll; paths name them as {key}. */
const ctx: Record<string, string> = {
  unknown: randomUUID(),
  unknownRow: "987654321987",
  unknownWf: `trade-restriction:US:${REF}-NONE`,
  motieRef: `${REF}-MOTIE-JP`,
};
const tokens = {} as Record<User, string>;
let planA: unknown;

interface Row {
  who: Who;
  method: string;
  path: string;
  status: number;
  body?: unknown;
  match?: Record<string, unknown>;
}

async function hit({ who, method, path, status, body, match }: Row) {
  const url = path.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!ctx[k]) throw new Error(`target ${k} was not set up`);
    return encodeURIComponent(ctx[k] as string);
  });
  const token = who === "no token" ? undefined : who === "garbage token" ? "garbage.not-a.jwt" : who === "tampered token" ? tampered() : tokens[who];
  const r = await call(method, url, { token, body: typeof body === "function" ? body() : body });
  expect(r.status, `${who} ${method} ${url}: ${JSON.stringify(r.body)}`).toBe(status);
  if (match) expect(r.body, `${who} ${method} ${url}`).toMatchObject(match);
  return r;
}
/** MOTIE's signed token with its payload swapped for the admin's: the signature no longer matches. */
const tampered = () => {
  const [header, , signature] = tokens.motie.split(".");
  return `${header}.${tokens.admin.split(".")[1]}.${signature}`;
};
const matrix = (rows: Row[]) =>
  it.each(rows)("$who $method $path → $status", async (row) => {
    await hit(row);
  });

const except = (...ok: User[]) => USERS.filter((u) => !ok.includes(u));
const allow =
  (...ok: User[]) =>
  (u: User) =>
    ok.includes(u) ? 200 : 403;
const each = (method: string, path: string, status: (u: User) => number, body?: unknown): Row[] =>
  USERS.map((who) => ({ who, method, path, status: status(who), body }));
/** Refused: 403 for those who may see the target, the unknown id's 404 for those who may not. */
const refuse = (readers: User[], users: User[], method: string, path: string, body?: unknown): Row[] =>
  users.map((who) => ({ who, method, path, status: readers.includes(who) ? 403 : 404, body }));
/** A read by id: 200 for those who may see the target, and the unknown id's 404 for everyone else. */
const visibleTo =
  (...ok: User[]) =>
  (u: User) =>
    ok.includes(u) ? 200 : 404;
/** Who may see what. Any US organisation sees the country's tasks; MOTIE holds an assignment in B only. */
const A_READERS: User[] = ["head.us", "staff.us", "kotra.us", "hq", "admin"];
const B_READERS: User[] = [...A_READERS, "motie"];
const APPROVAL_READERS: User[] = ["head.us", "staff.us", "hq"];

/** A list route: 200 (or the given denial) and exactly the expected marked items in what the user sees. */
function scoped(path: string, status: (u: User) => number, seen: (body: any, who: User) => string[], expected: (u: User) => string[]) {
  it.each(USERS)(`%s GET ${path} sees only its scope`, async (who) => {
    const r = await hit({ who, method: "GET", path, status: status(who) });
    if (status(who) === 200) expect([...new Set(seen(r.body, who))].sort(), `${who} GET ${path} sees`).toEqual(expected(who).sort());
  });
}
const when = (users: User[], label: string) => (u: User) => (users.includes(u) ? [label] : []);

beforeAll(async () => {
  for (const u of USERS) tokens[u] = await login(`${u}@teamkorea.dev`);
  // B: approved at once, so its assignments exist.
  ctx.caseB = uniqueRef("AUTHZ-B");
  const b = await openCase(ctx.caseB);
  const approved = await call("POST", `/v1/approvals/${b.approval.id}/decision`, { token: b.head, body: { decision: "approve" } });
  expect(approved.status, `approving B: ${JSON.stringify(approved.body)}`).toBe(200);
  Object.assign(ctx, { apprB: b.approval.id, wfB: b.workflowId });
  const assigned = await eventually("B's three assignments", async () => {
    const a = await assignmentsOf(b.workflowId);
    return a.length === 3 ? a : undefined;
  });
  const idOf = (org: string) => assigned.find((a) => a.org === org)?.id;
  Object.assign(ctx, { kotraTask: idOf("KOTRA-US"), motieTask: idOf("MOTIE"), embTask: idOf("EMB-US") });
  // A last: its approval escalates to HQ after 6 s, so the decision rows below run first.
  ctx.caseA = REF;
  const a = await openCase(REF);
  Object.assign(ctx, { apprA: a.approval.id, wfA: a.workflowId });
  planA = a.approval.plan;
}, 120_000);

describe("POST /v1/approvals/:id/decision (first: A must still be pending and not escalated)", () => {
  const approve = { decision: "approve", comment: "authz matrix" };
  const path = "/v1/approvals/{apprA}/decision";
  matrix([
    { who: "hq", method: "POST", path, status: 403, body: approve },
    ...refuse(APPROVAL_READERS, except("head.us", "hq"), "POST", path, approve),
    ...refuse(APPROVAL_READERS, except("head.us"), "POST", "/v1/approvals/{apprB}/decision", approve),
    { who: "head.us", method: "POST", path: "/v1/approvals/{apprB}/decision", status: 409, body: approve },
    { who: "head.us", method: "POST", path: "/v1/approvals/not-a-uuid/decision", status: 400, body: approve },
    { who: "head.us", method: "POST", path: "/v1/approvals/{unknown}/decision", status: 404, body: approve },
    { who: "head.us", method: "POST", path, status: 200, body: { decision: "request_changes" }, match: { status: "changes_requested" } },
  ]);
});

describe("authentication", () => {
  const bodies: Record<string, unknown> = {
    "/v1/events": () => decidedEvent({ caseRef: `${REF}-ANON` }),
    "/v1/approvals/{apprA}/decision": { decision: "approve" },
    "/v1/assignments/{kotraTask}/progress": { note: "n" },
    "/v1/assignments/{kotraTask}/complete": { report: "r" },
    "/v1/assignments/{kotraTask}/decline": { reason: "r" },
    "/v1/assignments/{kotraTask}/assign": { to: "kotra.us@teamkorea.dev" },
    "/v1/workflows/{wfA}/plan": () => ({ plan: planA }),
    "/v1/plans": () => jpPlan(),
    "/v1/workflows/{wfB}/cancel": { reason: "r" },
    "/v1/workflows/{wfB}/comments": { body: "authz matrix" },
    "/v1/delegations": { to: "staff.us@teamkorea.dev", from: inDays(300), until: inDays(301) },
    "/v1/subscriptions": { url: "http://127.0.0.1:9/authz", types: ["kr.teamkorea.hub.task.changed.v1"] },
    "/v1/missions/EMB-US/rota": { from: "2030-01-01T08:00", until: "2030-01-01T18:00", officer: "staff.us@teamkorea.dev" },
    "/v1/admin/directory/import?dryRun=true": { format: "team-korea-hub/directory@1", organizations: [], duties: [], people: [] },
  };
  const routes: [string, string][] = [
    ["GET", "/v1/me"],
    ["GET", "/v1/orgs"],
    ["POST", "/v1/events"],
    ["GET", "/v1/events"],
    ["GET", "/v1/approvals"],
    ["GET", "/v1/approvals/{apprA}"],
    ["POST", "/v1/approvals/{apprA}/decision"],
    ["GET", "/v1/assignments"],
    ...["ack", "progress", "complete", "decline"].map((a): [string, string] => ["POST", `/v1/assignments/{kotraTask}/${a}`]),
    ...["claim", "release", "assign"].map((a): [string, string] => ["POST", `/v1/assignments/{kotraTask}/${a}`]),
    ["GET", "/v1/workflows"],
    ["GET", "/v1/workflows/{wfB}"],
    ["GET", "/v1/workflows/{wfB}/history"],
    ["POST", "/v1/workflows/{wfA}/plan"],
    ["POST", "/v1/workflows/{wfB}/cancel"],
    ["GET", "/v1/workflows/{wfB}/comments"],
    ["POST", "/v1/workflows/{wfB}/comments"],
    ["PATCH", "/v1/workflows/{wfB}/comments/{unknown}"],
    ["DELETE", "/v1/workflows/{wfB}/comments/{unknown}"],
    ["POST", "/v1/plans"],
    ["GET", "/v1/plan-templates"],
    ["POST", "/v1/delegations"],
    ["GET", "/v1/delegations"],
    ["GET", "/v1/delegations/candidates"],
    ["DELETE", "/v1/delegations/{unknown}"],
    ["GET", "/v1/dead-letters"],
    ["GET", "/v1/me/notifications"],
    ["PUT", "/v1/me/notifications"],
    ["GET", "/v1/notices/parked"],
    ["POST", "/v1/dead-letters/{unknown}/replay"],
    ["GET", "/v1/outbox/parked"],
    ["POST", "/v1/outbox/parked/{unknownRow}/release"],
    ["POST", "/v1/stream/ticket"],
    ["GET", "/v1/stream"], // no ticket: a bearer token does not open the stream either (below)
    ["GET", "/v1/board"],
    ["POST", "/v1/subscriptions"],
    ["GET", "/v1/subscriptions"],
    ["DELETE", "/v1/subscriptions/{unknown}"],
    ["GET", "/v1/overview"],
    ["GET", "/v1/missions/EMB-US/rota"],
    ["POST", "/v1/missions/EMB-US/rota"],
    ["GET", "/v1/missions/EMB-US/rota/on-duty"],
    ["DELETE", "/v1/missions/EMB-US/rota/{unknown}"],
    ["GET", "/v1/orgs/EMB-US"],
    ["POST", "/v1/admin/directory/import?dryRun=true"],
    ["GET", "/v1/admin/directory/export"],
    ["GET", "/v1/admin/directory/audit"],
    ["GET", "/v1/admin/people"],
    ["GET", "/v1/admin/people/{unknown}"],
    ["POST", "/v1/admin/people?dryRun=true"],
    ["PATCH", "/v1/admin/people/{unknown}"],
    ["POST", "/v1/admin/people/{unknown}/postings"],
    ["POST", "/v1/admin/people/{unknown}/postings/end"],
    ["GET", "/v1/directory/orgs/EMB-US"],
    ["GET", "/v1/directory/people"],
    ["GET", "/v1/directory/people/{unknown}"],
    ["GET", "/v1/admin/scim-clients"],
    ["POST", "/v1/admin/scim-clients"],
    ["DELETE", "/v1/admin/scim-clients/{unknown}"],
    ["POST", "/v1/admin/orgs?dryRun=true"],
    ["PATCH", "/v1/admin/orgs/NO-SUCH-ORG?dryRun=true"],
    ["PUT", "/v1/admin/duties/authz-duty?dryRun=true"],
    ["POST", "/v1/workflows/{wfB}/files?name=x.pdf&attach=plan:1"],
    ["GET", "/v1/workflows/{wfB}/files"],
    ["GET", "/v1/files/{unknown}"],
  ];
  matrix(
    routes.flatMap(([method, path]) =>
      (["no token", "garbage token", "tampered token"] as const).map((who) => ({
        who,
        method,
        path,
        status: 401,
        body: method === "POST" ? bodies[path] : undefined,
      })),
    ),
  );
  // Public routes answer without a token.
  matrix([
    ...["/healthz", "/readyz", "/openapi.json", "/asyncapi.json", "/docs", "/v1/event-types"].map((path) => ({
      who: "no token" as const,
      method: "GET",
      path,
      status: 200,
    })),
    { who: "no token", method: "POST", path: "/v1/auth/dev-login", status: 200, body: { email: "hq@teamkorea.dev" } },
    { who: "no token", method: "GET", path: "/v1/auth/dev-accounts", status: 200 },
  ]);
});

describe("directory", () => {
  it.each(USERS)("%s GET /v1/me → 200, as itself", async (who) => {
    const r = await hit({ who, method: "GET", path: "/v1/me", status: 200 });
    expect({ email: r.body.email, org: r.body.org?.code }).toEqual({ email: `${who}@teamkorea.dev`, org: ORG[who][0] });
  });
  matrix(each("GET", "/v1/orgs", () => 200));
  matrix([
    ...each("GET", "/v1/orgs/EMB-US", () => 200),
    ...each("GET", "/v1/orgs/NO-SUCH-ORG", () => 404),
    ...each("GET", "/v1/orgs/not-a-code", () => 400),
  ]);
});

describe("the directory's admin routes", () => {
  const READERS: User[] = ["hq", "admin"];
  const HEADS: User[] = ["head.us", "head.jp"];
  let file: unknown;
  beforeAll(async () => {
    file = (await call("GET", "/v1/admin/directory/export", { token: tokens.admin })).body;
    const staff = await call("GET", "/v1/admin/people?q=staff.us%40teamkorea.dev", { token: tokens.admin });
    ctx.staffUs = staff.body.items[0].id;
  });
  matrix([
    ...each("GET", "/v1/admin/directory/export", allow(...READERS)),
    ...each("GET", "/v1/admin/directory/audit", allow(...READERS)),
    // The directory as it is, back again: a dry run plans nothing; only an admin may send it at all.
    ...each("POST", "/v1/admin/directory/import?dryRun=true", allow("admin"), () => file).map((r) =>
      r.status === 200 ? { ...r, match: { dryRun: true, changes: [] } } : r,
    ),
    ...each("POST", "/v1/admin/directory/import?dryRun=false", allow("admin"), () => file).map((r) =>
      r.status === 200 ? { ...r, match: { dryRun: false, batch: null, changes: [] } } : r,
    ),
    // Not an administrator: refused before the file is read, whatever it holds.
    ...each("POST", "/v1/admin/directory/import?dryRun=true", (u) => (u === "admin" ? 400 : 403), { format: "nope" }),
    // One person at a time: only an administrator; a dry run stores nothing.
    ...each("POST", "/v1/admin/people?dryRun=true", allow("admin"), {
      email: `authz-${REF.toLowerCase()}@teamkorea.dev`,
      name: "Would be added",
      posting: { org: "EMB-US", role: "MISSION_STAFF", from: "2026-01-01" },
    }).map((r) => (r.status === 200 ? { ...r, match: { dryRun: true, batch: null } } : r)),
    ...each("PATCH", "/v1/admin/people/{unknown}", (u) => (u === "admin" ? 404 : 403), { active: false }),
    ...each("POST", "/v1/admin/people/{unknown}/postings/end", (u) => (u === "admin" ? 404 : 403), { until: "2026-01-01" }),
    ...each("GET", "/v1/admin/people", allow(...READERS, ...HEADS)),
    ...each("GET", "/v1/admin/people?org=EMB-JP", allow(...READERS, "head.jp")),
    ...each("GET", "/v1/admin/people/{staffUs}", (u) => (READERS.includes(u) || u === "head.us" ? 200 : u === "head.jp" ? 404 : 403)),
    ...each("GET", "/v1/admin/people/{unknown}", (u) => (READERS.includes(u) || HEADS.includes(u) ? 404 : 403)),
    // SCIM provisioning clients: administrators only (a client's token provisions the directory).
    ...each("GET", "/v1/admin/scim-clients", allow("admin")),
    ...each("POST", "/v1/admin/scim-clients", (u) => (u === "admin" ? 201 : 403), { name: `Authz ${REF}` }),
    ...each("DELETE", "/v1/admin/scim-clients/{unknown}", (u) => (u === "admin" ? 404 : 403)),
    // Organisations and duties one at a time: administrators only (dry runs, so nothing changes).
    ...each("POST", "/v1/admin/orgs?dryRun=true", allow("admin"), {
      code: "KTO-AUTHZ",
      kind: "AGENCY",
      nameKo: "시험",
      nameEn: "Authz test office",
      country: "US",
      network: "KTO",
      timeZone: "America/New_York",
    }),
    ...each("PATCH", "/v1/admin/orgs/NO-SUCH-ORG?dryRun=true", (u) => (u === "admin" ? 404 : 403), { closed: true }),
    ...each("PUT", "/v1/admin/duties/authz-duty?dryRun=true", allow("admin"), { holders: [{ holder: "MOFA", holderKind: "org", rank: 1 }] }),
    // The directory's pages: a head reads their own team (mission and the offices it leads); outside it, a 404.
    ...each("GET", "/v1/directory/orgs/EMB-US", (u) => (READERS.includes(u) || u === "head.us" ? 200 : u === "head.jp" ? 404 : 403)),
    ...each("GET", "/v1/directory/orgs/KOTRA-US", (u) => (READERS.includes(u) || u === "head.us" ? 200 : u === "head.jp" ? 404 : 403)),
    ...each("GET", "/v1/directory/orgs/NO-SUCH-ORG", (u) => (READERS.includes(u) || HEADS.includes(u) ? 404 : 403)),
    ...each("GET", "/v1/directory/orgs/not-a-code", () => 400),
    ...each("GET", "/v1/directory/people", allow(...READERS, ...HEADS)),
    ...each("GET", "/v1/directory/people?org=EMB-JP", (u) => (READERS.includes(u) || u === "head.jp" ? 200 : u === "head.us" ? 404 : 403)),
    ...each("GET", "/v1/directory/people?org=KOTRA-US", (u) => (READERS.includes(u) || u === "head.us" ? 200 : u === "head.jp" ? 404 : 403)),
    ...each("GET", "/v1/directory/people/{staffUs}", (u) => (READERS.includes(u) || u === "head.us" ? 200 : u === "head.jp" ? 404 : 403)),
    ...each("GET", "/v1/directory/people/{unknown}", (u) => (READERS.includes(u) || HEADS.includes(u) ? 404 : 403)),
    ...each("GET", "/v1/directory/people/not-a-uuid", () => 400),
  ]);
  it("gives a head of mission the people of their own team only on the directory's pages", async () => {
    const r = await hit({ who: "head.us", method: "GET", path: "/v1/directory/people?limit=200", status: 200 });
    const orgs = new Set(r.body.items.map((p: any) => p.current?.org));
    expect([...orgs]).toEqual(expect.arrayContaining(["EMB-US", "KOTRA-US"]));
    // Los Angeles' offices are the consulate general's team, not the embassy's; Japan's are Japan's.
    for (const other of ["CG-LA", "KOTRA-LA", "EMB-JP", "MOFA"]) expect(orgs.has(other), other).toBe(false);
  });
  it("gives a head of mission the people posted at their own mission only", async () => {
    const r = await hit({ who: "head.us", method: "GET", path: "/v1/admin/people?limit=200", status: 200 });
    expect(new Set(r.body.items.map((p: any) => p.current?.org))).toEqual(new Set(["EMB-US"]));
    expect(r.body.items.map((p: any) => p.email)).toEqual(expect.arrayContaining(["head.us@teamkorea.dev", "staff.us@teamkorea.dev"]));
  });
});

describe("events", () => {
  // Decided events: about US they signal case B (harmless); elsewhere no case exists, so the router parks them.
  const event = (who: User, source: string, country: string, status: number): Row => ({
    who,
    method: "POST",
    path: `/v1/events (source ${source}, about ${country})`,
    status,
    body: () =>
      decidedEvent({
        source,
        country,
        caseRef: country === "US" ? (ctx.caseB as string) : `${REF}-${who.replace(".", "-").toUpperCase()}-${country}`,
      }),
  });
  const rows: Row[] = USERS.flatMap((who) => {
    const [org, country] = ORG[who];
    if (who === "hq" || who === "admin") return [event(who, org, "US", 403)];
    return [
      event(who, org, country ?? "JP", 202), // own organisation, own country (ministries: any)
      event(who, org, country === "US" ? "VN" : "US", country ? 403 : 202), // own organisation, another country
      event(who, who === "kotra.us" ? "EMB-US" : "KOTRA-US", country ?? "US", 403), // another organisation's name
    ];
  });
  it.each(rows)("$who POST $path → $status", async (row) => {
    await hit({ ...row, path: "/v1/events" });
  });

  // Event visibility follows task visibility: a mission sees its country's events; any other
  // organisation those of the tasks it takes part in (lead, planned, assignee, informed) and its own.
  // KOTRA-US and MOTIE are in case A's plan (trade impact, trade remedy); MOTIE holds an assignment
  // in case B, which once let it read every US event, like the one below that opens no task.
  beforeAll(async () => {
    ctx.noCaseRef = `${REF}-NOCASE`;
    const r = await call("POST", "/v1/events", { token: tokens["staff.us"], body: decidedEvent({ source: "EMB-US", caseRef: ctx.noCaseRef }) });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
  });
  scoped(
    "/v1/events?limit=200",
    () => 200,
    (b) => [
      ...b.items.filter((e: any) => e.source === "EMB-US" && e.data?.caseRef === ctx.caseA).map(() => "US event of case A"),
      ...b.items.filter((e: any) => e.source === "EMB-US" && e.data?.caseRef === ctx.noCaseRef).map(() => "US event of no case"),
      ...b.items.filter((e: any) => e.source === "MOTIE" && e.data?.caseRef === ctx.motieRef).map(() => "MOTIE's JP event"),
    ],
    (u) => [
      ...when(["head.us", "staff.us", "kotra.us", "motie", "hq", "admin"], "US event of case A")(u),
      ...when(["head.us", "staff.us", "hq", "admin"], "US event of no case")(u),
      // KCC-JP, in Japan but in no task of it, does not see it.
      ...when(["head.jp", "staff.jp", "motie", "hq", "admin"], "MOTIE's JP event")(u),
    ],
  );
});

describe("approvals", () => {
  scoped(
    "/v1/approvals?limit=200",
    allow(...MISSION_USERS, "hq"),
    (b, who) => [
      ...b.items.filter((a: any) => a.id === ctx.apprA).map(() => "A"),
      ...b.items.filter((a: any) => who !== "hq" && a.country !== ORG[who][1]).map((a: any) => `foreign ${a.country}`),
    ],
    when(["head.us", "staff.us", "hq"], "A"),
  );
  matrix([
    ...each("GET", "/v1/approvals/{apprA}", visibleTo(...APPROVAL_READERS)),
    ...each("GET", "/v1/approvals/{unknown}", () => 404),
    { who: "head.us", method: "GET", path: "/v1/approvals/not-a-uuid", status: 400 },
  ]);
});

describe("assignments", () => {
  const ALL_B = ["EMB-US", "KOTRA-US", "MOTIE"];
  scoped(
    "/v1/assignments?limit=200",
    () => 200,
    (b, who) => [
      ...b.items.filter((a: any) => a.workflowId === ctx.wfB).map((a: any) => a.org),
      // Agencies and ministries see their own organisation's assignments only.
      ...b.items.filter((a: any) => ORG[who][0] !== "MOFA" && !MISSION_USERS.includes(who) && a.org !== ORG[who][0]).map((a: any) => `leak ${a.org}`),
    ],
    (u) => (["head.us", "staff.us", "hq", "admin"].includes(u) ? ALL_B : u === "kotra.us" ? ["KOTRA-US"] : u === "motie" ? ["MOTIE"] : []),
  );

  const bodies: Record<string, unknown> = { ack: undefined, progress: { note: "n" }, complete: { report: "r" }, decline: { reason: "r" } };
  const owners: Record<string, User[]> = { kotraTask: ["kotra.us"], motieTask: ["motie"], embTask: ["head.us", "staff.us"] };
  // Every other organisation's user, HQ and admin included, is refused every action on a pending
  // assignment: 403 if it sees case B (and so its assignments), else 404.
  matrix(
    Object.entries(owners).flatMap(([task, own]) =>
      Object.entries(bodies).flatMap(([action, body]) => refuse(B_READERS, except(...own), "POST", `/v1/assignments/{${task}}/${action}`, body)),
    ),
  );
  // The owners, in order: illegal moves are 409, legal ones 200.
  const act = (who: User, task: string, action: string, status: number, body = bodies[action], to?: string): Row => ({
    who,
    method: "POST",
    path: `/v1/assignments/{${task}}/${action}`,
    status,
    body,
    match: to ? { status: to } : undefined,
  });
  matrix([
    act("kotra.us", "kotraTask", "complete", 409),
    act("kotra.us", "kotraTask", "progress", 400, {}),
    act("kotra.us", "kotraTask", "ack", 200, undefined, "acknowledged"),
    act("kotra.us", "kotraTask", "ack", 409),
    act("kotra.us", "kotraTask", "progress", 200, undefined, "in_progress"),
    act("kotra.us", "kotraTask", "complete", 200, undefined, "completed"),
    act("kotra.us", "kotraTask", "decline", 409),
    act("kotra.us", "kotraTask", "progress", 409),
    act("motie", "motieTask", "ack", 200, undefined, "acknowledged"),
    act("motie", "motieTask", "decline", 200, undefined, "declined"),
    act("motie", "motieTask", "complete", 409),
    act("staff.us", "embTask", "ack", 200, undefined, "acknowledged"),
    act("head.us", "embTask", "progress", 200, undefined, "in_progress"),
    act("head.us", "embTask", "ack", 409),
    act("staff.us", "embTask", "decline", 409), // left in progress, so B stays open for the plan rows
    act("kotra.us", "unknown", "ack", 404),
    { who: "kotra.us", method: "POST", path: "/v1/assignments/not-a-uuid/ack", status: 400 },
  ]);

  // Claim, release, assign: every other organisation's user is refused (403 if it sees case B, else 404).
  const claimBodies: Record<string, unknown> = { claim: undefined, release: undefined, assign: { to: "staff.us@teamkorea.dev" } };
  matrix(
    Object.entries(owners).flatMap(([task, own]) =>
      Object.entries(claimBodies).flatMap(([action, body]) => refuse(B_READERS, except(...own), "POST", `/v1/assignments/{${task}}/${action}`, body)),
    ),
  );
  // The owners, in order. EMB-US's assignment (still in progress): staff claim it; the head (its
  // mission's lead) reassigns it; staff are then refused (409 claiming, 403 releasing) and the
  // head puts it back in the queue. A closed assignment takes no claim; nobody outside the
  // organisation is assigned one (400).
  const claimRow = (who: User, task: string, action: string, status: number, body = claimBodies[action]): Row => ({
    who,
    method: "POST",
    path: `/v1/assignments/{${task}}/${action}`,
    status,
    body,
  });
  matrix([
    claimRow("kotra.us", "kotraTask", "claim", 409),
    claimRow("motie", "motieTask", "release", 409),
    claimRow("staff.us", "embTask", "release", 409),
    claimRow("staff.us", "embTask", "assign", 403),
    claimRow("staff.us", "embTask", "claim", 200),
    claimRow("staff.us", "embTask", "claim", 409),
    claimRow("head.us", "embTask", "assign", 400, { to: "kotra.us@teamkorea.dev" }),
    claimRow("head.us", "embTask", "assign", 200, { to: "head.us@teamkorea.dev" }),
    claimRow("staff.us", "embTask", "claim", 409),
    claimRow("staff.us", "embTask", "release", 403),
    claimRow("head.us", "embTask", "release", 200),
    claimRow("kotra.us", "unknown", "claim", 404),
    { who: "kotra.us", method: "POST", path: "/v1/assignments/not-a-uuid/claim", status: 400 },
    { who: "head.us", method: "POST", path: "/v1/assignments/{embTask}/assign", status: 400, body: {} },
  ]);
});

describe("workflows", () => {
  scoped(
    "/v1/workflows?country=US&limit=200",
    () => 200,
    (b) => b.items.filter((t: any) => t.id === ctx.wfA || t.id === ctx.wfB).map((t: any) => (t.id === ctx.wfA ? "A" : "B")),
    (u) => (["head.us", "staff.us", "kotra.us", "hq", "admin"].includes(u) ? ["A", "B"] : u === "motie" ? ["B"] : []),
  );
  matrix(
    ["", "/history"].flatMap((tail) => [
      ...each("GET", `/v1/workflows/{wfB}${tail}`, visibleTo(...B_READERS)), // MOTIE is assigned in B…
      ...each("GET", `/v1/workflows/{wfA}${tail}`, visibleTo(...A_READERS)), // …but only planned in A
      ...each("GET", `/v1/workflows/{unknownWf}${tail}`, () => 404),
    ]),
  );
  // The raw Temporal history is for HQ reviewers and administrators.
  it.each(B_READERS)("%s sees the Temporal Web UI link only if HQ or admin", async (who) => {
    const detail = await hit({ who, method: "GET", path: "/v1/workflows/{wfB}", status: 200 });
    const history = await hit({ who, method: "GET", path: "/v1/workflows/{wfB}/history", status: 200 });
    const expected = who === "hq" || who === "admin" ? expect.stringContaining(encodeURIComponent(ctx.wfB as string)) : null;
    expect([detail.body.temporalHistoryUrl, history.body.temporalHistoryUrl]).toEqual([expected, expected]);
  });

  // The task page's fields, not only its status: its approvals (plan, decider, comment) and the plan
  // versions they carry follow the approvals' rule. Whoever gets GET /v1/approvals/{id} as a 404
  // (KOTRA-US, which sees every US task; MOTIE, assigned in B; the administrator) finds them empty.
  const DETAIL_FIELDS = [
    ...A_READERS.map((who) => ({ who, wf: "wfA", appr: "apprA" })),
    ...B_READERS.map((who) => ({ who, wf: "wfB", appr: "apprB" })),
  ];
  it.each(DETAIL_FIELDS)(
    "$who GET /v1/workflows/{$wf} shows its approvals and plan versions only as GET /v1/approvals/{$appr} would",
    async ({ who, wf, appr }) => {
      const sees = APPROVAL_READERS.includes(who);
      await hit({ who, method: "GET", path: `/v1/approvals/{${appr}}`, status: sees ? 200 : 404 });
      const r = await hit({ who, method: "GET", path: `/v1/workflows/{${wf}}`, status: 200, match: { id: ctx[wf], mission: "EMB-US" } });
      if (sees) {
        expect(r.body.approvals.map((a: any) => a.id)).toContain(ctx[appr]);
        expect(r.body.approvals.every((a: any) => a.decider && a.plan)).toBe(true);
        expect(r.body.versions.length).toBeGreaterThan(0);
      } else {
        expect({ approvals: r.body.approvals, versions: r.body.versions }).toEqual({ approvals: [], versions: [] });
        expect(JSON.stringify(r.body)).not.toContain(ctx[appr]);
      }
      // The assignments are the task's, seen by all its readers alike.
      if (wf === "wfB") expect(r.body.assignments.map((a: any) => a.org).sort()).toEqual(["EMB-US", "KOTRA-US", "MOTIE"]);
    },
  );

  const plan = () => ({ plan: planA, comment: "authz matrix" });
  matrix([
    // A awaits a revised plan: only EMB-US's head or staff may send one.
    ...refuse(A_READERS, except("head.us", "staff.us"), "POST", "/v1/workflows/{wfA}/plan", plan),
    // B is in progress: others are refused all the same; the mission gets 409 (no changes were requested).
    ...refuse(B_READERS, except("head.us", "staff.us"), "POST", "/v1/workflows/{wfB}/plan", plan),
    { who: "head.us", method: "POST", path: "/v1/workflows/{wfB}/plan", status: 409, body: plan },
    { who: "staff.us", method: "POST", path: "/v1/workflows/{wfB}/plan", status: 409, body: plan },
    { who: "head.us", method: "POST", path: "/v1/workflows/{unknownWf}/plan", status: 404, body: plan },
    { who: "staff.us", method: "POST", path: "/v1/workflows/{wfA}/plan", status: 202, body: plan, match: { status: "resubmitted" } },
  ]);
  it("head.us POST /v1/workflows/{wfA}/plan → 202 after requesting changes on round 2", async () => {
    const round2 = await eventually("A's second approval round", async () => {
      const r = await call("GET", "/v1/approvals?status=pending&limit=200", { token: tokens["head.us"] });
      return r.body.items?.find((a: any) => a.workflowId === ctx.wfA && a.round === 2);
    });
    ctx.apprA2 = round2.id;
    await hit({ who: "head.us", method: "POST", path: "/v1/approvals/{apprA2}/decision", status: 200, body: { decision: "request_changes" } });
    await hit({ who: "head.us", method: "POST", path: "/v1/workflows/{wfA}/plan", status: 202, body: plan });
  });
});

describe("comments", () => {
  // Whoever may see the task reads and writes its discussion; everyone else gets the unknown task's 404.
  const say = { body: "authz matrix comment" };
  matrix([
    ...each("GET", "/v1/workflows/{wfB}/comments", visibleTo(...B_READERS)),
    ...each("GET", "/v1/workflows/{wfA}/comments", visibleTo(...A_READERS)),
    ...each("POST", "/v1/workflows/{wfB}/comments", (u) => (B_READERS.includes(u) ? 201 : 404), say),
    ...each("GET", "/v1/workflows/{unknownWf}/comments", () => 404),
    ...each("PATCH", "/v1/workflows/{wfB}/comments/{unknown}", () => 404, say),
  ]);
  it("kotra.us comments on B (the target of the rows below)", async () => {
    const r = await hit({ who: "kotra.us", method: "POST", path: "/v1/workflows/{wfB}/comments", status: 201, body: say });
    ctx.commentB = r.body.id;
  });
  // Only its author changes a comment: other readers 403, non-readers the unknown task's 404.
  matrix([
    ...refuse(B_READERS, except("kotra.us"), "PATCH", "/v1/workflows/{wfB}/comments/{commentB}", say),
    ...refuse(B_READERS, except("kotra.us"), "DELETE", "/v1/workflows/{wfB}/comments/{commentB}"),
    // Another task's comment is no comment of this one.
    { who: "kotra.us", method: "PATCH", path: "/v1/workflows/{wfA}/comments/{commentB}", status: 404, body: say },
    { who: "kotra.us", method: "PATCH", path: "/v1/workflows/{wfB}/comments/not-a-uuid", status: 400, body: say },
    { who: "kotra.us", method: "PATCH", path: "/v1/workflows/{wfB}/comments/{commentB}", status: 200, body: say },
    { who: "kotra.us", method: "DELETE", path: "/v1/workflows/{wfB}/comments/{commentB}", status: 200 },
    { who: "kotra.us", method: "DELETE", path: "/v1/workflows/{wfB}/comments/{commentB}", status: 409 },
  ]);
});

describe("live stream", () => {
  // Everyone signed in may stream; what each hears of is scoped like their lists (stream.test.ts).
  matrix(each("POST", "/v1/stream/ticket", () => 200));
  // A bearer token is not a ticket: the stream opens with a ticket only.
  matrix(each("GET", "/v1/stream", () => 401));
  it.each(USERS)("%s GET /v1/stream?ticket= → 200 text/event-stream, then the ticket is spent (401)", async (who) => {
    const { body } = await hit({ who, method: "POST", path: "/v1/stream/ticket", status: 200 });
    const abort = new AbortController();
    const res = await fetch(`${apiUrl}/v1/stream?ticket=${body.ticket}`, { signal: abort.signal });
    abort.abort();
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "text/event-stream; charset=utf-8"]);
    expect((await call("GET", `/v1/stream?ticket=${body.ticket}`)).status).toBe(401);
  });
});

describe("Team Korea board and overview", () => {
  const MINISTRIES: User[] = ["motie", "moel"];
  const HQ_ADMIN: User[] = ["hq", "admin"];
  // Own country without naming it: every organisation in a country; HQ must name one; ministries at home have none.
  matrix(each("GET", "/v1/board", (u) => (HQ_ADMIN.includes(u) ? 400 : MINISTRIES.includes(u) ? 403 : 200)));
  // Another country's board is the 404 of a country without a Team Korea (ZZ), for everyone but HQ and admins.
  const board = (country: string) => (u: User) =>
    MINISTRIES.includes(u) ? 403 : HQ_ADMIN.includes(u) || ORG[u][1] === country ? (country === "ZZ" ? 404 : 200) : 404;
  matrix([...each("GET", "/v1/board?country=US", board("US")), ...each("GET", "/v1/board?country=ZZ", board("ZZ"))]);
  // The board lists what the lists show: US's running cases A and B for every US organisation, HQ and admins.
  scoped(
    "/v1/board?country=US",
    board("US"),
    (b) =>
      b.running.byKind
        .flatMap((k: any) => k.tasks)
        .filter((t: any) => t.id === ctx.wfA || t.id === ctx.wfB)
        .map((t: any) => (t.id === ctx.wfA ? "A" : "B")),
    () => ["A", "B"],
  );
  matrix(each("GET", "/v1/overview", allow(...HQ_ADMIN)));
});

describe("duty rota", () => {
  // The mission's head and staff read and edit their own; HQ and admins read any and edit none (403);
  // another mission's people get the 404 of a code that is no mission; agency staff and ministries 403.
  const READERS: User[] = ["head.us", "staff.us", "hq", "admin"];
  const OTHER_MISSION: User[] = ["head.jp", "staff.jp"];
  const read = (u: User) => (READERS.includes(u) ? 200 : OTHER_MISSION.includes(u) ? 404 : 403);
  const edit = (u: User) => (OTHER_MISSION.includes(u) ? 404 : 403);
  /** A window of its own per run, years ahead; the shift made here is removed below, so no run leaves one. */
  const day = inDays(1500 + (Math.floor(Date.now() / 60_000) % 1000));
  const shift = { from: `${day}T08:00`, until: `${day}T18:00`, officer: "staff.us@teamkorea.dev", backup: "head.us@teamkorea.dev" };
  matrix([
    ...each("GET", "/v1/missions/EMB-US/rota", read),
    ...each("GET", "/v1/missions/EMB-US/rota/on-duty", read),
    ...each("GET", "/v1/missions/EMB-ZZ/rota", (u) => (READERS.includes(u) || OTHER_MISSION.includes(u) ? 404 : 403)),
    ...USERS.filter((u) => u !== "head.us" && u !== "staff.us").map((who) => ({
      who,
      method: "POST",
      path: "/v1/missions/EMB-US/rota",
      status: edit(who),
      body: shift,
    })),
  ]);
  it("head.us POST /v1/missions/EMB-US/rota → 201; staff.us the same shift → 409", async () => {
    const r = await hit({ who: "head.us", method: "POST", path: "/v1/missions/EMB-US/rota", status: 201, body: shift });
    ctx.rotaUs = r.body.id;
    await hit({ who: "staff.us", method: "POST", path: "/v1/missions/EMB-US/rota", status: 409, body: shift });
  });
  matrix([
    ...USERS.filter((u) => u !== "head.us" && u !== "staff.us").map((who) => ({
      who,
      method: "DELETE",
      path: "/v1/missions/EMB-US/rota/{rotaUs}",
      status: edit(who),
    })),
    { who: "head.us", method: "DELETE", path: "/v1/missions/EMB-US/rota/{unknown}", status: 404 },
    { who: "head.us", method: "DELETE", path: "/v1/missions/EMB-US/rota/not-a-uuid", status: 400 },
    { who: "staff.us", method: "DELETE", path: "/v1/missions/EMB-US/rota/{rotaUs}", status: 200, match: { officer: "staff.us@teamkorea.dev" } },
    { who: "head.us", method: "DELETE", path: "/v1/missions/EMB-US/rota/{rotaUs}", status: 404 },
  ]);
});

describe("dead letters", () => {
  beforeAll(async () => {
    const admin = tokens.admin;
    const parked = await eventually("MOTIE's unroutable JP event parked as a dead letter", async () => {
      const r = await call("GET", "/v1/dead-letters?limit=200", { token: admin });
      return r.body.items?.find((d: any) => d.payload.includes(ctx.motieRef) && !d.replayedAt);
    });
    ctx.dl = parked.id;
  }, 60_000);
  matrix([
    ...each("GET", "/v1/dead-letters", allow("admin", "hq")),
    // HQ reads dead letters but may not replay one (403); to everyone else their ids do not exist (404).
    ...refuse(["hq"], except("admin"), "POST", "/v1/dead-letters/{dl}/replay"),
    { who: "admin", method: "POST", path: "/v1/dead-letters/{dl}/replay", status: 202, match: { status: "replayed" } },
    { who: "admin", method: "POST", path: "/v1/dead-letters/{dl}/replay", status: 409 },
    ...each("POST", "/v1/dead-letters/{unknown}/replay", () => 404),
    { who: "admin", method: "POST", path: "/v1/dead-letters/not-a-uuid/replay", status: 400 },
    // Parked outbox rows: read like dead letters, released by admins only (test/src/poison-rows.test.ts releases a real one).
    ...each("GET", "/v1/outbox/parked", allow("admin", "hq")),
    ...refuse(["hq"], except("admin"), "POST", "/v1/outbox/parked/{unknownRow}/release"),
    { who: "admin", method: "POST", path: "/v1/outbox/parked/{unknownRow}/release", status: 404 },
    { who: "admin", method: "POST", path: "/v1/outbox/parked/not-a-row/release", status: 400 },
  ]);
});

describe("e-mail notices", () => {
  matrix([
    // Everyone reads and changes their own preferences (the route names nobody else's), within the rules.
    ...each("GET", "/v1/me/notifications", () => 200),
    ...each("PUT", "/v1/me/notifications", () => 200, { urgentBypassesQuiet: true }),
    { who: "kotra.us", method: "PUT", path: "/v1/me/notifications", status: 400, body: { delivery: "hourly" } },
    // Parked notices name recipients and tasks across every mission: administrators only.
    ...each("GET", "/v1/notices/parked", allow("admin")),
  ]);
});

describe("plans, templates, cancel and delegations", () => {
  matrix([
    // Only Japan's mission drafts plans for Japan.
    ...each("POST", "/v1/plans", (u) => (u === "head.jp" || u === "staff.jp" ? 202 : 403), jpPlan),
    ...each("GET", "/v1/plan-templates", () => 200),
  ]);

  describe("cancel (C: a US plan awaiting approval)", () => {
    beforeAll(async () => {
      const planRef = uniqueRef("AUTHZ-C");
      const r = await call("POST", "/v1/plans", {
        token: tokens["staff.us"],
        body: { country: "US", planRef, title: "To be cancelled", summary: "s", assignments: [{ org: "EMB-US", task: "t", dueOn: inDays(10) }] },
      });
      expect(r.status).toBe(202);
      ctx.wfC = r.body.workflowId;
      await pendingApproval("head.us@teamkorea.dev", ctx.wfC as string);
    }, 60_000);
    const body = { reason: "authz matrix" };
    matrix([
      ...refuse(A_READERS, except("head.us", "hq"), "POST", "/v1/workflows/{wfC}/cancel", body),
      { who: "head.us", method: "POST", path: "/v1/workflows/{unknownWf}/cancel", status: 404, body },
      { who: "head.us", method: "POST", path: "/v1/workflows/{wfC}/cancel", status: 400, body: { reason: "" } },
      { who: "head.us", method: "POST", path: "/v1/workflows/{wfC}/cancel", status: 200, body, match: { status: "cancelled" } },
      { who: "hq", method: "POST", path: "/v1/workflows/{wfC}/cancel", status: 409, body },
    ]);
  });

  describe("delegations", () => {
    // Windows far ahead, so no delegation made here lets anyone decide in the other tests.
    const window = { from: inDays(300), until: inDays(301) };
    beforeAll(async () => {
      const r = await call("POST", "/v1/delegations", { token: tokens["head.us"], body: { to: "staff.us@teamkorea.dev", ...window } });
      expect(r.status).toBe(201);
      ctx.delegationUs = r.body.id;
    });
    matrix([
      ...each("POST", "/v1/delegations", (u) => (u === "head.us" ? 201 : u === "head.jp" ? 400 : 403), { to: "staff.us@teamkorea.dev", ...window }),
      { who: "head.jp", method: "POST", path: "/v1/delegations", status: 201, body: { to: "staff.jp@teamkorea.dev", ...window } },
      ...each("GET", "/v1/delegations", (u) => (MISSION_USERS.includes(u) || u === "hq" || u === "admin" ? 200 : 403)),
      // EMB-US's delegation: its staff, HQ and admins see it but may not revoke it; to others, head.jp included, it does not exist.
      ...refuse(["staff.us", "hq", "admin"], except("head.us"), "DELETE", "/v1/delegations/{delegationUs}"),
      ...each("DELETE", "/v1/delegations/{unknown}", () => 404),
      { who: "head.us", method: "DELETE", path: "/v1/delegations/{delegationUs}", status: 200, match: { active: false } },
      { who: "head.us", method: "DELETE", path: "/v1/delegations/{delegationUs}", status: 409 },
    ]);
    matrix(each("GET", "/v1/delegations/candidates", allow("head.us", "head.jp")));
    it("a head is offered the staff of their own mission only", async () => {
      const offered = async (u: User) => (await call("GET", "/v1/delegations/candidates", { token: tokens[u] })).body.items.map((c: any) => c.email);
      const us = await offered("head.us");
      const jp = await offered("head.jp");
      expect(us).toContain("staff.us@teamkorea.dev");
      expect(jp).toContain("staff.jp@teamkorea.dev");
      // Neither another mission's staff nor anyone who is not staff (the head included).
      for (const other of ["staff.jp@teamkorea.dev", "head.us@teamkorea.dev", "kotra.us@teamkorea.dev"]) expect(us).not.toContain(other);
      expect(jp).not.toContain("staff.us@teamkorea.dev");
    });
    it("each mission sees its own delegations only; HQ sees all", async () => {
      const seen = async (u: User) => (await call("GET", "/v1/delegations", { token: tokens[u] })).body.items.map((d: any) => d.missionCode);
      expect(new Set(await seen("staff.jp"))).toEqual(new Set(["EMB-JP"]));
      expect(await seen("hq")).toEqual(expect.arrayContaining(["EMB-US", "EMB-JP"]));
    });
  });
});

describe("CloudEvents subscriptions", () => {
  // Port 9 (discard) refuses connections: nothing is delivered while these exist, briefly.
  const body = { url: "http://127.0.0.1:9/authz", types: ["kr.teamkorea.hub.task.changed.v1"] };
  const subs: Partial<Record<User, string>> = {};
  const SUBSCRIBERS = except("hq");
  it.each(USERS)("%s POST /v1/subscriptions → 201 (an organisation's staff, an admin) or 403 (HQ reviewer)", async (who) => {
    const r = await hit({ who, method: "POST", path: "/v1/subscriptions", status: SUBSCRIBERS.includes(who) ? 201 : 403, body });
    if (r.status === 201) subs[who] = r.body.id;
  });
  it.each(USERS)("%s GET /v1/subscriptions sees its organisation's only (an admin: all)", async (who) => {
    const r = await hit({ who, method: "GET", path: "/v1/subscriptions", status: SUBSCRIBERS.includes(who) ? 200 : 403 });
    if (r.status !== 200) return;
    const mine = (Object.entries(subs) as [User, string][]).filter(([u]) => who === "admin" || ORG[u][0] === ORG[who][0]).map(([, id]) => id);
    const seen = r.body.items.map((s: { id: string }) => s.id).filter((id: string) => Object.values(subs).includes(id));
    expect(seen.sort()).toEqual(mine.sort());
    expect(JSON.stringify(r.body)).not.toContain("secret");
  });
  it.each(USERS)("%s DELETE another organisation's subscription → 404 (HQ reviewer 403, admin: allowed below)", async (who) => {
    if (who === "admin") return;
    const other = who === "kotra.vn" ? subs["kotra.us"] : subs["kotra.vn"];
    ctx.otherSub = other as string;
    await hit({ who, method: "DELETE", path: "/v1/subscriptions/{otherSub}", status: who === "hq" ? 403 : 404 });
  });
  it("admin DELETE another organisation's subscription → 200", async () => {
    ctx.vnSub = subs["kotra.vn"] as string;
    await hit({ who: "admin", method: "DELETE", path: "/v1/subscriptions/{vnSub}", status: 200 });
  });
  it.each(except("hq", "kotra.vn"))("%s DELETE its own subscription → 200", async (who) => {
    ctx.ownSub = subs[who] as string;
    await hit({ who, method: "DELETE", path: "/v1/subscriptions/{ownSub}", status: 200 });
  });
});

describe("files attached to tasks", () => {
  beforeAll(async () => {
    const r = await upload(tokens["staff.us"], ctx.wfB as string, { attach: "plan:1", name: "authz.pdf", bytes: pdfFile(), type: "application/pdf" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ctx.fileB = r.body.id;
  });
  // Whoever sees B lists and downloads its files; anyone else gets the 404 of an unknown task or file.
  matrix([
    ...each("GET", "/v1/workflows/{wfB}/files", visibleTo(...B_READERS)),
    ...each("GET", "/v1/files/{fileB}", visibleTo(...B_READERS)),
    ...each("GET", "/v1/files/{unknown}", () => 404),
    ...each("GET", "/v1/workflows/{unknownWf}/files", () => 404),
  ]);
  // Attaching to B's plan: its mission's head and staff pass every check and reach the sniffer
  // (a JSON body is no file the hub keeps: 415); B's other readers 403; everyone else 404.
  const plan = "/v1/workflows/{wfB}/files?name=plan.pdf&attach=plan:1";
  matrix(
    USERS.map((who) => ({
      who,
      method: "POST",
      path: plan,
      status: who === "head.us" || who === "staff.us" ? 415 : B_READERS.includes(who) ? 403 : 404,
      body: { not: "a file" },
    })),
  );
});
