/**
 * The duty rota (당직, issue 21 §2) over HTTP against the hub under test, with missions no other
 * test uses: Thailand (Asia/Bangkok, +07:00, no daylight saving) and Poland (Europe/Warsaw, which
 * changes its clocks on 2027-03-28 and 2027-10-31). A night shift across midnight and a day shift
 * touching it; an overlap refused naming the shift; who is on duty at 02:10 local; the gaps; a
 * night shift across the spring change (an hour short) and the skipped hour refused; the other
 * roles refused; bad input a 400 naming every field, nothing stored. Rerunnable on one database:
 * the Thai days differ per run, and each window is cleared of what an earlier run left.
 */
import { createDb, sql } from "@hub/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, cfg, login } from "./support/hub";

const db = createDb(cfg.service.databaseUrl, { max: 1 });
afterAll(() => db.close());

const TH = "EMB-TH";
const PL = "EMB-PL";
const HEAD_TH = "head.th@teamkorea.dev";
const STAFF_TH = "staff.th@teamkorea.dev";
const HEAD_PL = "head.pl@teamkorea.dev";
const STAFF_PL = "staff.pl@teamkorea.dev";

const dayPlus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** A Thai day of its own per run, two to eight years ahead. */
const D = dayPlus(new Date().toISOString().slice(0, 10), 730 + (Math.floor(Date.now() / 1000) % 2000));
const D1 = dayPlus(D, 1);
const D2 = dayPlus(D, 2);

const as = async (email: string, method: string, path: string, body?: unknown) => call(method, path, { token: await login(email), body });
const rota = (email: string, code: string, query: string) => as(email, "GET", `/v1/missions/${code}/rota?${query}`);

