/**
 * The last guard between a kind's generated text and the read model: whatever a kind writes from
 * an event is cut to the limits the response schemas declare, so no event within its own limits
 * can yield a task the API cannot answer with. Kinds write texts that fit in the first place
 * (`listWithin`); this only makes it impossible by construction. A text that already fits is
 * returned unchanged, so recorded histories replay with the same values.
 */
import type { Plan, PlanAssignment } from "@hub/contracts";
import { clipText, LIMITS } from "@hub/contracts/core";

export const fitTitle = (title: string) => clipText(title, LIMITS.taskTitle);

const fits = (a: PlanAssignment) => a.task.length <= LIMITS.assignmentTask && (a.taskKo ?? "").length <= LIMITS.assignmentTask;

export const fitAssignment = <A extends PlanAssignment>(a: A): A =>
  fits(a)
    ? a
    : {
        ...a,
        task: clipText(a.task, LIMITS.assignmentTask),
        ...(a.taskKo !== undefined ? { taskKo: clipText(a.taskKo, LIMITS.assignmentTask) } : {}),
      };

export const fitPlan = (plan: Plan): Plan => (plan.assignments.every(fits) ? plan : { ...plan, assignments: plan.assignments.map(fitAssignment) });
