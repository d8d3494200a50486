/**
 * A head who leaves with approvals pending leaves nobody to decide them. Every API process looks
 * for such steps every few seconds (packages/db vacancies.ts: one query) and tells each task to
 * pass its step to the mission's named acting head, or to HQ; the task records why on its
 * timeline. A posting that ends on a date needs no edit to trigger this: the next sweep after
 * the day turns sees it. Several processes may sweep at once: the task takes a hand-over once and
 * refuses the others (409), which the sweep ignores.
 *
 * A second pass returns to the queue the claimed assignments whose holder is no longer posted at
 * the assignment's organisation (moved, left, deactivated): one query (packages/db claims.ts),
 * then a release by the hub itself (actor null) with the reason, which the task records on its
 * timeline. A release that lost the race to another process (or to the holder) is a 409, ignored.
 */
import type { HandOverInput } from "@hub/contracts";
import { claimDepartureReason, type Db, departedClaims, departureReason, headlessApprovals } from "@hub/db";
import { describe, type Log } from "@hub/runtime";
import type { Client } from "@hub/temporal";
import { HttpError } from "./errors";
import { sendClaim, sendHandOver } from "./workflow-commands";

export interface VacancySweep {
  /** Runs one sweep now (tests, and right after a directory edit); resolves with the steps passed on and the claims returned. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function startVacancySweep(opts: { db: Db; temporal: Client; log: Log; everyMs: number }): VacancySweep {
  const { db, temporal, log } = opts;
  let running: Promise<number> | null = null;

  async function once(): Promise<number> {
    let passed = 0;
    for (const a of await headlessApprovals(db)) {
      const input: HandOverInput = {
        approvalId: a.approvalId,
        to: a.actingHead ? { kind: "acting_head", email: a.actingHead } : { kind: "hq" },
        reason: departureReason(a),
      };
      try {
        await sendHandOver(temporal, a.workflowId, input);
        passed++;
        log(`${a.workflowId}: approval ${a.approvalId} passed to ${a.actingHead ?? "HQ"}: ${input.reason}`);
      } catch (err) {
        // 409: another process passed it first, or it was decided meanwhile.
        if (!(err instanceof HttpError && err.statusCode === 409))
          log(`${a.workflowId}: could not pass approval ${a.approvalId} on: ${describe(err)}`);
      }
    }
    for (const c of await departedClaims(db)) {
      const reason = claimDepartureReason(c);
      try {
        await sendClaim(temporal, c.workflowId, { assignmentId: c.assignmentId, action: "release", actor: null, reason });
        passed++;
        log(`${c.workflowId}: assignment ${c.assignmentId} back in the queue: ${reason}`);
      } catch (err) {
        // 409: released meanwhile (another process, the holder, a lead) or closed.
        if (!(err instanceof HttpError && err.statusCode === 409))
          log(`${c.workflowId}: could not return assignment ${c.assignmentId} to the queue: ${describe(err)}`);
      }
    }
    return passed;
  }

  const sweep = () => {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    sweep().catch((err) => log(`vacancy sweep failed: ${describe(err)}`));
  }, opts.everyMs);
  timer.unref();

  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