/** Removes whatever an earlier run left in the window (the test is these missions' only user). */
async function clear(email: string, code: string, from: string, to: string) {
  const r = await rota(email, code, `from=${from}&to=${to}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  for (const s of r.body.shifts) expect((await as(email, "DELETE", `/v1/missions/${code}/rota/${s.id}`)).status).toBe(200);
}

let night: any;
let day: any;

beforeAll(async () => {
  await clear(HEAD_TH, TH, `${D}T00:00`, `${dayPlus(D, 3)}T00:00`);
  await clear(HEAD_PL, PL, "2027-03-27T00:00", "2027-03-29T12:00");
  await clear(HEAD_PL, PL, "2027-10-30T12:00", "2027-11-01T00:00");
}, 60_000);

describe("Thailand: shifts on the mission's clock", () => {
  it("adds a night shift across midnight, shown as instants and as Bangkok wall time", async () => {
    const r = await as(STAFF_TH, "POST", `/v1/missions/${TH}/rota`, { from: `${D}T18:00`, until: `${D1}T08:00`, officer: STAFF_TH, backup: HEAD_TH });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    night = r.body;
    expect(night).toMatchObject({
      mission: TH,
      startsAt: `${D}T11:00:00.000Z`,
      endsAt: `${D1}T01:00:00.000Z`,
      localStart: `${D}T18:00`,
      localEnd: `${D1}T08:00`,
      officer: STAFF_TH,
      backup: HEAD_TH,
      createdBy: STAFF_TH,
    });
  });

  it("takes a day shift that touches it, and the head may add it", async () => {
    const r = await as(HEAD_TH, "POST", `/v1/missions/${TH}/rota`, { from: `${D1}T08:00`, until: `${D1}T18:00`, officer: HEAD_TH });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    day = r.body;
    expect(day).toMatchObject({ backup: null, startsAt: `${D1}T01:00:00.000Z` });
  });

  it("refuses an overlapping shift with 409 naming the shift it collides with, and stores nothing", async () => {
    const r = await as(STAFF_TH, "POST", `/v1/missions/${TH}/rota`, { from: `${D1}T07:00`, until: `${D1}T09:00`, officer: HEAD_TH });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain(`shift ${night.id}`);
    expect(r.body.message).toContain(`${D}T18:00 to ${D1}T08:00 Asia/Bangkok`);
  });

  it("says the night officer is on duty at 02:10 local, with the backup; the same asked as an instant", async () => {
    for (const at of [`${D1}T02:10`, encodeURIComponent(`${D1}T02:10:00+07:00`), `${D}T19:10:00Z`]) {
      const r = await as(HEAD_TH, "GET", `/v1/missions/${TH}/rota/on-duty?at=${at}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ mission: TH, timeZone: "Asia/Bangkok", at: `${D}T19:10:00.000Z`, localAt: `${D1}T02:10` });
      expect(r.body.onDuty).toMatchObject({ officer: STAFF_TH, backup: HEAD_TH, shift: { id: night.id } });
    }
    const handover = await as(STAFF_TH, "GET", `/v1/missions/${TH}/rota/on-duty?at=${D1}T08:00`);
    expect(handover.body.onDuty).toMatchObject({ officer: HEAD_TH, shift: { id: day.id } });
    const gap = await as(STAFF_TH, "GET", `/v1/missions/${TH}/rota/on-duty?at=${D1}T18:30`);
    expect(gap.status).toBe(200);
    expect(gap.body.onDuty).toBeNull();
  });

  it("lists the shifts of a window and the gaps nobody covers", async () => {
    const r = await rota(HEAD_TH, TH, `from=${D}T12:00&to=${D2}T00:00`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ from: `${D}T05:00:00.000Z`, localFrom: `${D}T12:00`, localTo: `${D2}T00:00` });
    expect(r.body.shifts.map((s: any) => s.id)).toEqual([night.id, day.id]);
    expect(r.body.gaps).toEqual([
      { startsAt: `${D}T05:00:00.000Z`, endsAt: `${D}T11:00:00.000Z`, localStart: `${D}T12:00`, localEnd: `${D}T18:00` },
      { startsAt: `${D1}T11:00:00.000Z`, endsAt: `${D1}T17:00:00.000Z`, localStart: `${D1}T18:00`, localEnd: `${D2}T00:00` },
    ]);
  });

  it("defaults to the week ahead, where gaps are warned about", async () => {
    const r = await rota(STAFF_TH, TH, "");
    expect(r.status).toBe(200);
    expect(Date.parse(r.body.to) - Date.parse(r.body.from)).toBe(7 * 86_400_000);
    expect(r.body.gaps.length).toBeGreaterThanOrEqual(0);
  });

  it("refuses bad input with 400 naming each field, and stores nothing", async () => {
    const post = (body: unknown) => as(STAFF_TH, "POST", `/v1/missions/${TH}/rota`, body);
    const cases: [unknown, string[]][] = [
      [{ from: `${D2}T10:00`, until: `${D2}T09:00`, officer: STAFF_TH }, ["body.until"]],
      [{ from: `${D2}T10:00`, until: `${dayPlus(D2, 15)}T10:00`, officer: STAFF_TH }, ["body.until"]],
      [{ from: `${D2}T10:00`, until: `${D2}T12:00`, officer: "head.jp@teamkorea.dev" }, ["body.officer"]],
      [{ from: `${D2}T10:00`, until: `${D2}T12:00`, officer: STAFF_TH, backup: STAFF_TH }, ["body.backup"]],
      [{ from: `${D2}T10:00`, until: `${D2}T12:00`, officer: STAFF_TH, backup: "nobody@teamkorea.dev" }, ["body.backup"]],
      [{ from: `${D2}T10:00Z`, until: `${D2}T12:00:00`, officer: "not an e-mail" }, ["body.from", "body.until", "body.officer"]],
      [{ from: `${D2}T10:00`, until: `${D2}T12:00`, officer: `${"x".repeat(250)}@teamkorea.dev` }, ["body.officer"]],
      [{ until: `${D2}T12:00`, officer: STAFF_TH }, ["body.from"]],
    ];
    for (const [body, paths] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.issues.map((i: any) => i.path).sort(), JSON.stringify(r.body)).toEqual([...paths].sort());
    }
    const badOfficer = await post({ from: `${D2}T10:00`, until: `${D2}T12:00`, officer: "head.jp@teamkorea.dev" });
    expect(badOfficer.body.message).toContain(`head.jp@teamkorea.dev is not posted at ${TH}`);
    for (const q of ["from=yesterday", `from=${D2}T10:00&to=${D2}T09:00`, `from=${D}T00:00&to=${dayPlus(D, 100)}T00:00`]) {
      const r = await rota(HEAD_TH, TH, q);
      expect(r.status, q).toBe(400);
      expect(r.body.issues[0].path).toMatch(/^querystring\./);
    }
    const after = await rota(HEAD_TH, TH, `from=${D}T00:00&to=${dayPlus(D, 20)}T00:00`);
    expect(after.body.shifts.map((s: any) => s.id)).toEqual([night.id, day.id]);
  });
});

