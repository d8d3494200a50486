/**
 * Read-model writes that cannot stall a task. An activity that fails for good on its data
 * (UNWRITABLE_DATA, thrown by the worker instead of retrying for ever) is recorded on the task
 * through flagTask, and the task carries on from the workflow's own state, which stays the
 * source of truth. Any other failure is rethrown as before.
 */
import { ActivityFailure, ApplicationFailure } from "@temporalio/workflow";
import type { JointTaskActivities } from "./activities";
import { UNWRITABLE_DATA } from "./definitions";

type Write = Exclude<keyof JointTaskActivities, "resolveTeam" | "flagTask">;
const WRITES: Write[] = [
  "openTask",
  "requestApproval",
  "escalateApproval",
  "recordDecision",
  "createAssignments",
  "recordAssignmentAction",
  "recordClaim",
  "addTimelineEntry",
  "closeTask",
  "cancelTask",
];

export function isUnwritable(err: unknown): boolean {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === UNWRITABLE_DATA;
}

/** The same activities, each write guarded; `flag` records the problem (a retried activity). */
export function guardWrites(
  acts: JointTaskActivities,
  flag: JointTaskActivities["flagTask"],
  workflowId: string,
  now: () => string,
): JointTaskActivities {
  // The SDK's activity stubs are a Proxy: nothing to spread, so the reads are passed on by name.
  const guarded = { resolveTeam: (i) => acts.resolveTeam(i), flagTask: (i) => acts.flagTask(i) } as JointTaskActivities;
  for (const name of WRITES) {
    const write = acts[name] as (i: unknown) => Promise<void>;
    (guarded as Record<Write, (i: unknown) => Promise<void>>)[name] = async (input) => {
      try {
        await write(input);
      } catch (err) {
        if (!isUnwritable(err)) throw err;
        const reason = (err as ActivityFailure).cause?.message ?? "the database refused the data";
        await flag({ workflowId, activity: name, reason, at: now() });
      }
    };
  }
  return guarded;
}
