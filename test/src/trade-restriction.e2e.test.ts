/**
 * The trade-restriction joint task end to end through the real hub: HTTP API → Postgres outbox
 * → Kafka → router → Temporal workflow → activities → read model, each role acting as itself.
 */
import { createDb, sql } from "@hub/db";
import { connectTemporalClient } from "@hub/temporal";
import { describe, expect, it } from "vitest";
import { call, cfg, decidedEvent, detectedEvent, eventually, historyOf, login, openCase, uniqueRef, workflowIdOf } from "./support/hub";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("trade-restriction joint task", () => {
  it("runs from detected to completed with each role acting as itself", async () => {
    const caseRef = uniqueRef("AD");
    const { workflowId, approval, staff, head } = await openCase(caseRef, { commentDeadline: inDays(40) });

    expect(approval.kind).toBe("trade-restriction");
    expect(approval.country).toBe("US");
    expect(approval.plan.assignments.map((a: { org: string }) => a.org).sort()).toEqual(["EMB-US", "KOTRA-US", "MOTIE"]);
    const due = Object.fromEntries(approval.plan.assignments.map((a: { org: string; dueOn: string }) => [a.org, a.dueOn]));
    expect(due["EMB-US"]).toBe(inDays(40));
    expect(due["KOTRA-US"]).toBe(inDays(33));
    expect(due.MOTIE).toBe(inDays(37));

    // Another country's head may not even see it (404, as for an unknown id); the right head decides, once.
    const headJp = await login("head.jp@teamkorea.dev");
    expect((await call("POST", `/v1/approvals/${approval.id}/decision`, { token: headJp, body: { decision: "approve" } })).status).toBe(404);
    const approved = await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "approve", comment: "Proceed." } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decision: "approve", decidedBy: { email: "head.us@teamkorea.dev", org: "EMB-US" } });
    expect((await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "reject" } })).status).toBe(409);

    const kotra = await login("kotra.us@teamkorea.dev");
    const motie = await login("motie@teamkorea.dev");
    const mine = async (token: string) => {
      const r = await call("GET", "/v1/assignments?limit=200", { token });
      return r.body.items.filter((a: { workflowId: string }) => a.workflowId === workflowId);
    };
    const [kotraTask] = await eventually("KOTRA-US's assignment", async () => {
      const items = await mine(kotra);
      return items.length === 1 ? items : undefined;
    });
    const [motieTask] = await mine(motie);
    const [missionTask] = (await mine(staff)).filter((a: { org: string }) => a.org === "EMB-US");
    expect(kotraTask).toMatchObject({ org: "KOTRA-US", status: "pending" });
    expect(motieTask).toMatchObject({ org: "MOTIE", status: "pending" });
    expect(missionTask).toMatchObject({ org: "EMB-US", status: "pending" });

    // Wrong organisation → 403; illegal transition → 409.
    expect((await call("POST", `/v1/assignments/${motieTask.id}/ack`, { token: kotra })).status).toBe(403);
    expect((await call("POST", `/v1/assignments/${kotraTask.id}/complete`, { token: kotra, body: { report: "too early" } })).status).toBe(409);

    const act = async (token: string, id: string, action: string, body?: unknown) => {
      const r = await call("POST", `/v1/assignments/${id}/${action}`, { token, body });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    expect((await act(kotra, kotraTask.id, "ack")).status).toBe("acknowledged");
    expect((await act(kotra, kotraTask.id, "progress", { note: "Surveyed 12 exporters." })).status).toBe("in_progress");
    expect((await act(kotra, kotraTask.id, "complete", { report: "Four exporters at risk; USD 310m exposure." })).status).toBe("completed");
    await act(motie, motieTask.id, "ack");
    await act(motie, motieTask.id, "complete", { report: "Legal advisory given to four companies." });
    await act(staff, missionTask.id, "ack");
    await act(staff, missionTask.id, "complete", { report: "Position submitted to Commerce." });
    expect((await call("POST", `/v1/assignments/${kotraTask.id}/decline`, { token: kotra, body: { reason: "late" } })).status).toBe(409);

    // Not completed before the case is decided.
    const hq = await login("hq@teamkorea.dev");
    expect((await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: hq })).body.status).toBe("in_progress");

    expect((await call("POST", "/v1/events", { token: kotra, body: decidedEvent({ caseRef }) })).status).toBe(202);
    const done = await eventually("task completed", async () => {
      const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: hq });
      return r.body.status === "completed" ? r.body : undefined;
    });
    expect(done.closedAt).not.toBeNull();
    expect(done.closingReport.outcome).toBe("terminated");
    expect(done.closingReport.reports).toHaveLength(3);
    expect(done.closingReport.reports.find((r: { org: string }) => r.org === "KOTRA-US").report).toBe("Four exporters at risk; USD 310m exposure.");
    expect(done.temporalHistoryUrl).toContain(encodeURIComponent(workflowId));

    const history = await historyOf(workflowId);
    const actions = history.map((e: { action: string }) => e.action);
    for (const a of [
      "event.received",
      "plan.drafted",
      "approval.requested",
      "approval.approved",
      "assignment.created",
      "assignment.ack",
      "assignment.progress",
      "assignment.complete",
      "case.decided",
      "task.completed",
    ]) {
      expect(actions, a).toContain(a);
    }
    expect(actions.indexOf("event.received")).toBe(0);
    expect(actions[actions.length - 1]).toBe("task.completed");
    expect(history.find((e: { action: string }) => e.action === "event.received").actor).toEqual({ email: "staff.us@teamkorea.dev", org: "EMB-US" });
    expect(history.find((e: { action: string }) => e.action === "approval.approved").actor).toEqual({
      email: "head.us@teamkorea.dev",
      org: "EMB-US",
    });
    const ats = history.map((e: { at: string }) => e.at);
    expect([...ats].sort()).toEqual(ats);

    // Every decision and assignment action is in the append-only audit log, with its actor.
    const db = createDb(cfg.service.databaseUrl, { max: 1 });
    try {
      const trail = (entityId: string) =>
        db.query<{ action: string; actorEmail: string; actorOrg: string; before: unknown; after: unknown }>(sql`
          SELECT action, actor_email AS "actorEmail", actor_org AS "actorOrg", before, after FROM audit_log WHERE entity_id = ${entityId} ORDER BY id`);
      const decision = await trail(approval.id);
      expect(decision).toHaveLength(1);
      expect(decision[0]).toMatchObject({
        action: "approval.approve",
        actorEmail: "head.us@teamkorea.dev",
        actorOrg: "EMB-US",
        before: { status: "pending" },
        after: { status: "approved", comment: "Proceed." },
      });
      const kotraTrail = await trail(kotraTask.id);
      expect(kotraTrail.map((a) => a.action)).toEqual(["assignment.create", "assignment.ack", "assignment.progress", "assignment.complete"]);
      expect(kotraTrail.slice(1).every((a) => a.actorEmail === "kotra.us@teamkorea.dev")).toBe(true);
      await expect(db.run(sql`UPDATE audit_log SET action = 'edited' WHERE entity_id = ${approval.id}`)).rejects.toThrow(/append-only/);
      await expect(db.run(sql`DELETE FROM audit_log WHERE entity_id = ${approval.id}`)).rejects.toThrow(/append-only/);
    } finally {
      await db.close();
    }

    // The workflow itself closed in Temporal, too.
    const temporal = await connectTemporalClient({ address: cfg.service.temporalAddress, namespace: cfg.service.temporalNamespace });
    try {
      const d = await temporal.workflow.getHandle(workflowId).describe();
      expect(d.status.name).toBe("COMPLETED");
    } finally {
      await temporal.connection.close();
    }
  });

  it("starts one workflow for a duplicated or repeated detection", async () => {
    const caseRef = uniqueRef("DUP");
    const staff = await login("staff.us@teamkorea.dev");
    const event = detectedEvent({ caseRef });
    expect((await call("POST", "/v1/events", { token: staff, body: event })).status).toBe(202);
    const again = await call("POST", "/v1/events", { token: staff, body: event });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: event.id, status: "duplicate" });
    // A second, distinct event about the same case joins the same task.
    expect((await call("POST", "/v1/events", { token: staff, body: detectedEvent({ caseRef }) })).status).toBe(202);

    const workflowId = workflowIdOf("US", caseRef);
    const hq = await login("hq@teamkorea.dev");
    await eventually("the task", async () => (await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: hq })).status === 200);
    const events = await call("GET", `/v1/events?country=US&limit=200`, { token: hq });
    expect(events.body.items.filter((e: { id: string }) => e.id === event.id)).toHaveLength(1);

    const temporal = await connectTemporalClient({ address: cfg.service.temporalAddress, namespace: cfg.service.temporalNamespace });
    try {
      // Give the router time to see the second event, then count executions under the id.
      await new Promise((r) => setTimeout(r, 2000));
      const runs: string[] = [];
      for await (const w of temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(w.runId);
      expect(runs).toHaveLength(1);
    } finally {
      await temporal.connection.close();
    }
    const tasks = await call("GET", `/v1/workflows?country=US&limit=200`, { token: hq });
    expect(tasks.body.items.filter((t: { id: string }) => t.id === workflowId)).toHaveLength(1);
  });

  it("escalates a late approval to HQ, reminds before due dates and escalates overdue assignments", async () => {
    // In tests a day lasts 2 s: the approval escalates after 6 s; a deadline of tomorrow
    // makes every assignment due within a couple of seconds of approval.
    const caseRef = uniqueRef("LATE");
    const { workflowId, approval } = await openCase(caseRef, { commentDeadline: inDays(1) });
    const hq = await login("hq@teamkorea.dev");

    // HQ may not decide before the escalation…
    expect((await call("POST", `/v1/approvals/${approval.id}/decision`, { token: hq, body: { decision: "approve" } })).status).toBe(403);
    await eventually("approval escalation", async () => (await historyOf(workflowId)).some((e) => e.action === "approval.escalated"), 30_000);
    const escalated = await call("GET", `/v1/approvals/${approval.id}`, { token: hq });
    expect(escalated.body.status).toBe("pending");
    expect(escalated.body.escalatedAt).not.toBeNull();

    // …and may once it is escalated.
    const decided = await call("POST", `/v1/approvals/${approval.id}/decision`, {
      token: hq,
      body: { decision: "approve", comment: "Approved by HQ after escalation." },
    });
    expect(decided.status).toBe(200);

    const history = await eventually(
      "reminders and overdue escalations",
      async () => {
        const h = await historyOf(workflowId);
        const overdue = h.filter((e) => e.action === "assignment.overdue");
        return overdue.length === 3 ? h : undefined;
      },
      40_000,
    );
    expect(history.filter((e) => e.action === "assignment.reminder").length).toBe(3);
    const overdue = history.find((e) => e.action === "assignment.overdue");
    expect(overdue.detail.escalatedTo).toBe("EMB-US");
  });

  it("ends the task when the head rejects the plan", async () => {
    const { workflowId, approval, head } = await openCase(uniqueRef("REJ"));
    const r = await call("POST", `/v1/approvals/${approval.id}/decision`, {
      token: head,
      body: { decision: "reject", comment: "Handled bilaterally." },
    });
    expect(r.status).toBe(200);
    const hq = await login("hq@teamkorea.dev");
    const task = await eventually("rejected task", async () => {
      const t = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: hq });
      return t.body.status === "rejected" ? t.body : undefined;
    });
    expect(task.assignments).toHaveLength(0);
    expect(task.closedAt).not.toBeNull();
  });

  it("takes a revised plan after the head requests changes", async () => {
    const { workflowId, approval, head, staff } = await openCase(uniqueRef("REV"));
    expect(
      (
        await call("POST", `/v1/approvals/${approval.id}/decision`, {
          token: head,
          body: { decision: "request_changes", comment: "Add KOTRA's legal desk." },
        })
      ).status,
    ).toBe(200);
    const plan = {
      assignments: [
        ...approval.plan.assignments,
        { key: "legal-desk", org: "KOTRA-US", task: "Staff the legal help desk for exporters.", dueOn: approval.plan.assignments[0].dueOn },
      ],
    };
    const kotra = await login("kotra.us@teamkorea.dev");
    expect((await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/plan`, { token: kotra, body: { plan } })).status).toBe(403);
    expect(
      (await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/plan`, { token: staff, body: { plan, comment: "Added." } })).status,
    ).toBe(202);
    const round2 = await eventually("second approval round", async () => {
      const r = await call("GET", "/v1/approvals?status=pending&limit=200", { token: head });
      return r.body.items.find((a: { workflowId: string; round: number }) => a.workflowId === workflowId && a.round === 2);
    });
    expect(round2.plan.assignments).toHaveLength(4);
  });
});
