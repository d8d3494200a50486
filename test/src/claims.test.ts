/**
 * Queues, claim and assign, through the real stack (API → Temporal Update → worker activity →
 * read model): two officers of one KOTRA office and its lead. An assignment lands in the office's
 * queue; one officer claims it, the other is refused (409, naming the holder) and cannot complete
 * it (403, "held by"); the inbox filters show it as mine / not unclaimed; the lead reassigns it to
 * the second officer, and assigning to someone not posted at the office is a 400; another office
 * is a 403. The timeline shows the claim and the assignment with who and to whom. The holder is
 * then moved to another office, and the vacancy sweep returns the assignment to the queue with a
 * timeline entry saying why.
 *
 * A test country (XK, a code ISO 3166 leaves for private use) with an embassy and a KOTRA office
 * is added once and kept; the people are new on every run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, decide, detectedEvent, eventually, historyOf, login, uniqueRef, workflowIdOf } from "./support/hub";
import { mailArrives } from "./support/mailpit";

const run = Date.now().toString(36);
const email = (who: string) => `claims-${run}.${who}@teamkorea.dev`;
const today = new Date().toISOString().slice(0, 10);
const CC = "XK";
const [EMB, KOTRA] = [`EMB-${CC}`, `KOTRA-${CC}`];

const org = (code: string, kind: "MISSION" | "AGENCY") => ({
  code,
  kind,
  missionKind: kind === "MISSION" ? "EMBASSY" : null,
  nameKo: `시험국 ${CC} ${code}`,
  nameEn: `Test ${code}`,
  country: CC,
  network: kind === "MISSION" ? "MOFA" : "KOTRA",
  timeZone: "Europe/London",
  leadsTeam: kind === "MISSION",
  teamLead: null,
  closed: false,
  actingHead: null,
});

let admin: string;
const people: Record<string, { email: string; name: string; id: string }> = {};

async function addPerson(who: string, posting: { org: string; role: string; lead?: boolean }) {
  const body = { email: email(who), name: `Claims ${who}`, posting: { from: "2020-01-01", ...posting } };
  const r = await call("POST", "/v1/admin/people", { token: admin, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const found = await call("GET", `/v1/admin/people?q=${encodeURIComponent(body.email)}`, { token: admin });
  people[who] = { email: body.email, name: body.name, id: found.body.items[0].id };
}

const post = async (who: string, path: string, body?: unknown) => call("POST", path, { token: await login(email(who)), body });
const claim = (who: string, id: string) => post(who, `/v1/assignments/${id}/claim`);
const inbox = async (who: string, holder: string) =>
  (await call("GET", `/v1/assignments?holder=${holder}&limit=200`, { token: await login(email(who)) })).body.items as any[];

let workflowId: string;
/** The case's reference: mails about the task carry it. */
let caseRef = "";
let assignmentId: string;

beforeAll(async () => {
  admin = await login("admin@teamkorea.dev");
  for (const o of [org(EMB, "MISSION"), org(KOTRA, "AGENCY")]) {
    const r = await call("POST", "/v1/admin/orgs", { token: admin, body: o });
    expect([200, 409], JSON.stringify(r.body)).toContain(r.status);
  }
  await addPerson("head", { org: EMB, role: "MISSION_HEAD" });
  await addPerson("staff", { org: EMB, role: "MISSION_STAFF" });
  await addPerson("ana", { org: KOTRA, role: "AGENCY_STAFF" });
  await addPerson("ben", { org: KOTRA, role: "AGENCY_STAFF" });
  await addPerson("lead", { org: KOTRA, role: "AGENCY_STAFF", lead: true });

  caseRef = uniqueRef("CLAIMS");
  const posted = await post("staff", "/v1/events", detectedEvent({ source: EMB, country: CC, caseRef }));
  expect(posted.status, JSON.stringify(posted.body)).toBe(202);
  workflowId = workflowIdOf(CC, caseRef);
  const approval = await eventually(`the approval of ${workflowId}`, async () => {
    const r = await call("GET", "/v1/approvals?status=pending&limit=200", { token: await login(email("head")) });
    return r.body.items?.find((a: any) => a.workflowId === workflowId);
  });
  expect((await decide(email("head"), approval.id, "approve")).status).toBe(200);
  const mine = await eventually("the KOTRA office's assignment in its queue", async () =>
    (await inbox("ana", "unclaimed")).find((a) => a.workflowId === workflowId && a.org === KOTRA),
  );
  expect(mine.assignee).toBeNull();
  assignmentId = mine.id;
}, 120_000);

