/**
 * Claims in skipped time, on the worker's real workflow bundle (./time-skipping.ts): the kernel's
 * `assignmentClaim` Update on a running trade-restriction task. A claim is recorded through
 * `recordClaim` with the holder and a sequence for its dedupe key; a second person's claim and
 * their action on the claimed assignment are refused (Conflict naming the holder, Forbidden);
 * the lead reassigns; the hub releases it when the holder left (actor null, with the reason); and
 * the assignment's timers carry on regardless: days later its overdue note is written as before.
 * The same rules are unit-tested in workflows/kernel/src/task-state.test.ts, and run through the
 * whole hub in test/src/claims.test.ts.
 */
import type { ClaimInput } from "@hub/contracts";
import { claimUpdate } from "@hub/joint-task";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { as, DAY, dayAfter, recordHistoryIfAsked, startTimeSkippingHub, type TimeSkippingHub } from "./time-skipping";

const HEAD_US = as("head.us@teamkorea.dev");
const KOTRA_US = as("kotra.us@teamkorea.dev");
const KOTRA2_US = as("kotra2.us@teamkorea.dev");

let hub: TimeSkippingHub;

beforeAll(async () => {
  hub = await startTimeSkippingHub();
}, 5 * 60_000);
afterAll(() => hub?.teardown());
afterEach(() => hub.endTasks());

describe("claims on a running task", () => {
  it("claim, refusals, reassignment and the hub's release are recorded in order; the overdue note still comes", async () => {
    const t0 = await hub.skipToNext(9);
    const steel = {
      country: "US",
      caseRef: "CLAIMS-1",
      measure: "anti_dumping",
      products: [{ hsCode: "7208.51", description: "Hot-rolled steel plate" }],
      authority: "US Department of Commerce",
      summary: "Anti-dumping investigation into hot-rolled steel plate from Korea.",
      commentDeadline: dayAfter(t0, 14),
    };
    const task = await hub.start("trade-restriction", steel);
    await task.next("requestApproval");
    await task.decide("approve", HEAD_US);
    const fanOut = await task.next("createAssignments");
    const impact = fanOut.items.find((i) => i.org === "KOTRA-US");
    if (!impact) throw new Error("no KOTRA-US assignment");
    const send = (i: Omit<ClaimInput, "assignmentId">) => task.handle.executeUpdate(claimUpdate, { args: [{ assignmentId: impact.id, ...i }] });

    await send({ action: "claim", actor: KOTRA_US, to: { email: KOTRA_US.email, name: "Kim" } });
    await expect(send({ action: "claim", actor: KOTRA2_US, to: { email: KOTRA2_US.email } })).rejects.toMatchObject({
      cause: { type: "Conflict", message: expect.stringContaining(`held by Kim (${KOTRA_US.email})`) },
    });
    await expect(task.act(impact.key, "ack", KOTRA2_US)).rejects.toMatchObject({ cause: { type: "Forbidden" } });
    await expect(send({ action: "claim", actor: HEAD_US })).rejects.toMatchObject({ cause: { type: "Forbidden" } });
    await task.act(impact.key, "ack", KOTRA_US);
    await send({ action: "assign", actor: KOTRA2_US, asLead: true, to: { email: KOTRA2_US.email, name: "Lee" } });
    await send({ action: "release", actor: null, reason: "Lee left KOTRA-US" });

    const claims = task.calls("recordClaim");
    expect(claims.map((c) => [c.seq, c.action, c.previous?.email ?? null, c.holder?.email ?? null, c.actor?.email ?? null])).toEqual([
      [1, "claim", null, KOTRA_US.email, KOTRA_US.email],
      [2, "assign", KOTRA_US.email, KOTRA2_US.email, KOTRA2_US.email],
      [3, "release", KOTRA2_US.email, null, null],
    ]);
    expect(claims[2]?.reason).toBe("Lee left KOTRA-US");
    expect((await task.snapshot()).assignments.find((a) => a.id === impact.id)).toMatchObject({ status: "acknowledged", holder: null });

    // Its due day (day 7) ends; the claims changed nothing of its timers.
    await hub.skipTo(Date.parse(`${impact.dueOn}T00:00:00Z`) + DAY + 60_000);
    const overdue = await task.next("addTimelineEntry", (e) => e.action === "assignment.overdue" && e.dedupeKey.includes(impact.id));
    expect(overdue.detail).toMatchObject({ org: "KOTRA-US", status: "acknowledged" });
    await recordHistoryIfAsked(task, "trade-restriction", "claimed-assigned-released");
  }, 120_000);
});
