/**
 * Youth overseas job placement (청년 해외진출 지원): an opening → matching and interviews,
 * approved by the head → each confirmed placement adds two follow-ups → closes when every
 * position is filled (or the opening has closed) and every assignment is done.
 */
import type { JobOpeningPosted, JobPlacementConfirmed } from "@hub/contracts";
import { dueDateIssue, headOnly, type KindModule, reportsOf } from "@hub/joint-task";
import { draftYouthJobPlan, followUpsOf, isFollowUpOf, MATCHING_KEY, openingTitle, openingTitleKo, TEMPLATE } from "./plan";

interface Placement {
  candidateRef: string;
  startsOn: string;
}

interface YouthJobState {
  placements: Placement[];
  /** The opening's closing day has passed on the task clock. */
  closed: boolean;
}

export const youthJob: KindModule<JobOpeningPosted, YouthJobState> = {
  kind: "youth-job",
  template: TEMPLATE,
  ref: (d) => d.openingRef,
  title: openingTitle,
  titleKo: openingTitleKo,
  initialState: () => ({ placements: [], closed: false }),
  checkStart: (d, ctx) => {
    const late = dueDateIssue(d.closesOn, ctx.today);
    return late ? [{ path: "data.closesOn", message: late }] : [];
  },
  draftPlan: (d, { today, team }) => draftYouthJobPlan(d, today, team),
  approvalChain: headOnly,
  deliver: {
    refuse(task, e) {
      const p = e.data as JobPlacementConfirmed;
      if (task.status !== "in_progress")
        return `opening ${task.data.openingRef} is ${task.status.replace("_", " ")}, not yet approved: replay this confirmation once the head has approved it`;
      if (task.state.placements.some((x) => x.candidateRef === p.candidateRef))
        return `candidate ${p.candidateRef} is already placed in opening ${task.data.openingRef}`;
      if (task.state.placements.length >= task.data.positions)
        return `all ${task.data.positions} position(s) of opening ${task.data.openingRef} are already filled`;
      return null;
    },
    async apply(task, e) {
      const p = e.data as JobPlacementConfirmed;
      task.state.placements.push({ candidateRef: p.candidateRef, startsOn: p.startsOn });
      const matcher = task.plan?.assignments.find((a) => a.key === MATCHING_KEY)?.org ?? task.team?.mission ?? e.source;
      const actor = e.publishedBy ?? { email: `event ${e.id}`, org: e.source };
      await task.note({
        dedupeKey: `event:${e.source}:${e.id}`,
        action: "placement.confirmed",
        actor: e.publishedBy ?? null,
        detail: { type: e.type, source: e.source, id: e.id, data: e.data, filled: task.state.placements.length, positions: task.data.positions },
      });
      await task.addAssignments(followUpsOf(p, task.data.employer, matcher), actor);
    },
  },
  onFanOut(task) {
    void (async () => {
      await task.sleepUntil(task.data.closesOn, "end");
      task.state.closed = true;
    })();
  },
  isDone: (task) => task.state.placements.length >= task.data.positions || task.state.closed,
  closingReport(task) {
    const followUps = (candidateRef: string) =>
      task.assignments
        .filter((a) => isFollowUpOf(a.key, candidateRef))
        .map((a) => ({ dueOn: a.dueOn, status: a.status, outcome: (a.outcome as "retained" | "left" | "unknown" | null) ?? null, report: a.text }));
    return {
      kind: "youth-job",
      employer: task.data.employer,
      title: task.data.title,
      positions: task.data.positions,
      closedUnfilled: task.state.placements.length < task.data.positions,
      placements: task.state.placements.map((p) => ({ ...p, followUps: followUps(p.candidateRef) })),
      reports: reportsOf(task.assignments),
    };
  },
};