describe("claiming an assignment of the office's queue", () => {
  it("the lead's flag is in the directory's export", async () => {
    const file = (await call("GET", "/v1/admin/directory/export", { token: admin })).body;
    const lead = file.people.find((p: any) => p.email === email("lead"));
    expect(lead.postings).toEqual([{ org: KOTRA, role: "AGENCY_STAFF", from: "2020-01-01", until: null, lead: true }]);
    const ana = file.people.find((p: any) => p.email === email("ana"));
    expect(ana.postings[0]).not.toHaveProperty("lead");
  });

  it("one officer claims it; the other is refused with a 409 naming who holds it", async () => {
    const r = await claim("ana", assignmentId);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.assignee).toMatchObject({ email: email("ana"), name: "Claims ana" });
    const other = await claim("ben", assignmentId);
    expect(other.status).toBe(409);
    expect(other.body.message).toContain(`held by Claims ana (${email("ana")})`);
    // What others see: who has it.
    const seen = (await inbox("ben", "any")).find((a) => a.id === assignmentId);
    expect(seen.assignee.email).toBe(email("ana"));
  });

  it("the inbox filters: mine for the holder, no longer in the queue", async () => {
    expect((await inbox("ana", "me")).map((a) => a.id)).toContain(assignmentId);
    expect((await inbox("ben", "me")).map((a) => a.id)).not.toContain(assignmentId);
    expect((await inbox("ben", "unclaimed")).map((a) => a.id)).not.toContain(assignmentId);
  });

  it("only the holder (or the lead) acts on it: the other officer's completion is a 403 saying who holds it", async () => {
    const r = await post("ben", `/v1/assignments/${assignmentId}/complete`, { report: "done by the wrong person" });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain(`held by Claims ana (${email("ana")})`);
    const ok = await post("ana", `/v1/assignments/${assignmentId}/ack`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe("acknowledged");
  });

  it("assigning is the lead's; another organisation is a 403 (or a 404 where it cannot see the task)", async () => {
    const byBen = await post("ben", `/v1/assignments/${assignmentId}/assign`, { to: email("ben") });
    expect(byBen.status).toBe(403);
    expect(byBen.body.message).toContain(`only a lead of ${KOTRA}`);
    const releaseByBen = await post("ben", `/v1/assignments/${assignmentId}/release`);
    expect(releaseByBen.status).toBe(403);
    // The embassy sees the task of its country, but the assignment is KOTRA's.
    const byEmbassy = await post("staff", `/v1/assignments/${assignmentId}/claim`);
    expect(byEmbassy.status).toBe(403);
    const byUs = await call("POST", `/v1/assignments/${assignmentId}/claim`, { token: await login("kotra.us@teamkorea.dev") });
    expect(byUs.status).toBe(404);
  });

  it("the lead cannot assign to someone not posted at the office (400), and reassigns to the second officer", async () => {
    const stranger = await post("lead", `/v1/assignments/${assignmentId}/assign`, { to: email("staff") });
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toContain(`posted at ${KOTRA} today`);
    const r = await post("lead", `/v1/assignments/${assignmentId}/assign`, { to: email("ben") });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.assignee).toMatchObject({ email: email("ben"), name: "Claims ben" });
    expect((await claim("ana", assignmentId)).status).toBe(409);
  });

  it("the timeline shows the claim and the assignment, with who and to whom", async () => {
    const entries = await historyOf(workflowId);
    const claimed = entries.find((e) => e.action === "assignment.claimed" && e.detail.assignmentId === assignmentId);
    expect(claimed).toMatchObject({
      actor: { email: email("ana"), org: KOTRA },
      detail: { from: null, to: { email: email("ana"), name: "Claims ana" } },
    });
    const assigned = entries.find((e) => e.action === "assignment.assigned" && e.detail.assignmentId === assignmentId);
    expect(assigned).toMatchObject({
      actor: { email: email("lead"), org: KOTRA },
      detail: { from: { email: email("ana") }, to: { email: email("ben"), name: "Claims ben" } },
    });
    expect(Date.parse(assigned.at)).toBeGreaterThanOrEqual(Date.parse(claimed.at));
  });

  it("the lead's assignment is told by e-mail: to the new holder, and to whoever held it before", async () => {
    await mailArrives(email("ben"), caseRef, "[팀코리아] 업무 지정:");
    await mailArrives(email("ana"), caseRef, "[팀코리아] 업무 재지정:");
  });

  it("the holder moves to another office: the assignment is back in the queue, with the reason on the timeline", async () => {
    const moved = await call("POST", `/v1/admin/people/${people.ben?.id}/postings`, {
      token: admin,
      body: { org: "KOTRA-US", role: "AGENCY_STAFF", from: today },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const back = await eventually(
      "the assignment back in the office's queue",
      async () => (await inbox("ana", "unclaimed")).find((a) => a.id === assignmentId),
      30_000,
    );
    expect(back.assignee).toBeNull();
    const entries = await historyOf(workflowId);
    const released = entries.find((e) => e.action === "assignment.released" && e.detail.assignmentId === assignmentId);
    expect(released).toMatchObject({ actor: null, detail: { from: { email: email("ben") }, to: null } });
    expect(released.detail.reason).toContain(`no longer posted at ${KOTRA}`);
    // The office's lead hears that it is back, and why.
    const told = await mailArrives(email("lead"), caseRef, "[팀코리아] 업무 반환");
    expect(told.text).toContain(`no longer posted at ${KOTRA}`);
    // And the queue is the office's again: the first officer may claim it.
    expect((await claim("ana", assignmentId)).status).toBe(200);
  });
});