describe("Poland: a night shift across the daylight-saving change", () => {
  it("takes 22:00–06:00 across the spring change as seven hours, and refuses the skipped hour", async () => {
    const r = await as(STAFF_PL, "POST", `/v1/missions/${PL}/rota`, {
      from: "2027-03-27T22:00",
      until: "2027-03-28T06:00",
      officer: STAFF_PL,
      backup: HEAD_PL,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ startsAt: "2027-03-27T21:00:00.000Z", endsAt: "2027-03-28T04:00:00.000Z", localEnd: "2027-03-28T06:00" });
    const onDuty = await as(HEAD_PL, "GET", `/v1/missions/${PL}/rota/on-duty?at=2027-03-28T03:30`);
    expect(onDuty.body).toMatchObject({ at: "2027-03-28T01:30:00.000Z", onDuty: { officer: STAFF_PL } });
    const skipped = await as(STAFF_PL, "POST", `/v1/missions/${PL}/rota`, { from: "2027-03-28T02:30", until: "2027-03-28T09:00", officer: HEAD_PL });
    expect(skipped.status).toBe(400);
    expect(skipped.body.issues).toEqual([{ path: "body.from", message: expect.stringContaining("does not exist in Europe/Warsaw") }]);
    const q = await as(HEAD_PL, "GET", `/v1/missions/${PL}/rota/on-duty?at=2027-03-28T02:30`);
    expect(q.status).toBe(400);
    expect(q.body.issues[0].path).toBe("querystring.at");
  });

  it("takes the fall-back hour's 02:30 as the earlier of the two", async () => {
    const r = await as(STAFF_PL, "POST", `/v1/missions/${PL}/rota`, { from: "2027-10-30T22:00", until: "2027-10-31T02:30", officer: HEAD_PL });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ startsAt: "2027-10-30T20:00:00.000Z", endsAt: "2027-10-31T00:30:00.000Z" });
  });
});

describe("who may use a rota", () => {
  it("lets HQ reviewers and administrators read any mission's, and edit none", async () => {
    for (const email of ["hq@teamkorea.dev", "admin@teamkorea.dev"]) {
      expect((await rota(email, TH, `from=${D}T12:00&to=${D2}T00:00`)).body.shifts).toHaveLength(2);
      expect((await as(email, "GET", `/v1/missions/${TH}/rota/on-duty?at=${D1}T02:10`)).body.onDuty.officer).toBe(STAFF_TH);
      const post = await as(email, "POST", `/v1/missions/${TH}/rota`, { from: `${D2}T10:00`, until: `${D2}T12:00`, officer: STAFF_TH });
      expect(post.status).toBe(403);
      expect((await as(email, "DELETE", `/v1/missions/${TH}/rota/${day.id}`)).status).toBe(403);
    }
    expect((await rota("hq@teamkorea.dev", "EMB-ZZ", "")).status).toBe(404);
    expect((await rota("hq@teamkorea.dev", "KOTRA-US", "")).status).toBe(404);
  });

  it("answers another mission's people 404, like a code that is no mission; agency staff and ministries 403", async () => {
    for (const [email, status] of [
      ["head.jp@teamkorea.dev", 404],
      ["staff.pl@teamkorea.dev", 404],
      ["kotra.vn@teamkorea.dev", 403],
      ["motie@teamkorea.dev", 403],
    ] as const) {
      expect((await rota(email, TH, "")).status, email).toBe(status);
      expect((await as(email, "GET", `/v1/missions/${TH}/rota/on-duty`)).status, email).toBe(status);
      const post = await as(email, "POST", `/v1/missions/${TH}/rota`, { from: `${D2}T10:00`, until: `${D2}T12:00`, officer: STAFF_TH });
      expect(post.status, email).toBe(status);
      expect((await as(email, "DELETE", `/v1/missions/${TH}/rota/${day.id}`)).status, email).toBe(status);
    }
  });
});

describe("removing a shift", () => {
  it("the mission's staff remove one; a second time, or another mission's id, is a 404; the gap reopens", async () => {
    const r = await as(STAFF_TH, "DELETE", `/v1/missions/${TH}/rota/${day.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.id).toBe(day.id);
    expect((await as(STAFF_TH, "DELETE", `/v1/missions/${TH}/rota/${day.id}`)).status).toBe(404);
    expect((await as(STAFF_PL, "DELETE", `/v1/missions/${PL}/rota/${night.id}`)).status).toBe(404);
    const after = await as(STAFF_TH, "GET", `/v1/missions/${TH}/rota/on-duty?at=${D1}T12:00`);
    expect(after.body.onDuty).toBeNull();
  });

  it("every add and removal is in the audit, with who and the shift", async () => {
    const rows = await db.query<{ action: string; actor: string; org: string; before: any; after: any }>(sql`
      SELECT action, actor_email AS actor, actor_org AS org, before, after FROM audit_log
      WHERE entity = 'rota_shift' AND entity_id = ${day.id} ORDER BY id`);
    expect(rows.map((r) => [r.action, r.actor, r.org])).toEqual([
      ["rota.shift_added", HEAD_TH, TH],
      ["rota.shift_removed", STAFF_TH, TH],
    ]);
    expect(rows[0]?.after).toMatchObject({ missionCode: TH, startsAt: day.startsAt, endsAt: day.endsAt, officer: HEAD_TH, backup: null });
    expect(rows[1]).toMatchObject({ before: { officer: HEAD_TH }, after: null });
  });
});
