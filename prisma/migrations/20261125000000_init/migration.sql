-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('MISSION', 'AGENCY', 'MINISTRY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('MISSION_HEAD', 'MISSION_STAFF', 'AGENCY_STAFF', 'HQ_REVIEWER', 'ADMIN');

-- CreateTable
CREATE TABLE "organizations" (
    "code" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "name_ko" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "country" CHAR(2),
    "network" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "org_code" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "seq" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT,
    "time" TIMESTAMP(3) NOT NULL,
    "country" CHAR(2),
    "data" JSONB NOT NULL,
    "submitted_by" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox" (
    "consumer" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_pkey" PRIMARY KEY ("consumer","message_id")
);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" TEXT NOT NULL,
    "key" TEXT,
    "payload" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayed_at" TIMESTAMP(3),

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "joint_tasks" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "case_ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),
    "closing_report" JSONB,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "joint_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approvals" (
    "id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "mission_code" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "requested_at" TIMESTAMP(3) NOT NULL,
    "decide_by" TIMESTAMP(3) NOT NULL,
    "escalated_at" TIMESTAMP(3),
    "decided_at" TIMESTAMP(3),
    "decided_by_email" TEXT,
    "decided_by_org" TEXT,
    "decision" TEXT,
    "comment" TEXT,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "org_code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "report" TEXT,
    "decline_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timeline" (
    "id" BIGSERIAL NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor_email" TEXT,
    "actor_org" TEXT,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL,

    CONSTRAINT "timeline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_email" TEXT NOT NULL,
    "actor_org" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "organizations_country_idx" ON "organizations"("country");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "events_country_seq_idx" ON "events"("country", "seq");

-- CreateIndex
CREATE INDEX "events_type_seq_idx" ON "events"("type", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "events_source_event_id_key" ON "events"("source", "event_id");

-- CreateIndex
CREATE INDEX "outbox_published_at_id_idx" ON "outbox"("published_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_topic_partition_offset_key" ON "dead_letters"("topic", "partition", "offset");

-- CreateIndex
CREATE INDEX "joint_tasks_country_started_at_idx" ON "joint_tasks"("country", "started_at");

-- CreateIndex
CREATE INDEX "approvals_mission_code_status_idx" ON "approvals"("mission_code", "status");

-- CreateIndex
CREATE UNIQUE INDEX "approvals_workflow_id_round_key" ON "approvals"("workflow_id", "round");

-- CreateIndex
CREATE INDEX "assignments_org_code_status_idx" ON "assignments"("org_code", "status");

-- CreateIndex
CREATE UNIQUE INDEX "assignments_workflow_id_key_key" ON "assignments"("workflow_id", "key");

-- CreateIndex
CREATE INDEX "timeline_workflow_id_at_idx" ON "timeline"("workflow_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "timeline_workflow_id_dedupe_key_key" ON "timeline"("workflow_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_dedupe_key_key" ON "audit_log"("dedupe_key");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_org_code_fkey" FOREIGN KEY ("org_code") REFERENCES "organizations"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "joint_tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "joint_tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline" ADD CONSTRAINT "timeline_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "joint_tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The audit log is append-only: history that can be edited is no history.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
