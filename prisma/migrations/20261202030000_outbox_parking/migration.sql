-- A row the relay cannot publish for a reason of its own (a message the broker refuses, an
-- event it cannot rebuild) is parked with that reason, so the rows behind it go on (issue 17).
-- Admins list parked rows (GET /v1/outbox/parked) and release them for another try.
ALTER TABLE "outbox" ADD COLUMN "parked_at" TIMESTAMP(3);

DROP INDEX "outbox_unpublished_idx";
CREATE INDEX "outbox_unpublished_idx" ON "outbox" ("id") WHERE "published_at" IS NULL AND "parked_at" IS NULL;
CREATE INDEX "outbox_parked_idx" ON "outbox" ("parked_at" DESC, "id" DESC) WHERE "parked_at" IS NOT NULL;
