/**
 * Youth overseas job placement end to end through the real hub: an opening from HRD Korea in
 * Viet Nam with two positions → the head approves → both placements confirmed, each adding two
 * follow-ups → every assignment done → closed with the placements and their follow-up outcomes.
 */
import { JOB_OPENING_POSTED, JOB_PLACEMENT_CONFIRMED, workflowIdFor } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import {
  call,
  cloudEvent,
  deadLetterWith,
  decide,
  eventually,
  finish,
  inDays,
  login,
  pendingApproval,
  publish,
  taskIn,
  taskOf,
  uniqueRef,
} from "./support/hub";

const opening = (openingRef: string, o: { positions?: number; channel?: string; closesOn?: string } = {}) =>
  cloudEvent(JOB_OPENING_POSTED, "HRDK-VN", {
    country: "VN",
    openingRef,
    employer: "Korean electronics supplier, Bac Ninh plant",
    title: "Production engineering trainee",
    positions: o.positions ?? 2,
    channel: o.channel ?? "hrdkorea",
    closesOn: o.closesOn ?? inDays(30),
  });
const placement = (openingRef: string, candidateRef: string) =>
  cloudEvent(JOB_PLACEMENT_CONFIRMED, "HRDK-VN", { country: "VN", openingRef, candidateRef, startsOn: inDays(5) });

describe("youth job placement", () => {
  it("runs from an opening to confirmed placements with their follow-ups, each role acting as itself", async () => {
    const ref = uniqueRef("JOB");
    const workflowId = workflowIdFor("youth-job", "VN", ref);
    await publish("hrdk.vn@teamkorea.dev", opening(ref));

    const approval = await pendingApproval("head.vn@teamkorea.dev", workflowId);
    expect(approval.kind).toBe("youth-job");
    // Matching goes to HRD Korea's office (the directory's first holder); the interviews to the channel's office.
    expect(approval.plan.assignments.map((a: any) => [a.key, a.org])).toEqual([
      ["candidate-matching", "HRDK-VN"],
      ["interviews", "HRDK-VN"],
    ]);
    for (const a of approval.plan.assignments) expect(a.dueOn < inDays(30)).toBe(true);

    // A confirmation before the head approved is refused and parked, replayable later.
    const early = placement(ref, "EARLY-1");
    await publish("hrdk.vn@teamkorea.dev", early);
    expect((await deadLetterWith(early.id)).reason).toContain("not yet approved");

    expect((await decide("head.vn@teamkorea.dev", approval.id, "approve", "Proceed with the council's programme.")).status).toBe(200);
    const running = await taskIn(workflowId, "in_progress");
    const [matching, interviews] = running.assignments;

    for (const c of ["CAND-1", "CAND-2"]) await publish("hrdk.vn@teamkorea.dev", placement(ref, c));
    const withFollowUps = await eventually("four follow-ups", async () => {
      const t = await taskOf(workflowId);
      return t.assignments.length === 6 ? t : undefined;
    });
    const followUps = withFollowUps.assignments.filter((a: any) => a.key.startsWith("follow-up-"));
    expect(followUps.map((a: any) => a.key).sort()).toEqual([
      "follow-up-30:CAND-1",
      "follow-up-30:CAND-2",
      "follow-up-90:CAND-1",
      "follow-up-90:CAND-2",
    ]);
    expect(followUps.every((a: any) => a.org === "HRDK-VN" && a.outcomes.join() === "retained,left,unknown")).toBe(true);
    expect(followUps.find((a: any) => a.key === "follow-up-30:CAND-1").dueOn).toBe(inDays(35));

    // Beyond the positions, or for an opening nobody posted: parked with the reason.
    const third = placement(ref, "CAND-3");
    await publish("hrdk.vn@teamkorea.dev", third);
    expect((await deadLetterWith(third.id)).reason).toContain("all 2 position(s)");
    const stray = placement(uniqueRef("NOPE"), "CAND-9");
    await publish("hrdk.vn@teamkorea.dev", stray);
    expect((await deadLetterWith(stray.id)).reason).toContain("no open youth-job task");

    // A follow-up needs its outcome; other organisations may not act.
    const hrdk = "hrdk.vn@teamkorea.dev";
    const f1 = followUps[0];
    const kotra = await login("kotra.vn@teamkorea.dev");
    expect((await call("POST", `/v1/assignments/${f1.id}/ack`, { token: kotra })).status).toBe(403);
    await call("POST", `/v1/assignments/${f1.id}/ack`, { token: await login(hrdk) });
    const noOutcome = await call("POST", `/v1/assignments/${f1.id}/complete`, { token: await login(hrdk), body: { report: "Called." } });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.issues).toEqual([{ path: "body.outcome", message: "must be one of retained, left, unknown" }]);
    const done = await call("POST", `/v1/assignments/${f1.id}/complete`, {
      token: await login(hrdk),
      body: { report: "Still there.", outcome: "retained" },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", outcome: "retained" });

    await finish(hrdk, matching.id, "Twelve candidates shortlisted.");
    await finish(hrdk, interviews.id, "Interviews held in Hanoi.");
    for (const f of followUps.slice(1)) await finish(hrdk, f.id, "Checked.", f.key.startsWith("follow-up-90:CAND-2") ? "left" : "retained");

    const closed = await taskIn(workflowId, "completed");
    expect(closed.closingReport.kind).toBe("youth-job");
    expect(closed.closingReport.closedUnfilled).toBe(false);
    const byCandidate = Object.fromEntries(closed.closingReport.placements.map((p: any) => [p.candidateRef, p.followUps.map((f: any) => f.outcome)]));
    expect(byCandidate).toEqual({ "CAND-1": ["retained", "retained"], "CAND-2": ["retained", "left"] });
  });

  it("refuses an opening that has already closed, before anything is recorded", async () => {
    const ref = uniqueRef("LATEJOB");
    const r = await call("POST", "/v1/events", { token: await login("hrdk.vn@teamkorea.dev"), body: opening(ref, { closesOn: inDays(-10) }) });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([{ path: "body.data.closesOn", message: expect.stringContaining("is in the past") }]);
    const hq = await login("hq@teamkorea.dev");
    const events = await call("GET", "/v1/events?country=VN&limit=200", { token: hq });
    expect(events.body.items.some((e: any) => e.data?.openingRef === ref)).toBe(false);
  });

  it("takes openings from MOEL but not from another ministry", async () => {
    const moel = cloudEvent(JOB_OPENING_POSTED, "MOEL", { ...opening(uniqueRef("MOEL")).data });
    expect((await call("POST", "/v1/events", { token: await login("moel@teamkorea.dev"), body: moel })).status).toBe(202);
    const motie = cloudEvent(JOB_OPENING_POSTED, "MOTIE", { ...opening(uniqueRef("MOTIE")).data });
    expect((await call("POST", "/v1/events", { token: await login("motie@teamkorea.dev"), body: motie })).status).toBe(403);
  });
});
