-- Event visibility follows task visibility: outside a mission's own country, an organisation
-- sees the events of the tasks it takes part in (and those it published). Each event names
-- the task it opens or is delivered to (workflowIdOfEvent in @hub/contracts), written with it.
ALTER TABLE "events" ADD COLUMN "workflow_id" TEXT;

-- Events logged before the column: the same rule as workflowIdOfEvent, `{kind}:{country}:{ref}`.
UPDATE "events" SET "workflow_id" = CASE "type"
    WHEN 'kr.teamkorea.trade.restriction.detected.v1' THEN 'trade-restriction:' || ("data"->>'country') || ':' || ("data"->>'caseRef')
    WHEN 'kr.teamkorea.trade.restriction.decided.v1' THEN 'trade-restriction:' || ("data"->>'country') || ':' || ("data"->>'caseRef')
    WHEN 'kr.teamkorea.jobs.opening.posted.v1' THEN 'youth-job:' || ("data"->>'country') || ':' || ("data"->>'openingRef')
    WHEN 'kr.teamkorea.jobs.placement.confirmed.v1' THEN 'youth-job:' || ("data"->>'country') || ':' || ("data"->>'openingRef')
    WHEN 'kr.teamkorea.anniversary.proposed.v1' THEN 'anniversary:' || ("data"->>'country') || ':' || ("data"->>'eventRef')
    WHEN 'kr.teamkorea.plan.submitted.v1' THEN 'mission-plan:' || ("data"->>'country') || ':' || ("data"->>'planRef')
  END;

-- Keyset pages of one task's events and of one publisher's, newest first.
CREATE INDEX "events_workflow_id_seq_idx" ON "events" ("workflow_id", "seq");
CREATE INDEX "events_source_seq_idx" ON "events" ("source", "seq");
