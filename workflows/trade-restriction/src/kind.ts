/**
 * Trade-restriction monitoring and response (수입규제 대응): a host authority's measure on Korean
 * products → the plan of the template, approved by the head → closes when the case is decided
 * and every assignment is done.
 */
import type { EventRef, TradeRestrictionDecided, TradeRestrictionDetected } from "@hub/contracts";
import { headOnly, type KindModule, reportsOf } from "@hub/joint-task";
import { draftTradeRestrictionPlan, TEMPLATE, taskTitle, taskTitleKo } from "./plan";

interface TradeState {
  decided: EventRef<TradeRestrictionDecided> | null;
}

export const tradeRestriction: KindModule<TradeRestrictionDetected, TradeState> = {
  kind: "trade-restriction",
  template: TEMPLATE,
  ref: (d) => d.caseRef,
  title: taskTitle,
  titleKo: taskTitleKo,
  initialState: () => ({ decided: null }),
  draftPlan: (d, { today, team }) => draftTradeRestrictionPlan(d, today, team),
  approvalChain: headOnly,
  deliver: {
    // A decision may arrive at any time, even before the plan is approved; the first one counts.
    refuse: (task) => (task.state.decided ? "this case was already decided; the first decision stands" : null),
    async apply(task, e) {
      task.state.decided = e as EventRef<TradeRestrictionDecided>;
      await task.note({
        dedupeKey: `event:${e.source}:${e.id}`,
        action: "case.decided",
        detail: { type: e.type, source: e.source, id: e.id, data: e.data },
      });
    },
  },
  isDone: (task) => task.state.decided !== null,
  closingReport: (task) => {
    const decided = (task.state.decided as EventRef<TradeRestrictionDecided>).data;
    return {
      kind: "trade-restriction",
      outcome: decided.outcome,
      dutyRatePercent: decided.dutyRatePercent,
      summary: decided.summary,
      reports: reportsOf(task.assignments),
    };
  },
};
