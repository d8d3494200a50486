/** Activity implementations: each one hands the workflow's record to its @hub/db writer. */

import type { Db } from "@hub/db";
import * as store from "@hub/db";
import type { TradeRestrictionActivities } from "@hub/wf-trade-restriction";

export function createActivities({ db }: { db: Db }): TradeRestrictionActivities {
  return {
    openTask: (i) => store.openTask(db, i),
    async resolveTeam({ country }) {
      const team = await store.countryTeam(db, country);
      return team.mission ? { mission: team.mission, agencies: team.agencies } : null;
    },
    requestApproval: (i) => store.requestApproval(db, i),
    escalateApproval: (i) => store.escalateApproval(db, i),
    recordDecision: (i) => store.recordDecision(db, i),
    createAssignments: (i) => store.createAssignments(db, i),
    recordAssignmentAction: (i) => store.recordAssignmentAction(db, i),
    addTimelineEntry: (i) => store.addTimelineEntry(db, i),
    closeTask: (i) => store.closeTask(db, i),
  };
}
