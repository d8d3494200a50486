/**
 * Every response fits its own schema, for input at every limit: an event of each kind with every
 * text at its maximum length and every list at its maximum count goes in through the API, its
 * task reaches its approval, and every route that shows it is read back — lists, one approval,
 * one task, its history, the decision itself — and parsed with the response schema it declares.
 * (Issue 8, defect 3: three 350-character product descriptions once made a 1,200-character task.)
 */
import {
  ANNIVERSARY_PROPOSED,
  ApprovalItem,
  AssignmentItem,
  History,
  JOB_OPENING_POSTED,
  LIMITS,
  page,
  StoredEvent,
  TRADE_RESTRICTION_DECIDED,
  TRADE_RESTRICTION_DETECTED,
  WorkflowDetail,
  WorkflowItem,
  workflowIdFor,
} from "@hub/contracts";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { call, cloudEvent, decide, inDays, login, pendingApproval, publish, taskIn, uniqueRef } from "./support/hub";

/** `n` UTF-16 units (what the schemas count) of a text mixing Korean, Latin and astral characters. */
function text(n: number): string {
  const s = "한국 Korea 😀 ".repeat(Math.ceil(n / 12)).slice(0, n);
  return /[\ud800-\udbff]$/.test(s) ? `${s.slice(0, -1)}.` : s;
}
/** No half of a surrogate pair anywhere (String.prototype.isWellFormed is ES2024). */
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
/** A business reference of the full 64 characters. */
const longRef = (prefix: string) => uniqueRef(prefix).padEnd(64, "X");

