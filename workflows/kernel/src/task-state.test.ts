import { describe, expect, it } from "vitest";
import { JointTaskState } from "./task-state";
import { resolveTeamShape } from "./team";

const head = { email: "head.us@x", org: "EMB-US" };
const hq = { email: "hq@x", org: "MOFA" };
const kotra = { email: "kotra.us@x", org: "KOTRA-US" };

function task() {
  const t = new JointTaskState("US");
  t.team = resolveTeamShape({ mission: "EMB-US", agencies: [], participants: ["EMB-US", "KOTRA-US", "MOTIE"], hq: "MOFA", duties: {} });
  return t;
}
const pending = (t: JointTaskState, role: "mission" | "hq" = "mission") => {
  t.approval = {
    id: "ap-1",
    round: 1,
    step: role === "hq" ? 2 : 1,
    role,
    decider: role === "hq" ? "MOFA" : "EMB-US",
    status: "pending",
    escalated: false,
    recorded: false,
    decidedBy: null,
  };
};
const decide = (actor: typeof head, approvalId = "ap-1") => ({ approvalId, decision: "approve" as const, actor });

describe("decisions", () => {
  it("are the step's decider's, and HQ's too once a head's step is escalated", () => {
    const t = task();
    pending(t);
    expect(t.refuseDecision(decide(head))).toBeNull();
    expect(t.refuseDecision(decide(hq))?.type).toBe("Forbidden");
    t.approval!.escalated = true;
    expect(t.refuseDecision(decide(hq))).toBeNull();
    expect(t.refuseDecision(decide(kotra))?.type).toBe("Forbidden");
  });

  it("on HQ's step are HQ's alone", () => {
    const t = task();
    pending(t, "hq");
    expect(t.refuseDecision(decide(hq))).toBeNull();
    expect(t.refuseDecision(decide(head))).toMatchObject({ type: "Forbidden", message: expect.stringContaining("HQ") });
  });

  it("conflict once decided, for another approval, or on a cancelled task", () => {
    const t = task();
    pending(t);
    expect(t.refuseDecision(decide(head, "other"))?.type).toBe("Conflict");
    t.applyDecision(decide(head));
    expect(t.refuseDecision(decide(head))).toMatchObject({ type: "Conflict", message: "this approval was already decided (approved)" });
    const c = task();
    pending(c);
    c.cancellation = { reason: "r", actor: head };
    expect(c.refuseDecision(decide(head))?.type).toBe("Conflict");
  });
});

describe("assignments", () => {
  it("move only by their organisation, along the legal transitions, and ask for an outcome where listed", () => {
    const t = task();
    t.addAssignments([{ id: "as-1", key: "f", org: "KOTRA-US", task: "follow up", dueOn: "2026-12-01", outcomes: ["retained", "left", "unknown"] }]);
    const act = (action: "ack" | "complete", actor = kotra, outcome?: string) => ({ assignmentId: "as-1", action, actor, text: "t", outcome });
    expect(t.refuseAssignmentAction(act("ack", head))?.type).toBe("Forbidden");
    expect(t.refuseAssignmentAction(act("complete"))?.type).toBe("Conflict");
    expect(t.applyAssignmentAction(act("ack"))).toEqual({ from: "pending", to: "acknowledged", seq: 1 });
    expect(t.refuseAssignmentAction(act("complete"))).toMatchObject({ type: "Invalid", issues: [{ path: "body.outcome" }] });
    expect(t.refuseAssignmentAction(act("complete", kotra, "moved"))?.type).toBe("Invalid");
    expect(t.refuseAssignmentAction(act("complete", kotra, "retained"))).toBeNull();
    t.applyAssignmentAction(act("complete", kotra, "retained"));
    expect(t.assignments.get("as-1")).toMatchObject({ status: "completed", outcome: "retained", text: "t" });
    expect(t.allAssignmentsClosed()).toBe(true);
  });
});

