/** Activity implementations: thin adapters from workflow requests to @hub/db services. */

import type { Db } from "@hub/db";
import * as store from "@hub/db";
import type { TradeRestrictionActivities } from "@hub/wf-trade-restriction";

export function createActivities({ db }: { db: Db }): TradeRestrictionActivities {
  return {
    async openTask(i) {
      await store.openTask(
        db,
        { workflowId: i.workflowId, kind: "trade-restriction", country: i.country, caseRef: i.caseRef, title: i.title, at: new Date(i.at) },
        { ...i.event, actor: i.publishedBy },
      );
    },
    async resolveTeam({ country }) {
      const team = await store.countryTeam(db, country);
      return team.mission ? { mission: team.mission, agencies: team.agencies } : null;
    },
    async requestApproval(i) {
      await store.requestApproval(db, { ...i, at: new Date(i.at), decideBy: new Date(i.decideBy) });
    },
    async escalateApproval(i) {
      await store.escalateApproval(db, { ...i, at: new Date(i.at) });
    },
    async recordDecision(i) {
      await store.recordDecision(db, { ...i, at: new Date(i.at) });
    },
    async createAssignments(i) {
      await store.createAssignments(db, { ...i, at: new Date(i.at) });
    },
    async recordAssignmentAction(i) {
      await store.recordAssignmentAction(db, { ...i, at: new Date(i.at) });
    },
    async addTimelineEntry(i) {
      await store.addTimelineEntry(db, { ...i, at: new Date(i.at) });
    },
    async closeTask(i) {
      await store.closeTask(db, { ...i, at: new Date(i.at) });
    },
  };
}
