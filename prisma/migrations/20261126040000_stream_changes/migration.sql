-- The live stream's feed (GET /v1/stream): one row per change to the read model, written by the
-- same transaction as the change itself (packages/db/src/task-writes.ts), so the feed cannot
-- disagree with the tables. A client resumes with the last `seq` it saw (Last-Event-ID).
--
-- `seq` alone cannot be read as "everything after N": sequence values are taken when a row is
-- inserted, not when its transaction commits, so a reader could pass over a row that commits
-- just after a higher one. Each row therefore also records its transaction id (`xid`), and the
-- stream reads in (xid, seq) order only rows of transactions older than every transaction still
-- running (xid < the snapshot's xmin): those can no longer change, so nothing is ever skipped,
-- and writers take no lock and send no NOTIFY (which serialises commits).
CREATE TABLE "changes" (
    "seq" BIGSERIAL NOT NULL,
    "xid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint,
    "workflow_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entity_id" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "changes_pkey" PRIMARY KEY ("seq")
);

-- The poller's one indexed query, (xid, seq) > position.
CREATE INDEX "changes_xid_seq_idx" ON "changes"("xid", "seq");
-- Pruning what is older than the replay window.
CREATE INDEX "changes_at_idx" ON "changes"("at");

-- Single-use tickets to open the stream (EventSource cannot send an Authorization header, and a
-- token in a URL ends up in logs): only a hash is kept, valid for a minute.
CREATE TABLE "stream_tickets" (
    "hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),

    CONSTRAINT "stream_tickets_pkey" PRIMARY KEY ("hash")
);

CREATE INDEX "stream_tickets_expires_at_idx" ON "stream_tickets"("expires_at");

ALTER TABLE "stream_tickets" ADD CONSTRAINT "stream_tickets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
