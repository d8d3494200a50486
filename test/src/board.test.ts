/**
 * The Team Korea board (GET /v1/board) and HQ's overview (GET /v1/overview) against the hub
 * under test: a Hungarian mission plan with one assignment already overdue (due yesterday, as the
 * plan rules allow) and one due later, approved by the head; the board shows the task running
 * with its progress and the overdue assignment under its organisation; completing them moves the
 * board, the late completion becomes an SLA breach and the closed task counts in the cycle times.
 * Who may read which board follows the one-404 rule.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { approvedBoardPlan, type BoardPlan } from "./support/board-plan";
import { call, eventually, finish, inDays, login, openCase, taskIn, uniqueRef } from "./support/hub";

let plan: BoardPlan;
let workflowId: string;
let overdueId: string;
let laterId: string;

const board = async (email: string, query = "") => call("GET", `/v1/board${query}`, { token: await login(email) });
const overview = async (email: string, query = "") => call("GET", `/v1/overview${query}`, { token: await login(email) });
const ourTask = (b: any) => b.running.byKind.flatMap((k: any) => k.tasks).find((t: any) => t.id === workflowId);
const ourOverdue = (b: any) => b.overdue.byOrg.flatMap((g: any) => g.assignments).find((a: any) => a.id === overdueId);

beforeAll(async () => {
  plan = await approvedBoardPlan(uniqueRef("BOARD"));
  ({ workflowId, overdueId, laterId } = plan);
}, 90_000);

describe("GET /v1/board", () => {
  it("shows the head the running task with its progress, the overdue assignment by organisation and the task's events", async () => {
    const b = await eventually("the task on the head's board", async () => {
      const r = await board("head.hu@teamkorea.dev");
      return r.status === 200 && ourTask(r.body) ? r.body : undefined;
    });
    expect(b).toMatchObject({ country: "HU", mission: "EMB-HU", today: inDays(0) });
    expect(ourTask(b)).toMatchObject({ kind: "mission-plan", status: "in_progress", assignments: 2, completed: 0, overdue: 1 });
    const kind = b.running.byKind.find((k: any) => k.kind === "mission-plan");
    expect(kind.count).toBeGreaterThanOrEqual(kind.tasks.length);
    expect(b.running.total).toBe(b.running.byKind.reduce((n: number, k: any) => n + k.count, 0));
    const group = b.overdue.byOrg.find((g: any) => g.org === "EMB-HU");
    expect(ourOverdue(b)).toEqual({
      id: overdueId,
      workflowId,
      title: plan.title,
      org: "EMB-HU",
      task: plan.overdueTask,
      dueOn: inDays(-1),
      status: "pending",
      daysOverdue: 1,
    });
    expect(group.count).toBeGreaterThanOrEqual(1);
    expect(b.overdue.byOrg.flatMap((g: any) => g.assignments).some((a: any) => a.id === laterId)).toBe(false);
    expect(b.recentEvents.some((e: any) => e.workflowId === workflowId && e.source === "EMB-HU")).toBe(true);
  });

  it("is the same board for the mission's staff and for HQ naming the country", async () => {
    for (const [who, query] of [
      ["staff.hu", ""],
      ["head.hu", "?country=HU"],
      ["hq", "?country=HU"],
      ["admin", "?country=HU"],
    ]) {
      const r = await board(`${who}@teamkorea.dev`, query);
      expect(r.status, `${who}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(ourTask(r.body), who).toMatchObject({ assignments: 2 });
      expect(ourOverdue(r.body), who).toBeDefined();
    }
  });

  it("answers another country's board like a country without a Team Korea (404); ministries at home get 403", async () => {
    const jp = await board("head.hu@teamkorea.dev", "?country=JP");
    const none = await board("head.hu@teamkorea.dev", "?country=FR");
    expect([jp.status, none.status]).toEqual([404, 404]);
    expect(jp.body.message).toBe("No Team Korea board for JP");
    expect((await board("hq@teamkorea.dev", "?country=FR")).body.message).toBe("No Team Korea board for FR");
    expect((await board("kcc.jp@teamkorea.dev", "?country=HU")).status).toBe(404);
    const motie = await board("motie@teamkorea.dev", "?country=HU");
    expect([motie.status, motie.body.message]).toEqual([403, expect.stringContaining("Team Korea boards are for")]);
  });

  it("gives an agency office its own country's board, with the events its tasks let it read", async () => {
    const r = await board("kcc.jp@teamkorea.dev");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ country: "JP", mission: "EMB-JP" });
    expect(r.body.recentEvents.every((e: any) => e.workflowId === null || typeof e.workflowId === "string")).toBe(true);
  });

  it("gives a title a kind's template wrote its Korean twin, as the task lists do", async () => {
    const { workflowId: trade } = await openCase(uniqueRef("BOARDKO"));
    const r = await board("head.us@teamkorea.dev");
    const task = r.body.running.byKind.flatMap((k: any) => k.tasks).find((t: any) => t.id === trade);
    const listed = (await call("GET", `/v1/workflows/${encodeURIComponent(trade)}`, { token: await login("head.us@teamkorea.dev") })).body;
    expect(task.titleKo).toMatch(/[가-힣]/);
    expect([task.title, task.titleKo]).toEqual([listed.title, listed.titleKo]);
  });

  it("refuses a malformed country with the field and a sentence; HQ must name one", async () => {
    for (const q of ["?country=hu", "?country=HUN", "?country=%27%20OR%201%3D1"]) {
      const r = await board("hq@teamkorea.dev", q);
      expect(r.status, q).toBe(400);
      expect(r.body.issues[0].path, q).toBe("querystring.country");
    }
    const hq = await board("hq@teamkorea.dev");
    expect([hq.status, hq.body.issues]).toEqual([400, [{ path: "querystring.country", message: "is required for HQ reviewers and administrators" }]]);
  });
});

describe("GET /v1/overview", () => {
  it("is HQ's and administrators' only", async () => {
    for (const who of ["head.hu", "staff.hu", "kcc.jp", "motie"]) {
      const r = await overview(`${who}@teamkorea.dev`);
      expect([who, r.status]).toEqual([who, 403]);
    }
    for (const who of ["hq", "admin"]) expect((await overview(`${who}@teamkorea.dev`)).status).toBe(200);
  });

  it("counts Hungary's running task and overdue assignment, and lists the overdue one as a breach", async () => {
    const r = await overview("hq@teamkorea.dev");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const hu = r.body.countries.find((c: any) => c.country === "HU");
    expect(hu).toMatchObject({ mission: "EMB-HU" });
    expect(hu.running).toBeGreaterThanOrEqual(1);
    expect(hu.overdue).toBeGreaterThanOrEqual(1);
    expect(r.body.countries.find((c: any) => c.country === "ID")).toMatchObject({ mission: "EMB-ID" }); // the leading mission, not MSN-ASEAN
    const due = await overview("hq@teamkorea.dev", `?from=${inDays(-1)}&to=${inDays(-1)}`);
    expect(due.body.breaches.items.find((b: any) => b.id === overdueId)).toMatchObject({
      type: "assignment_overdue",
      workflowId,
      country: "HU",
      org: "EMB-HU",
      due: inDays(-1),
      at: null,
    });
    expect(due.body.breaches.counts.assignment_overdue).toBeGreaterThanOrEqual(1);
  });

  it("refuses an inverted range with the field that is wrong", async () => {
    const r = await overview("hq@teamkorea.dev", `?from=${inDays(1)}&to=${inDays(0)}`);
    expect([r.status, r.body.issues]).toEqual([400, [{ path: "querystring.to", message: "must not be before from" }]]);
    expect((await overview("hq@teamkorea.dev", "?from=2026-02-30")).status).toBe(400);
  });
});

describe("completing the assignments", () => {
  it("moves the board, turns the late completion into a breach, and counts the closed task's cycle time", async () => {
    await finish("staff.hu@teamkorea.dev", overdueId, "Guest list sent, a day late.");
    const after = await eventually("the head's board after the completion", async () => {
      const r = await board("head.hu@teamkorea.dev");
      const t = ourTask(r.body);
      return t?.completed === 1 ? r.body : undefined;
    });
    expect(ourTask(after)).toMatchObject({ assignments: 2, completed: 1, overdue: 0 });
    expect(ourOverdue(after)).toBeUndefined();

    const late = await overview("hq@teamkorea.dev", `?from=${inDays(0)}&to=${inDays(0)}`);
    expect(late.body.breaches.items.find((b: any) => b.id === overdueId)).toMatchObject({ type: "assignment_late", org: "EMB-HU", due: inDays(-1) });
    // A range that ends before the completion leaves it out.
    const before = await overview("hq@teamkorea.dev", `?from=${inDays(-3)}&to=${inDays(-2)}`);
    expect(before.body.breaches.items.some((b: any) => b.id === overdueId)).toBe(false);

    await finish("mcst@teamkorea.dev", laterId, "Panels delivered.");
    await taskIn(workflowId, "completed");
    const closed = await eventually("the closed task off the board", async () => {
      const r = await board("head.hu@teamkorea.dev");
      return ourTask(r.body) ? undefined : r.body;
    });
    expect(ourOverdue(closed)).toBeUndefined();
    const cycles = await overview("hq@teamkorea.dev", `?from=${inDays(0)}`);
    const kind = cycles.body.cycleTime.byKind.find((k: any) => k.kind === "mission-plan");
    expect(kind.count).toBeGreaterThanOrEqual(1);
    expect(kind.p90Hours).toBeGreaterThanOrEqual(kind.medianHours);
    expect(cycles.body.cycleTime.byOrg.find((o: any) => o.org === "MCST").count).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
