/**
 * Plans drafted by a mission end to end: POST /v1/plans → sent back by the head → resubmitted
 * with a changed assignment (the diff in the history, both versions listed) → approved.
 */
import { workflowIdFor } from "@hub/contracts";
import { createDb, sql } from "@hub/db";
import { describe, expect, it } from "vitest";
import { call, cfg, cloudEvent, decide, historyOf, inDays, login, pendingApproval, taskIn, taskOf, uniqueRef } from "./support/hub";

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

describe("two missions in one country (EMB-ID leads Team Korea in Indonesia; MSN-ASEAN sits in Jakarta too)", () => {
  const idPlan = (planRef: string, title: string, org: string, informed: string[]) => ({
    country: "ID",
    planRef,
    title,
    summary: "A plan of one of the two missions in Indonesia.",
    assignments: [{ org, task: "Run the event.", dueOn: inDays(20) }],
    informed,
  });
  const path = (id: string, tail = "") => `/v1/workflows/${encodeURIComponent(id)}${tail}`;

  it("a plan belongs to the mission that submitted it: its id, its approver, its revision and cancellation", async () => {
    const asean = await login("staff.asean@teamkorea.dev");
    const embassy = await login("staff.id@teamkorea.dev");
    const ref = uniqueRef("IDPLAN");
    const aseanId = `mission-plan:ID:MSN-ASEAN:${ref}`;
    const embassyId = workflowIdFor("mission-plan", "ID", ref);

    // MSN-ASEAN's plan: its code in the id (it does not lead Indonesia's Team Korea); EMB-ID may be informed of it.
    const aseanPlan = idPlan(ref, "ASEAN-Korea youth forum", "MSN-ASEAN", ["EMB-ID"]);
    const first = await call("POST", "/v1/plans", { token: asean, body: aseanPlan });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toEqual({ workflowId: aseanId, status: "accepted" });
    // The same plan again: a duplicate. Another plan under the same planRef: 409, saying so; nothing stored.
    expect((await call("POST", "/v1/plans", { token: asean, body: aseanPlan })).body).toEqual({ workflowId: aseanId, status: "duplicate" });
    const clash = await call("POST", "/v1/plans", { token: asean, body: { ...aseanPlan, title: "Another forum" } });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/already submitted a different plan under this planRef/);
    // The mission is the submitter's, never chosen.
    const spoofed = await call("POST", "/v1/plans", { token: asean, body: { ...aseanPlan, planRef: `${ref}-B`, mission: "EMB-ID" } });
    expect([spoofed.status, spoofed.body.issues?.map((i: any) => i.path)]).toEqual([400, ["body.mission"]]);
    const direct = await call("POST", "/v1/events", {
      token: asean,
      body: cloudEvent("kr.teamkorea.plan.submitted.v1", "MSN-ASEAN", idPlan(`${ref}-C`, "Forum", "MSN-ASEAN", [])),
    });
    expect([direct.status, direct.body.issues?.map((i: any) => i.path)]).toEqual([400, ["body.data.mission"]]);

    // Its approver is the ASEAN mission's head, not the embassy's.
    const approval = await pendingApproval("head.asean@teamkorea.dev", aseanId);
    expect(approval).toMatchObject({ decider: "MSN-ASEAN", step: 1, round: 1 });
    // EMB-ID is informed of the plan: it reads the approval, but deciding it is not its head's to do.
    expect((await call("GET", `/v1/approvals/${approval.id}`, { token: await login("head.id@teamkorea.dev") })).status).toBe(200);
    const notEmbassys = await decide("head.id@teamkorea.dev", approval.id, "approve");
    expect([notEmbassys.status, notEmbassys.body.message]).toEqual([403, "Only the head of MSN-ASEAN may decide this approval"]);

    // The embassy's own plan under the same planRef is its own task, for its own head.
    const embassyPlan = idPlan(ref, "Korea-Indonesia trade week", "EMB-ID", []);
    const second = await call("POST", "/v1/plans", { token: embassy, body: embassyPlan });
    expect(second.status, JSON.stringify(second.body)).toBe(202);
    expect(second.body).toEqual({ workflowId: embassyId, status: "accepted" });
    expect((await call("POST", "/v1/plans", { token: embassy, body: { ...embassyPlan, summary: "Changed." } })).status).toBe(409);
    expect(await pendingApproval("head.id@teamkorea.dev", embassyId)).toMatchObject({ decider: "EMB-ID" });
    expect((await taskOf(embassyId)).title).toBe("Korea-Indonesia trade week");

    // MSN-ASEAN revises its own plan after its head asks for changes; the embassy may not.
    expect((await decide("head.asean@teamkorea.dev", approval.id, "request_changes", "Add a date.")).status).toBe(200);
    await taskIn(aseanId, "changes_requested");
    const revision = { plan: { ...approval.plan, summary: "With a date." }, comment: "Dated." };
    expect((await call("POST", path(aseanId, "/plan"), { token: embassy, body: revision })).status).toBe(403);
    const revised = await call("POST", path(aseanId, "/plan"), { token: asean, body: revision });
    expect(revised.status, JSON.stringify(revised.body)).toBe(202);
    const round2 = await pendingApproval("head.asean@teamkorea.dev", aseanId, { round: 2 });
    expect(round2.decider).toBe("MSN-ASEAN");

    // And its head cancels it; the embassy's head may not.
    const reason = { reason: "Postponed." };
    expect((await call("POST", path(aseanId, "/cancel"), { token: await login("head.id@teamkorea.dev"), body: reason })).status).toBe(403);
    const cancelled = await call("POST", path(aseanId, "/cancel"), { token: await login("head.asean@teamkorea.dev"), body: reason });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ id: aseanId, status: "cancelled", mission: "MSN-ASEAN" });
    expect((await taskOf(embassyId)).status).toBe("awaiting_approval");
  });
});
