/**
 * What every kind gets from the kernel, through the real hub: an acting head deciding inside a
 * delegation (and refused once it is revoked), informed organisations reading but not acting,
 * cancellation withdrawing open assignments, search, and events no kind claims.
 */
import { eventTopics, workflowIdFor } from "@hub/contracts";
import { createDb, sql } from "@hub/db";
import { connectKafka, createProducer } from "@hub/kafka";
import { describe, expect, it, onTestFinished } from "vitest";
import { act, call, cfg, cloudEvent, deadLetterWith, decide, historyOf, inDays, login, pendingApproval, taskIn, uniqueRef } from "./support/hub";

/** Submits a mission plan for the US, with KOTRA-US informed, and returns its workflow id. */
async function usPlan(title = "Korean Wave business week", extra: Record<string, unknown> = {}) {
  const planRef = uniqueRef("USPLAN");
  const r = await call("POST", "/v1/plans", {
    token: await login("staff.us@teamkorea.dev"),
    body: {
      country: "US",
      planRef,
      title,
      summary: "Joint promotion week.",
      assignments: [
        { org: "EMB-US", task: "Open the week.", dueOn: inDays(20) },
        { org: "MOTIE", task: "Brief exporters.", dueOn: inDays(15) },
      ],
      informed: ["KOTRA-US"],
      ...extra,
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return r.body.workflowId as string;
}

describe("acting head (직무대리)", () => {
  it("decides inside the window on the head's behalf, and is refused once the delegation is revoked", async () => {
    const head = await login("head.us@teamkorea.dev");
    const staff = await login("staff.us@teamkorea.dev");

    // Only to the mission's own staff, in a sane window.
    const refused = [
      await call("POST", "/v1/delegations", { token: head, body: { to: "staff.jp@teamkorea.dev", from: inDays(0), until: inDays(7) } }),
      await call("POST", "/v1/delegations", { token: head, body: { to: "staff.us@teamkorea.dev", from: inDays(7), until: inDays(0) } }),
      await call("POST", "/v1/delegations", { token: head, body: { to: "nobody@teamkorea.dev", from: inDays(0), until: inDays(7) } }),
      // Only past days (yesterday): it could never be active, so it is refused rather than stored inactive.
      await call("POST", "/v1/delegations", { token: head, body: { to: "staff.us@teamkorea.dev", from: inDays(-1), until: inDays(-1) } }),
    ];
    expect(refused.map((r) => [r.status, r.body.issues?.[0]?.path])).toEqual([
      [400, "body.to"],
      [400, "body.until"],
      [400, "body.to"],
      [400, "body.until"],
    ]);
    expect(refused[0]?.body.message).toContain("is not on the staff of EMB-US");
    expect(refused[3]?.body.issues[0].message).toContain("must cover today or a day to come");
    expect(
      (await call("POST", "/v1/delegations", { token: staff, body: { to: "staff.us@teamkorea.dev", from: inDays(0), until: inDays(7) } })).status,
    ).toBe(403);

    const granted = await call("POST", "/v1/delegations", { token: head, body: { to: "staff.us@teamkorea.dev", from: inDays(0), until: inDays(7) } });
    expect(granted.status).toBe(201);
    // Whatever happens below, staff.us must not stay an acting head for the other tests.
    onTestFinished(async () => {
      await call("DELETE", `/v1/delegations/${granted.body.id}`, { token: head });
    });
    expect(granted.body).toMatchObject({ missionCode: "EMB-US", grantedBy: "head.us@teamkorea.dev", to: "staff.us@teamkorea.dev", active: true });
    const listed = await call("GET", "/v1/delegations", { token: staff });
    expect(listed.body.items.some((d: any) => d.id === granted.body.id)).toBe(true);

    const first = await usPlan();
    const a1 = await pendingApproval("staff.us@teamkorea.dev", first);
    const decided = await decide("staff.us@teamkorea.dev", a1.id, "approve", "Approved as acting head.");
    expect(decided.status).toBe(200);
    expect(decided.body.decidedBy).toEqual({ email: "staff.us@teamkorea.dev", org: "EMB-US", onBehalfOf: "head.us@teamkorea.dev" });
    const entry = (await historyOf(first)).find((e: any) => e.action === "approval.approved");
    expect(entry.actor).toEqual({ email: "staff.us@teamkorea.dev", org: "EMB-US", onBehalfOf: "head.us@teamkorea.dev" });

    expect((await call("DELETE", `/v1/delegations/${granted.body.id}`, { token: staff })).status).toBe(403);
    const revoked = await call("DELETE", `/v1/delegations/${granted.body.id}`, { token: head });
    expect(revoked.status).toBe(200);
    expect(revoked.body.active).toBe(false);
    expect((await call("DELETE", `/v1/delegations/${granted.body.id}`, { token: head })).status).toBe(409);

    const second = await usPlan();
    const a2 = await pendingApproval("staff.us@teamkorea.dev", second);
    expect((await decide("staff.us@teamkorea.dev", a2.id, "approve")).status).toBe(403);

    const db = createDb(cfg.service.databaseUrl, { max: 1 });
    try {
      const trail = await db.query<{ action: string; actorEmail: string }>(
        sql`SELECT action, actor_email AS "actorEmail" FROM audit_log WHERE entity_id = ${granted.body.id} ORDER BY id`,
      );
      expect(trail.map((t) => [t.action, t.actorEmail])).toEqual([
        ["delegation.grant", "head.us@teamkorea.dev"],
        ["delegation.revoke", "head.us@teamkorea.dev"],
      ]);
      const decision = await db.one<{ actorOnBehalfOf: string }>(
        sql`SELECT actor_on_behalf_of AS "actorOnBehalfOf" FROM audit_log WHERE entity_id = ${a1.id}`,
      );
      expect(decision?.actorOnBehalfOf).toBe("head.us@teamkorea.dev");
    } finally {
      await db.close();
    }
  });
});

describe("informed organisations", () => {
  it("see the task, its approvals and history, but every action answers 403", async () => {
    const workflowId = await usPlan();
    const approval = await pendingApproval("head.us@teamkorea.dev", workflowId);
    const kotra = await login("kotra.us@teamkorea.dev");
    const kotraVn = await login("kotra.vn@teamkorea.dev");
    const path = `/v1/workflows/${encodeURIComponent(workflowId)}`;
    expect((await call("GET", path, { token: kotra })).status).toBe(200);
    expect((await call("GET", `${path}/history`, { token: kotra })).status).toBe(200);
    expect((await call("GET", `/v1/approvals/${approval.id}`, { token: kotra })).status).toBe(200);
    // Not informed, not of the mission: the approval is not there for KOTRA-VN (the same 404 as an unknown id).
    expect((await call("GET", `/v1/approvals/${approval.id}`, { token: kotraVn })).status).toBe(404);
    expect((await decide("kotra.us@teamkorea.dev", approval.id, "approve")).status).toBe(403);
    expect((await call("POST", `${path}/cancel`, { token: kotra, body: { reason: "no" } })).status).toBe(403);
    expect((await call("POST", `${path}/plan`, { token: kotra, body: { plan: approval.plan } })).status).toBe(403);

    expect((await decide("head.us@teamkorea.dev", approval.id, "approve")).status).toBe(200);
    const running = await taskIn(workflowId, "in_progress");
    expect(running.assignments.some((a: any) => a.org === "KOTRA-US")).toBe(false);
    for (const a of running.assignments) {
      expect((await call("POST", `/v1/assignments/${a.id}/ack`, { token: kotra })).status).toBe(403);
    }
    // Found by the org filter of the search.
    const found = await call("GET", `/v1/workflows?org=KOTRA-US&kind=mission-plan&limit=200`, { token: kotra });
    expect(found.body.items.some((t: any) => t.id === workflowId)).toBe(true);
  });
});

describe("cancel", () => {
  it("withdraws open assignments with the reason; later actions answer 409", async () => {
    const workflowId = await usPlan();
    const approval = await pendingApproval("head.us@teamkorea.dev", workflowId);
    expect((await decide("head.us@teamkorea.dev", approval.id, "approve")).status).toBe(200);
    const running = await taskIn(workflowId, "in_progress");
    const mine = running.assignments.find((a: any) => a.org === "EMB-US");
    const motie = running.assignments.find((a: any) => a.org === "MOTIE");
    await act("staff.us@teamkorea.dev", mine.id, "ack");
    await act("staff.us@teamkorea.dev", mine.id, "complete", { report: "Opened." });

    const path = `/v1/workflows/${encodeURIComponent(workflowId)}/cancel`;
    expect((await call("POST", path, { token: await login("staff.us@teamkorea.dev"), body: { reason: "x" } })).status).toBe(403);
    expect((await call("POST", path, { token: await login("head.us@teamkorea.dev"), body: { reason: " " } })).status).toBe(400);
    const cancelled = await call("POST", path, { token: await login("head.us@teamkorea.dev"), body: { reason: "The host postponed the week." } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const byOrg = Object.fromEntries(cancelled.body.assignments.map((a: any) => [a.org, a]));
    expect(byOrg["EMB-US"].status).toBe("completed");
    expect(byOrg.MOTIE).toMatchObject({ status: "withdrawn", withdrawnReason: "The host postponed the week." });

    // MOTIE sees why; nothing more can be done on the task.
    const motieToken = await login("motie@teamkorea.dev");
    const seen = await call("GET", "/v1/assignments?status=withdrawn&limit=200", { token: motieToken });
    expect(seen.body.items.find((a: any) => a.id === motie.id)?.withdrawnReason).toBe("The host postponed the week.");
    expect((await call("POST", `/v1/assignments/${motie.id}/ack`, { token: motieToken })).status).toBe(409);
    expect((await call("POST", path, { token: await login("head.us@teamkorea.dev"), body: { reason: "again" } })).status).toBe(409);
    const last = (await historyOf(workflowId)).at(-1);
    expect(last).toMatchObject({
      action: "task.cancelled",
      actor: { email: "head.us@teamkorea.dev" },
      detail: { reason: "The host postponed the week." },
    });
  });

  it("takes a task waiting for its approval off the head's inbox", async () => {
    const workflowId = await usPlan();
    const approval = await pendingApproval("head.us@teamkorea.dev", workflowId);
    const r = await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/cancel`, {
      token: await login("hq@teamkorea.dev"),
      body: { reason: "Duplicate of another plan." },
    });
    expect(r.status).toBe(200);
    expect(r.body.approvals[0].status).toBe("cancelled");
    expect((await decide("head.us@teamkorea.dev", approval.id, "approve")).status).toBe(409);
  });
});

describe("search", () => {
  it("finds tasks by words of the title in Korean or English, kind, organisation and start date", async () => {
    const word = uniqueRef("W")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    const korean = await usPlan(`한미 동맹 기념 ${word} 리셉션`);
    const english = await usPlan(`Steel exporters forum ${word}`);
    const hq = await login("hq@teamkorea.dev");
    const search = async (qs: string) => (await call("GET", `/v1/workflows?${qs}&limit=200`, { token: hq })).body.items.map((t: any) => t.id);
    await pendingApproval("head.us@teamkorea.dev", korean);
    await pendingApproval("head.us@teamkorea.dev", english);
    expect(await search(`q=${encodeURIComponent(word)}`)).toEqual([english, korean]);
    expect(await search(`q=${encodeURIComponent(`동맹 ${word}`)}`)).toEqual([korean]);
    expect(await search(`q=${encodeURIComponent(`steel ${word.slice(0, 6)}`)}`)).toEqual([english]);
    expect(await search(`q=${encodeURIComponent(word)}&org=MOTIE&kind=mission-plan&country=US&from=${inDays(0)}&to=${inDays(0)}`)).toEqual([
      english,
      korean,
    ]);
    expect(await search(`q=${encodeURIComponent(word)}&org=KCC-JP`)).toEqual([]);
    expect(await search(`q=${encodeURIComponent(word)}&to=${inDays(-1)}`)).toEqual([]);
    // Keyset pages: one at a time, the same two in the same order.
    const first = await call("GET", `/v1/workflows?q=${encodeURIComponent(word)}&limit=1`, { token: hq });
    const second = await call("GET", `/v1/workflows?q=${encodeURIComponent(word)}&limit=1&cursor=${first.body.nextCursor}`, { token: hq });
    expect([...first.body.items, ...second.body.items].map((t: any) => t.id)).toEqual([english, korean]);
    // Another country's mission does not see them.
    const jp = await call("GET", `/v1/workflows?q=${encodeURIComponent(word)}`, { token: await login("head.jp@teamkorea.dev") });
    expect(jp.body.items).toEqual([]);
    expect(workflowIdFor("mission-plan", "US", "x")).toBe("mission-plan:US:x");
  });
});

describe("events no kind claims", () => {
  it("are dead-lettered with that reason when they reach Kafka, and refused by the API", async () => {
    const event = cloudEvent("kr.teamkorea.weather.report.v1", "EMB-US", { country: "US", summary: "Snow in Washington." });
    const kafka = connectKafka({ brokers: cfg.service.kafkaBrokers, sasl: cfg.service.kafkaSasl, clientId: "unclaimed-test" });
    const producer = await createProducer(kafka);
    try {
      await producer.send([{ topic: eventTopics(cfg.service.topicPrefix)[0] as string, key: "US", value: JSON.stringify(event) }]);
    } finally {
      await producer.disconnect();
    }
    expect((await deadLetterWith(event.id)).reason).toContain('Unknown event type "kr.teamkorea.weather.report.v1": no joint task takes it');
    const r = await call("POST", "/v1/events", { token: await login("staff.us@teamkorea.dev"), body: event });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toBe("body.type");
  });
});
