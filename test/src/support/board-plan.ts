/**
 * A Hungarian mission plan for the board's tests, approved by the head: one assignment of the
 * mission already overdue (due yesterday, as the plan rules allow) and one of MCST due later.
 */
import { workflowIdFor } from "@hub/contracts";
import { expect } from "vitest";
import { call, decide, inDays, login, pendingApproval, taskIn } from "./hub";

export interface BoardPlan {
  workflowId: string;
  title: string;
  overdueTask: string;
  laterTask: string;
  /** EMB-HU's assignment, due yesterday. */
  overdueId: string;
  /** MCST's assignment, due in 20 days. */
  laterId: string;
}

export async function approvedBoardPlan(ref: string): Promise<BoardPlan> {
  const title = `한·헝가리 수교 기념 리셉션 (board ${ref})`;
  const overdueTask = `Send the guest list to Budapest city hall (${ref})`;
  const laterTask = `Lend the exhibition panels (${ref})`;
  const workflowId = workflowIdFor("mission-plan", "HU", ref);
  const posted = await call("POST", "/v1/plans", {
    token: await login("staff.hu@teamkorea.dev"),
    body: {
      country: "HU",
      planRef: ref,
      title,
      summary: "Reception for the anniversary of diplomatic relations.",
      assignments: [
        { org: "EMB-HU", task: overdueTask, dueOn: inDays(-1) },
        { org: "MCST", task: laterTask, dueOn: inDays(20) },
      ],
    },
  });
  expect(posted.status, JSON.stringify(posted.body)).toBe(202);
  const approval = await pendingApproval("head.hu@teamkorea.dev", workflowId);
  expect((await decide("head.hu@teamkorea.dev", approval.id, "approve")).status).toBe(200);
  const task = await taskIn(workflowId, "in_progress");
  const idOf = (org: string) => task.assignments.find((a: { org: string }) => a.org === org).id as string;
  return { workflowId, title, overdueTask, laterTask, overdueId: idOf("EMB-HU"), laterId: idOf("MCST") };
}
