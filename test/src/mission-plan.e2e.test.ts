/**
 * Plans drafted by a mission end to end: POST /v1/plans → sent back by the head → resubmitted
 * with a changed assignment (the diff in the history, both versions listed) → approved.
 */
import { workflowIdFor } from "@hub/contracts";
import { createDb, sql } from "@hub/db";
import { describe, expect, it } from "vitest";
import { call, cfg, decide, historyOf, inDays, login, pendingApproval, taskIn, uniqueRef } from "./support/hub";

const planBody = (planRef: string, extra: Record<string, unknown> = {}) => ({
  country: "CN",
  planRef,
  title: "3·1운동 100주년 기념식 (March 1st Movement centenary ceremony)",
  summary: "Ceremony, photo exhibition and historic-site tour for the Korean community in Beijing.",
  budgetKrw: 30_000_000,
  assignments: [
    { org: "EMB-CN", task: "Hold the ceremony.", dueOn: inDays(40) },
    { org: "KCC-CN", task: "Photo exhibition on the independence movement in China.", dueOn: inDays(38) },
  ],
  informed: ["MPVA"],
  ...extra,
});

describe("plans drafted by a mission", () => {
  it("is submitted once, sent back, resubmitted with a visible diff, and approved", async () => {
    const staff = await login("staff.cn@teamkorea.dev");
    const ref = uniqueRef("CNPLAN");
    const workflowId = workflowIdFor("mission-plan", "CN", ref);
    const first = await call("POST", "/v1/plans", { token: staff, body: planBody(ref) });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ workflowId, status: "accepted" });
    const again = await call("POST", "/v1/plans", { token: staff, body: planBody(ref) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ workflowId, status: "duplicate" });

    const round1 = await pendingApproval("head.cn@teamkorea.dev", workflowId);
    expect(round1.plan).toMatchObject({ budgetKrw: 30_000_000, informed: ["MPVA"] });
    expect((await decide("head.cn@teamkorea.dev", round1.id, "request_changes", "Add the site tour.")).status).toBe(200);
    await taskIn(workflowId, "changes_requested");

    const revised = {
      ...round1.plan,
      assignments: [
        round1.plan.assignments[0],
        { ...round1.plan.assignments[1], dueOn: inDays(35) },
        { key: "site-tour", org: "KTO-CN", task: "Historic-site tour of the former Provisional Government sites.", dueOn: inDays(36) },
      ],
    };
    // An invalid revision is refused whole, with every path.
    const bad = { ...revised, assignments: [...revised.assignments, { key: "site-tour", org: "EMB-JP", task: "x", dueOn: "1900-01-01" }] };
    const refused = await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/plan`, { token: staff, body: { plan: bad } });
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((i: any) => i.path).sort()).toEqual([
      "body.plan.assignments.3.dueOn",
      "body.plan.assignments.3.key",
      "body.plan.assignments.3.org",
    ]);

    const resubmitted = await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/plan`, {
      token: staff,
      body: { plan: revised, comment: "Site tour added; exhibition earlier." },
    });
    expect(resubmitted.status).toBe(202);
    const round2 = await pendingApproval("head.cn@teamkorea.dev", workflowId, { round: 2 });
    expect(round2.plan.assignments).toHaveLength(3);

    const revisedEntry = (await historyOf(workflowId)).find((e: any) => e.action === "plan.revised");
    expect(revisedEntry.actor).toEqual({ email: "staff.cn@teamkorea.dev", org: "EMB-CN" });
    expect(revisedEntry.detail.diff.added.map((a: any) => a.key)).toEqual(["site-tour"]);
    expect(revisedEntry.detail.diff.removed).toEqual([]);
    expect(revisedEntry.detail.diff.changed).toEqual([
      { key: "assignment-2", fields: ["dueOn"], before: round1.plan.assignments[1], after: revised.assignments[1] },
    ]);

    expect((await decide("head.cn@teamkorea.dev", round2.id, "approve")).status).toBe(200);
    const running = await taskIn(workflowId, "in_progress");
    expect(running.assignments.map((a: any) => a.org).sort()).toEqual(["EMB-CN", "KCC-CN", "KTO-CN"]);
    expect(running.informed).toEqual(["MPVA"]);
    expect(running.mission).toBe("EMB-CN");
    expect(running.versions.map((v: any) => [v.round, v.plan.assignments.length, v.submittedBy?.email])).toEqual([
      [1, 2, "staff.cn@teamkorea.dev"],
      [2, 3, "staff.cn@teamkorea.dev"],
    ]);
  });

  it("refuses an invalid plan or a plan for another country, and stores nothing", async () => {
    const staff = await login("staff.cn@teamkorea.dev");
    const ref = uniqueRef("CNBAD");
    const db = createDb(cfg.service.databaseUrl, { max: 1 });
    try {
      const count = async () => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM events`))?.n;
      const before = await count();
      const bad = planBody(ref, {
        assignments: [
          { org: "EMB-US", task: "x", dueOn: inDays(5) },
          { org: "MOFA", task: "x", dueOn: inDays(5) },
          { org: "NOPE-XX", task: "x", dueOn: inDays(2000) },
        ],
        informed: ["MPVA", "MPVA"],
      });
      const r = await call("POST", "/v1/plans", { token: staff, body: bad });
      expect(r.status).toBe(400);
      expect(r.body.issues.map((i: any) => i.path)).toEqual([
        "body.assignments.0.org",
        "body.assignments.1.org",
        "body.assignments.2.org",
        "body.assignments.2.dueOn",
        "body.informed.1",
      ]);
      expect((await call("POST", "/v1/plans", { token: await login("staff.us@teamkorea.dev"), body: planBody(uniqueRef("CNUS")) })).status).toBe(403);
      expect((await call("POST", "/v1/plans", { token: await login("kcc.cn@teamkorea.dev"), body: planBody(uniqueRef("CNKCC")) })).status).toBe(403);
      expect(await count()).toBe(before);
    } finally {
      await db.close();
    }
  });

  it("lists a template per kind, resolved for a country", async () => {
    const r = await call("GET", "/v1/plan-templates?country=VN", { token: await login("staff.vn@teamkorea.dev") });
    expect(r.status).toBe(200);
    expect(r.body.items.map((t: any) => t.kind)).toEqual(["trade-restriction", "youth-job", "anniversary", "mission-plan"]);
    const youth = r.body.items.find((t: any) => t.kind === "youth-job");
    expect(youth.assignments[0]).toMatchObject({ key: "candidate-matching", org: "HRDK-VN", dueInDays: -10 });
  });
});
