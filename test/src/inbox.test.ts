/**
 * The inboxes' lists on the API, through the real stack: filters (kind, urgency, organisation),
 * the "most urgent first" orders (approvals by decide-by time, assignments by due day) and their
 * keyset pages, every filter inside the caller's own scope. Cases of the United Arab Emirates
 * (EMB-AE, KOTRA-AE), which no other test uses; the pages are read whole, so what earlier runs
 * left on the same database only lengthens them.
 */
import { CE_BATCH } from "@hub/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { call, decide, detectedEvent, eventually, login, uniqueRef, workflowIdOf } from "./support/hub";

const HEAD = "head.ae@teamkorea.dev";
const STAFF = "staff.ae@teamkorea.dev";
const KOTRA = "kotra.ae@teamkorea.dev";

/** Every item of a list, page by page, with the pages' sizes. */
async function allPages(email: string, path: string, limit: number): Promise<{ items: any[]; pages: number }> {
  const token = await login(email);
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r: { status: number; body: any } = await call("GET", `${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
      token,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

const ascending = (xs: string[]) => xs.every((x, i) => i === 0 || (xs[i - 1] as string) <= x);
const descending = (xs: string[]) => xs.every((x, i) => i === 0 || (xs[i - 1] as string) >= x);

describe("the inboxes' lists: filters, urgency orders and pages", () => {
  const workflowIds: string[] = [];
  beforeAll(async () => {
    const refs = [uniqueRef("INBOX"), uniqueRef("INBOX"), uniqueRef("INBOX")];
    const events = refs.map((caseRef) => detectedEvent({ source: "EMB-AE", country: "AE", caseRef }));
    const posted = await call("POST", "/v1/events", { token: await login(STAFF), body: events, headers: { "content-type": CE_BATCH } });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    workflowIds.push(...refs.map((r) => workflowIdOf("AE", r)));
    const token = await login(HEAD);
    await eventually("three pending approvals", async () => {
      const r = await call("GET", "/v1/approvals?status=pending&sort=newest&limit=50", { token });
      const seen = new Set(r.body.items.map((a: any) => a.workflowId));
      return workflowIds.every((w) => seen.has(w));
    });
  }, 90_000);

  it("lists approvals most urgent first on pages of its own cursors, each once, the mission named", async () => {
    const { items, pages } = await allPages(HEAD, "/v1/approvals?status=pending&sort=urgent", 2);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
    expect(ascending(items.map((a) => a.decideBy))).toBe(true);
    for (const w of workflowIds) expect(items.filter((a) => a.workflowId === w)).toHaveLength(1);
    expect(items.every((a) => a.mission === "EMB-AE")).toBe(true);
    // Newest first (the default): this test's three come before anything older.
    const newest = (await call("GET", "/v1/approvals?status=pending&limit=3", { token: await login(HEAD) })).body.items;
    expect(newest.map((a: any) => a.workflowId).sort()).toEqual([...workflowIds].sort());
    expect(descending(newest.map((a: any) => a.requestedAt))).toBe(true);
  });

  it("filters approvals by kind, urgency and mission, never beyond what the caller may see", async () => {
    const token = await login(HEAD);
    const get = async (q: string) => {
      const r = await call("GET", `/v1/approvals?status=pending&limit=200&${q}`, { token });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items as any[];
    };
    expect((await get("kind=trade-restriction")).length).toBeGreaterThanOrEqual(3);
    expect(await get("kind=youth-job")).toEqual([]);
    // The hub under test runs on a short task clock: its decide-by times are minutes away, or past.
    const all = (await allPages(HEAD, "/v1/approvals?status=pending", 200)).items;
    const now = Date.now();
    const overdue = await get("urgency=overdue");
    const soon = await get("urgency=soon");
    for (const a of overdue) expect(Date.parse(a.decideBy)).toBeLessThan(now + 5_000);
    for (const a of soon) {
      expect(Date.parse(a.decideBy)).toBeGreaterThan(now - 5_000);
      expect(Date.parse(a.decideBy)).toBeLessThan(now + 86_400_000 + 5_000);
    }
    expect(overdue.length + soon.length).toBeGreaterThan(0);
    const ids = new Set(all.map((a) => a.id));
    expect([...overdue, ...soon].every((a) => ids.has(a.id))).toBe(true);
    expect(overdue.filter((a) => soon.some((b) => b.id === a.id))).toEqual([]);
    expect((await get("org=EMB-AE")).length).toBeGreaterThanOrEqual(3);
    // A head who names another mission sees nothing of it.
    expect(await get("org=EMB-US")).toEqual([]);
    // HQ narrows every mission's plans to one.
    const hq = await call("GET", "/v1/approvals?org=EMB-AE&limit=200", { token: await login("hq@teamkorea.dev") });
    expect(hq.body.items.length).toBeGreaterThanOrEqual(3);
    expect(hq.body.items.every((a: any) => a.mission === "EMB-AE")).toBe(true);
  });

  it("lists open assignments soonest due first on pages, filtered by organisation, kind and urgency", async () => {
    const head = await login(HEAD);
    const approval = (await call("GET", "/v1/approvals?status=pending&limit=200", { token: head })).body.items.find(
      (a: any) => a.workflowId === workflowIds[0],
    );
    expect((await decide(HEAD, approval.id, "approve")).status).toBe(200);
    const staff = await login(STAFF);
    await eventually("the approved task's assignments", async () => {
      const r = await call("GET", `/v1/assignments?status=open&sort=newest&limit=50`, { token: staff });
      return r.body.items.filter((a: any) => a.workflowId === workflowIds[0]).length === 3;
    });

    // The mission sees its country's: its own, KOTRA's and the ministry's, each once, by due day.
    const { items, pages } = await allPages(STAFF, "/v1/assignments?status=open&sort=due", 1);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
    expect(ascending(items.map((a) => a.dueOn))).toBe(true);
    expect(
      items
        .filter((a) => a.workflowId === workflowIds[0])
        .map((a) => a.org)
        .sort(),
    ).toEqual(["EMB-AE", "KOTRA-AE", "MOTIE"]);

    const kotraOnly = (await call("GET", "/v1/assignments?status=open&org=KOTRA-AE&limit=200", { token: staff })).body.items;
    expect(kotraOnly.length).toBeGreaterThan(0);
    expect(kotraOnly.every((a: any) => a.org === "KOTRA-AE")).toBe(true);
    expect((await call("GET", "/v1/assignments?status=open&kind=youth-job&limit=200", { token: staff })).body.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const overdue = (await call("GET", "/v1/assignments?urgency=overdue&limit=200", { token: staff })).body.items;
    for (const a of overdue) expect(a.dueOn < today && ["pending", "acknowledged", "in_progress"].includes(a.status)).toBe(true);
    // An office sees its own, whatever organisation it names.
    const kotra = await login(KOTRA);
    expect((await call("GET", "/v1/assignments?org=EMB-AE&limit=200", { token: kotra })).body.items).toEqual([]);
    const own = (await call("GET", "/v1/assignments?status=open&sort=due&limit=200", { token: kotra })).body.items;
    expect(own.some((a: any) => a.workflowId === workflowIds[0])).toBe(true);
    expect(own.every((a: any) => a.org === "KOTRA-AE")).toBe(true);
  });

  it("refuses filters and orders it does not offer, naming the field", async () => {
    const token = await login(HEAD);
    for (const [q, field] of [
      ["sort=sideways", "querystring.sort"],
      ["urgency=yesterday", "querystring.urgency"],
      ["kind=picnic", "querystring.kind"],
      ["org=emb-us", "querystring.org"],
    ]) {
      const r = await call("GET", `/v1/approvals?${q}`, { token });
      expect(r.status, q).toBe(400);
      expect(
        r.body.issues?.map((i: any) => i.path),
        q,
      ).toContain(field);
    }
    const r = await call("GET", "/v1/assignments?status=opened", { token: await login(STAFF) });
    expect(r.status).toBe(400);
    expect(r.body.issues?.map((i: any) => i.path)).toContain("querystring.status");
  });
});
