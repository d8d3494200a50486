-- The relay reads only unpublished rows: a partial index holds just those, so marking a row
-- published adds no index entry and the index stays as small as the backlog.
DROP INDEX "outbox_published_at_id_idx";
CREATE INDEX "outbox_unpublished_idx" ON "outbox" ("id") WHERE "published_at" IS NULL;

-- An accepted event's outbox row points at the event instead of holding a second copy of it:
-- half the bytes written per event. Rows that are not events (a dead letter replayed) keep a payload.
ALTER TABLE "outbox" ADD COLUMN "event_seq" BIGINT;
ALTER TABLE "outbox" ALTER COLUMN "payload" DROP NOT NULL;
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_event_or_payload" CHECK ("event_seq" IS NOT NULL OR "payload" IS NOT NULL);

-- An organisation's assignments newest first (GET /v1/assignments without a status), and
-- every assignment newest first for a mission's country view and for HQ.
CREATE INDEX "assignments_org_code_created_at_id_idx" ON "assignments" ("org_code", "created_at", "id");
CREATE INDEX "assignments_created_at_id_idx" ON "assignments" ("created_at", "id");
