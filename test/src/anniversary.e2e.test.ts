/**
 * Anniversary events end to end: above the budget threshold the head approves, then HQ (which
 * sees nothing before the head decided); below it the head alone. Components and the post-event
 * report go out as assignments; the closing report lists each.
 */
import { ANNIVERSARY_PROPOSED, workflowIdFor } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { call, cloudEvent, decide, finish, historyOf, inDays, login, pendingApproval, publish, taskIn, uniqueRef } from "./support/hub";

const proposal = (eventRef: string, budgetKrw: number) =>
  cloudEvent(ANNIVERSARY_PROPOSED, "EMB-SE", {
    country: "SE",
    eventRef,
    title: "한-스웨덴 수교 60주년 기념 리셉션",
    occasion: "60th anniversary of diplomatic relations between Korea and Sweden",
    date: inDays(50),
    budgetKrw,
    components: [
      { org: "KCC-SE", task: "사진전: 한-스웨덴 60년", dueOn: inDays(49) },
      { org: "KTO-SE", task: "Tourism promotion to Swedish travel media", dueOn: inDays(36) },
      { org: "EMB-SE", task: "Reception and invitations", dueOn: inDays(50) },
    ],
  });

describe("anniversary events", () => {
  it("above the threshold needs the head, then HQ, and closes with each component's report", async () => {
    const ref = uniqueRef("SE60");
    const workflowId = workflowIdFor("anniversary", "SE", ref);
    await publish("staff.se@teamkorea.dev", proposal(ref, 80_000_000));

    const headStep = await pendingApproval("head.se@teamkorea.dev", workflowId);
    expect(headStep).toMatchObject({ kind: "anniversary", step: 1, decider: "EMB-SE", title: "한-스웨덴 수교 60주년 기념 리셉션" });
    expect(headStep.plan.budgetKrw).toBe(80_000_000);
    expect(headStep.plan.assignments.map((a: any) => [a.key, a.org])).toEqual([
      ["component-1", "KCC-SE"],
      ["component-2", "KTO-SE"],
      ["component-3", "EMB-SE"],
      ["post-event-report", "EMB-SE"],
    ]);
    expect(headStep.plan.assignments[3].dueOn).toBe(inDays(57));

    // HQ sees nothing to decide before the head decided, and may not decide the head's step.
    const hq = await login("hq@teamkorea.dev");
    const hqInbox = async () =>
      (await call("GET", "/v1/approvals?status=pending&limit=200", { token: hq })).body.items.filter((a: any) => a.workflowId === workflowId);
    expect(await hqInbox()).toEqual([]);
    expect((await decide("hq@teamkorea.dev", headStep.id, "approve")).status).toBe(403);

    expect((await decide("head.se@teamkorea.dev", headStep.id, "approve", "Good programme.")).status).toBe(200);
    const hqStep = await pendingApproval("hq@teamkorea.dev", workflowId, { step: 2 });
    expect(hqStep).toMatchObject({ decider: "MOFA", round: 1, status: "pending" });
    expect((await taskIn(workflowId, "awaiting_approval")).assignments).toEqual([]);
    // The head cannot decide HQ's step; the mission still sees it, as HQ's.
    expect((await decide("head.se@teamkorea.dev", hqStep.id, "approve")).status).toBe(403);
    expect((await call("GET", `/v1/approvals/${hqStep.id}`, { token: await login("staff.se@teamkorea.dev") })).status).toBe(200);
    expect((await decide("hq@teamkorea.dev", hqStep.id, "approve", "Budget confirmed.")).status).toBe(200);

    const running = await taskIn(workflowId, "in_progress");
    const byKey = Object.fromEntries(running.assignments.map((a: any) => [a.key, a]));
    await finish("kcc.se@teamkorea.dev", byKey["component-1"].id, "전시 관람객 1,200명.");
    await finish("kto.se@teamkorea.dev", byKey["component-2"].id, "Twelve travel media reached.");
    await finish("staff.se@teamkorea.dev", byKey["component-3"].id, "Reception held; 240 guests.");
    await finish("head.se@teamkorea.dev", byKey["post-event-report"].id, "Post-event report sent to HQ.");

    const closed = await taskIn(workflowId, "completed");
    expect(closed.closingReport).toMatchObject({
      kind: "anniversary",
      title: "한-스웨덴 수교 60주년 기념 리셉션",
      budgetKrw: 80_000_000,
      postEventReport: { org: "EMB-SE", status: "completed", report: "Post-event report sent to HQ." },
    });
    expect(closed.closingReport.components.map((c: any) => c.report)).toEqual([
      "전시 관람객 1,200명.",
      "Twelve travel media reached.",
      "Reception held; 240 guests.",
    ]);
    const actions = (await historyOf(workflowId)).map((e: any) => e.action);
    expect(actions.filter((a: string) => a === "approval.requested")).toHaveLength(2);
    expect(actions.filter((a: string) => a === "approval.approved")).toHaveLength(2);
  });

  it("at or below the threshold needs the head alone", async () => {
    const ref = uniqueRef("SE60S");
    const workflowId = workflowIdFor("anniversary", "SE", ref);
    await publish("head.se@teamkorea.dev", proposal(ref, 50_000_000));
    const approval = await pendingApproval("head.se@teamkorea.dev", workflowId);
    expect((await decide("head.se@teamkorea.dev", approval.id, "approve")).status).toBe(200);
    const running = await taskIn(workflowId, "in_progress");
    expect(running.assignments).toHaveLength(4);
    expect(running.approvals).toHaveLength(1);
  });

  it("refuses a proposal naming an organisation outside Sweden's Team Korea, or from an agency", async () => {
    const bad = proposal(uniqueRef("SEBAD"), 1);
    (bad.data as any).components[0].org = "KCC-JP";
    const r = await call("POST", "/v1/events", { token: await login("staff.se@teamkorea.dev"), body: bad });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([
      { path: "body.data.components.0.org", message: expect.stringContaining("KCC-JP may not take part in SE's tasks") },
    ]);
    const fromAgency = cloudEvent(ANNIVERSARY_PROPOSED, "KCC-SE", proposal(uniqueRef("SEKCC"), 1).data);
    expect((await call("POST", "/v1/events", { token: await login("kcc.se@teamkorea.dev"), body: fromAgency })).status).toBe(403);
  });
});
