/**
 * Who may attach a file to what: the plan's mission to a version of its plan, the assignment's
 * organisation (its holder or a lead, once claimed) to the assignment's report. A target the task
 * does not have is a 400 on `querystring.attach`; the caller has already been shown the task.
 */
import type { FileTarget, Principal } from "@hub/contracts";
import { planVersions, type Queryable, type VisibleTask } from "@hub/db";
import { assertMayActOnAssignment, assertMayReviseFor } from "../access";
import { assertHolderOrLead } from "../assignment-holder";
import { badRequest, conflict } from "../errors";
import { missionOf } from "../routes/workflows";

/** Reports of assignments that ended without one take no files. */
const NO_REPORT = new Set(["declined", "withdrawn"]);

const noSuchTarget = (message: string) =>
  badRequest(`The file cannot be attached: querystring.attach ${message}`, [{ path: "querystring.attach", message }]);

export async function assertMayAttach(db: Queryable, p: Principal, t: VisibleTask, target: FileTarget): Promise<void> {
  if (target.kind === "plan") {
    const mission = missionOf(t);
    if (!mission || !planVersions(t).some((v) => v.round === target.round)) {
      throw noSuchTarget(`names plan version ${target.round}, which this task does not have`);
    }
    assertMayReviseFor(p, mission, "attach files to this plan");
    return;
  }
  const a = t.assignments.find((x) => x.id === target.assignmentId);
  if (!a) throw noSuchTarget(`names assignment ${target.assignmentId}, which is not one of this task's`);
  assertMayActOnAssignment(p, a);
  await assertHolderOrLead(db, p, a);
  if (NO_REPORT.has(a.status)) throw conflict(`This assignment was ${a.status}: it has no report to attach files to`);
}
