/**
 * Activity implementations: each one hands the workflow's record to its @hub/db writer, and
 * fails for good (not for ever) on data the database can never take.
 */

import type { Db } from "@hub/db";
import * as store from "@hub/db";
import type { JointTaskActivities } from "@hub/joint-task";
import { withPermanentFailures } from "./permanent-failures";

export function createActivities({ db }: { db: Db }): JointTaskActivities {
  return withPermanentFailures<JointTaskActivities>({
    openTask: (i) => store.openTask(db, i),
    async resolveTeam({ country, lead }) {
      const { mission, missions, agencies, participants, hq, duties } = await store.countryTeam(db, country, lead);
      if (!mission) return null;
      return { mission, missions, agencies, participants, duties, ...(hq ? { hq } : {}) };
    },
    requestApproval: (i) => store.requestApproval(db, i),
    escalateApproval: (i) => store.escalateApproval(db, i),
    recordDecision: (i) => store.recordDecision(db, i),
    createAssignments: (i) => store.createAssignments(db, i),
    recordAssignmentAction: (i) => store.recordAssignmentAction(db, i),
    recordClaim: (i) => store.recordClaim(db, i),
    addTimelineEntry: (i) => store.addTimelineEntry(db, i),
    closeTask: (i) => store.closeTask(db, i),
    cancelTask: (i) => store.cancelTask(db, i),
    flagTask: (i) => store.flagTask(db, i),
  });
}