/** Reads a route and checks it answers `status` with a body its declared schema accepts. */
async function fits<T extends z.ZodType>(schema: T, path: string, email: string, status = 200): Promise<z.infer<T>> {
  const r = await call("GET", path, { token: await login(email) });
  expect(r.status, `GET ${path} as ${email}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(status);
  const parsed = schema.safeParse(r.body);
  expect(parsed.error, `GET ${path} as ${email} breaks its schema`).toBeUndefined();
  return parsed.data as z.infer<T>;
}

/** Everything a task shows, read by each of the given users. */
async function readBack(workflowId: string, country: string, emails: string[]) {
  const id = encodeURIComponent(workflowId);
  for (const email of emails) {
    // Approval inboxes are the missions' and HQ's; agencies see a task's approvals in the task itself.
    const approvalReader = /^(head|staff)\.|^hq@/.test(email);
    if (approvalReader) {
      await fits(page(ApprovalItem), "/v1/approvals?limit=200", email);
      await fits(page(ApprovalItem), "/v1/approvals?status=pending&limit=200", email);
    }
    await fits(page(WorkflowItem), `/v1/workflows?country=${country}&limit=200`, email);
    await fits(page(StoredEvent), `/v1/events?country=${country}&limit=200`, email);
    await fits(page(AssignmentItem), "/v1/assignments?limit=200", email);
    const task = await fits(WorkflowDetail, `/v1/workflows/${id}`, email);
    await fits(History, `/v1/workflows/${id}/history`, email);
    if (approvalReader) for (const a of task.approvals) await fits(ApprovalItem, `/v1/approvals/${a.id}`, email);
    for (const t of [task.title, ...task.assignments.map((a) => a.task), ...task.approvals.flatMap((a) => a.plan.assignments.map((p) => p.task))]) {
      expect(wellFormed(t), "a generated text was cut inside a surrogate pair").toBe(true);
    }
  }
}

/** Decides a pending step with a comment at its limit; the decision's own answer fits its schema. */
async function approve(email: string, workflowId: string, step = 1) {
  const pending = await pendingApproval(email, workflowId, { step });
  const r = await decide(email, pending.id, "approve", text(4000));
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  expect(ApprovalItem.safeParse(r.body).error).toBeUndefined();
}

/** A plan's parts at the limit: as many as allowed, each task at its maximum length, shared among `orgs`. */
const parts = (orgs: string[], dueOn: string) =>
  Array.from({ length: LIMITS.proposedAssignments }, (_, i) => ({ org: orgs[i % orgs.length] as string, task: text(LIMITS.assignmentTask), dueOn }));

describe("responses at every input limit", () => {
  it("trade restriction: the most products, each at the longest description, and a decision at its limits", async () => {
    const ref = longRef("LIM-TR");
    const workflowId = workflowIdFor("trade-restriction", "US", ref);
    const detected = cloudEvent(TRADE_RESTRICTION_DETECTED, "EMB-US", {
      country: "US",
      caseRef: ref,
      measure: "countervailing",
      products: Array.from({ length: LIMITS.products }, () => ({ hsCode: "7208.51.00", description: text(LIMITS.productDescription) })),
      authority: text(LIMITS.name),
      summary: text(LIMITS.summary),
      commentDeadline: inDays(30),
    });
    await publish("staff.us@teamkorea.dev", { ...detected, id: `${ref}${"i".repeat(64)}`, subject: text(200) });
    await pendingApproval("head.us@teamkorea.dev", workflowId);
    await publish(
      "kotra.us@teamkorea.dev",
      cloudEvent(TRADE_RESTRICTION_DECIDED, "KOTRA-US", {
        country: "US",
        caseRef: ref,
        outcome: "duty_imposed",
        dutyRatePercent: 1000,
        summary: text(4000),
      }),
    );
    // Before the approval only the mission and HQ see the task; the assignees once it is approved.
    await readBack(workflowId, "US", ["head.us@teamkorea.dev", "hq@teamkorea.dev"]);
    await approve("head.us@teamkorea.dev", workflowId);
    const running = await taskIn(workflowId, "in_progress");
    expect(running.title.length).toBeLessThanOrEqual(LIMITS.taskTitle);
    expect(running.assignments.find((a: { key: string }) => a.key.startsWith("impact-")).task).toMatch(
      / and \d+ more and identify the affected Korean companies\.$/,
    );
    await readBack(workflowId, "US", ["head.us@teamkorea.dev", "hq@teamkorea.dev", "kotra.us@teamkorea.dev", "motie@teamkorea.dev"]);
  });

  it("youth job: the longest employer and title, the most positions", async () => {
    const ref = longRef("LIM-YJ");
    const workflowId = workflowIdFor("youth-job", "VN", ref);
    await publish(
      "hrdk.vn@teamkorea.dev",
      cloudEvent(JOB_OPENING_POSTED, "HRDK-VN", {
        country: "VN",
        openingRef: ref,
        employer: text(LIMITS.name),
        title: text(LIMITS.name),
        positions: 100,
        channel: "hrdkorea",
        closesOn: inDays(40),
      }),
    );
    await pendingApproval("head.vn@teamkorea.dev", workflowId);
    await readBack(workflowId, "VN", ["head.vn@teamkorea.dev", "hq@teamkorea.dev", "hrdk.vn@teamkorea.dev"]);
    await approve("head.vn@teamkorea.dev", workflowId);
    await taskIn(workflowId, "in_progress");
    await readBack(workflowId, "VN", ["head.vn@teamkorea.dev", "hq@teamkorea.dev", "hrdk.vn@teamkorea.dev"]);
  });

  it("anniversary: the most components, each at its longest, and the largest budget (head, then HQ)", async () => {
    const ref = longRef("LIM-AN");
    const workflowId = workflowIdFor("anniversary", "SE", ref);
    await publish(
      "staff.se@teamkorea.dev",
      cloudEvent(ANNIVERSARY_PROPOSED, "EMB-SE", {
        country: "SE",
        eventRef: ref,
        title: text(LIMITS.name),
        occasion: text(500),
        date: inDays(40),
        budgetKrw: 1e15,
        components: parts(["KCC-SE", "KTO-SE", "EMB-SE"], inDays(30)),
      }),
    );
    await pendingApproval("head.se@teamkorea.dev", workflowId);
    await readBack(workflowId, "SE", ["head.se@teamkorea.dev", "hq@teamkorea.dev", "kcc.se@teamkorea.dev"]);
    await approve("head.se@teamkorea.dev", workflowId);
    await approve("hq@teamkorea.dev", workflowId, 2);
    await taskIn(workflowId, "in_progress");
    await readBack(workflowId, "SE", ["head.se@teamkorea.dev", "hq@teamkorea.dev", "kto.se@teamkorea.dev"]);
  });

  it("mission plan: the most assignments, each at its longest, every organisation informed that may be", async () => {
    const ref = longRef("LIM-MP");
    const workflowId = workflowIdFor("mission-plan", "CN", ref);
    const r = await call("POST", "/v1/plans", {
      token: await login("staff.cn@teamkorea.dev"),
      body: {
        country: "CN",
        planRef: ref,
        title: text(LIMITS.name),
        summary: text(LIMITS.summary),
        budgetKrw: 1e15,
        assignments: parts(["KCC-CN", "KTO-CN", "EMB-CN"], inDays(30)),
        informed: ["MOTIE", "MOEL", "MCST", "MPVA"],
      },
    });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(202);
    await pendingApproval("head.cn@teamkorea.dev", workflowId);
    await readBack(workflowId, "CN", ["head.cn@teamkorea.dev", "hq@teamkorea.dev", "mpva@teamkorea.dev"]);
    await approve("head.cn@teamkorea.dev", workflowId);
    await approve("hq@teamkorea.dev", workflowId, 2);
    await taskIn(workflowId, "in_progress");
    await readBack(workflowId, "CN", ["head.cn@teamkorea.dev", "hq@teamkorea.dev", "kcc.cn@teamkorea.dev"]);
  });
});
