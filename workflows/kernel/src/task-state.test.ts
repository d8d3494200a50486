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