describe("revision and cancel", () => {
  it("takes one valid revision from the mission after a request for changes", () => {
    const t = task();
    const plan = { assignments: [{ key: "a", org: "KOTRA-US", task: "t", dueOn: "2026-12-01" }] };
    expect(t.refuseRevision({ plan, actor: head }, "2026-11-25")?.type).toBe("Conflict");
    t.status = "changes_requested";
    expect(t.refuseRevision({ plan, actor: kotra }, "2026-11-25")?.type).toBe("Forbidden");
    expect(t.refuseRevision({ plan: { assignments: [{ ...plan.assignments[0]!, org: "EMB-JP" }] }, actor: head }, "2026-11-25")).toMatchObject({
      type: "Invalid",
      issues: [{ path: "plan.assignments.0.org" }],
    });
    expect(t.refuseRevision({ plan, actor: head }, "2026-11-25")).toBeNull();
  });

  it("lets the mission or HQ cancel an open task, once", () => {
    const t = task();
    expect(t.refuseCancel({ reason: "r", actor: kotra })?.type).toBe("Forbidden");
    expect(t.refuseCancel({ reason: "r", actor: hq })).toBeNull();
    t.cancellation = { reason: "r", actor: head };
    expect(t.refuseCancel({ reason: "r", actor: head })?.type).toBe("Conflict");
  });
});

describe("claims", () => {
  const ana = { email: "ana@x", org: "KOTRA-US" };
  const ben = { email: "ben@x", org: "KOTRA-US" };
  const lead = { email: "lead@x", org: "KOTRA-US" };
  const claimed = () => {
    const t = task();
    t.status = "in_progress";
    t.addAssignments([{ id: "as-1", key: "impact", org: "KOTRA-US", task: "impact", dueOn: "2026-12-01" }]);
    return t;
  };
  const claim = (actor: typeof ana | null, action: "claim" | "release" | "assign", extra: object = {}) => ({
    assignmentId: "as-1",
    action,
    actor,
    ...extra,
  });

  it("take an unclaimed assignment; someone else holding it is a conflict naming them", () => {
    const t = claimed();
    expect(t.refuseClaim(claim(head, "claim"))?.type).toBe("Forbidden");
    expect(t.refuseClaim(claim(ana, "claim"))).toBeNull();
    expect(t.applyClaim(claim(ana, "claim", { to: { email: ana.email, name: "Ana" } }))).toEqual({
      previous: null,
      holder: { email: ana.email, name: "Ana" },
      seq: 1,
    });
    const refused = t.refuseClaim(claim(ben, "claim"));
    expect(refused?.type).toBe("Conflict");
    expect(refused?.message).toContain("Ana (ana@x)");
    expect(t.refuseClaim(claim(ana, "claim"))?.type).toBe("Conflict");
  });

  it("leave actions on a claimed assignment to its holder and the organisation's lead", () => {
    const t = claimed();
    t.applyClaim(claim(ana, "claim", { to: { email: ana.email, name: "Ana" } }));
    const act = (actor: typeof ana, asLead?: boolean) =>
      t.refuseAssignmentAction({ assignmentId: "as-1", action: "ack", actor, ...(asLead ? { asLead } : {}) });
    expect(act(ben)?.type).toBe("Forbidden");
    expect(act(ben)?.message).toContain("held by Ana (ana@x)");
    expect(act(ana)).toBeNull();
    expect(act(lead, true)).toBeNull();
  });

  it("release by the holder, a lead or the hub; assign by a lead only", () => {
    const t = claimed();
    expect(t.refuseClaim(claim(ana, "release"))?.type).toBe("Conflict");
    expect(t.refuseClaim(claim(ana, "assign", { to: { email: ben.email } }))?.type).toBe("Forbidden");
    expect(t.refuseClaim(claim(lead, "assign", { asLead: true }))?.type).toBe("Invalid");
    expect(t.refuseClaim(claim(lead, "assign", { asLead: true, to: { email: ana.email } }))).toBeNull();
    t.applyClaim(claim(lead, "assign", { asLead: true, to: { email: ana.email } }));
    expect(t.refuseClaim(claim(lead, "assign", { asLead: true, to: { email: ana.email } }))?.type).toBe("Conflict");
    expect(t.refuseClaim(claim(ben, "release"))?.type).toBe("Forbidden");
    expect(t.refuseClaim(claim(lead, "release", { asLead: true }))).toBeNull();
    expect(t.refuseClaim(claim(null, "claim"))?.type).toBe("Forbidden");
    expect(t.refuseClaim(claim(null, "release", { reason: "moved" }))).toBeNull();
    expect(t.applyClaim(claim(null, "release", { reason: "moved" }))).toEqual({ previous: { email: ana.email }, holder: null, seq: 2 });
    expect(t.refuseClaim(claim(null, "release"))?.type).toBe("Conflict");
  });

  it("only while the assignment is open", () => {
    const t = claimed();
    t.applyAssignmentAction({ assignmentId: "as-1", action: "decline", actor: ana, text: "not ours" });
    expect(t.refuseClaim(claim(ana, "claim"))?.type).toBe("Conflict");
  });
});
