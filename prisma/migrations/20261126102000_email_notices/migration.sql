-- E-mail notices (issue 11). Notices come from the same durable facts as the timeline: a trigger
-- records each notice-worthy timeline row as a fact in the very transaction that writes it (the
-- timeline's own dedupe key means a retried activity adds no second fact). The relay's notice
-- loop expands facts into notices per recipient, then sends them; nothing of this runs inside a
-- workflow or an API request.
CREATE TABLE "notice_facts" (
    "timeline_id" BIGINT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expanded_at" TIMESTAMP(3),

    CONSTRAINT "notice_facts_pkey" PRIMARY KEY ("timeline_id")
);

-- The expander's one query: facts not yet expanded, oldest first.
CREATE INDEX "notice_facts_open_idx" ON "notice_facts"("timeline_id") WHERE "expanded_at" IS NULL;

CREATE FUNCTION notice_fact_from_timeline() RETURNS trigger AS $$
BEGIN
  INSERT INTO notice_facts (timeline_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- The actions someone is told about; everything else in the timeline (progress notes, plan
-- drafts, problems) stays in the history only.
CREATE TRIGGER timeline_notice_fact AFTER INSERT ON "timeline" FOR EACH ROW
  WHEN (NEW.action IN ('approval.requested', 'approval.escalated', 'approval.overdue', 'assignment.created',
                       'assignment.reminder', 'assignment.overdue', 'task.cancelled', 'task.completed', 'task.rejected'))
  EXECUTE FUNCTION notice_fact_from_timeline();

-- One notice per recipient and fact (the dedupe key): sent at least once, never twice by design.
-- `due_at` is when it may go (quiet hours and digests move it); `leased_until` guards a send in
-- flight without holding a transaction open while the mail server answers.
CREATE TABLE "notices" (
    "id" BIGSERIAL NOT NULL,
    "recipient_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "timeline_id" BIGINT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "due_at" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leased_until" TIMESTAMP(3),
    "last_error" TEXT,
    "message_id" TEXT,
    "sent_at" TIMESTAMP(3),
    "parked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notices_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notices_status_check" CHECK ("status" IN ('pending', 'sent', 'parked'))
);

CREATE UNIQUE INDEX "notices_recipient_id_timeline_id_key" ON "notices"("recipient_id", "timeline_id");
-- The sender's query: pending notices that are due.
CREATE INDEX "notices_due_idx" ON "notices"("due_at") WHERE "status" = 'pending';
-- The admins' listing of parked notices.
CREATE INDEX "notices_parked_idx" ON "notices"("parked_at") WHERE "status" = 'parked';
CREATE INDEX "notices_workflow_id_idx" ON "notices"("workflow_id");

ALTER TABLE "notices" ADD CONSTRAINT "notices_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each person's choices (GET/PUT /v1/me/notifications); no row means the defaults.
CREATE TABLE "notification_prefs" (
    "user_id" UUID NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ko',
    "delivery" TEXT NOT NULL DEFAULT 'instant',
    "time_zone" TEXT NOT NULL,
    "quiet_from" TEXT,
    "quiet_until" TEXT,
    "urgent_bypass" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_prefs_pkey" PRIMARY KEY ("user_id"),
    CONSTRAINT "notification_prefs_language_check" CHECK ("language" IN ('ko', 'en')),
    CONSTRAINT "notification_prefs_delivery_check" CHECK ("delivery" IN ('instant', 'digest'))
);

ALTER TABLE "notification_prefs" ADD CONSTRAINT "notification_prefs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
