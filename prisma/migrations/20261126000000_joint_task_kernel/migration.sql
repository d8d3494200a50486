
-- DropIndex
DROP INDEX "joint_tasks_country_started_at_idx";

-- DropIndex
DROP INDEX "approvals_mission_code_status_idx";

-- DropIndex
DROP INDEX "approvals_workflow_id_round_key";

-- DropIndex
DROP INDEX "assignments_org_code_status_idx";

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "leads_team" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "joint_tasks" ADD COLUMN     "cancel_reason" TEXT,
ADD COLUMN     "informed" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "mission_code" TEXT,
-- Words of the title, for GET /v1/workflows?q=: PostgreSQL's "simple" parser keeps Hangul and
-- Latin words alike (no stemming, no stop words), which is what a bilingual title search needs.
ADD COLUMN     "search" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce("title", ''))) STORED;

-- AlterTable
ALTER TABLE "approvals" ADD COLUMN     "decided_on_behalf_of" TEXT,
ADD COLUMN     "decider" TEXT,
ADD COLUMN     "step" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "submitted_by_email" TEXT,
ADD COLUMN     "submitted_by_org" TEXT;

-- Approvals before chains had one step, decided by the mission.
UPDATE "approvals" SET "decider" = "mission_code" WHERE "decider" IS NULL;
ALTER TABLE "approvals" ALTER COLUMN "decider" SET NOT NULL;

-- AlterTable
ALTER TABLE "assignments" ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "outcomes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "withdrawn_reason" TEXT;

-- AlterTable
ALTER TABLE "timeline" ADD COLUMN     "actor_on_behalf_of" TEXT;

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "actor_on_behalf_of" TEXT;

-- CreateTable
CREATE TABLE "duties" (
    "duty" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "holder_kind" TEXT NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "duties_pkey" PRIMARY KEY ("duty","holder")
);

-- CreateTable
CREATE TABLE "task_orgs" (
    "workflow_id" TEXT NOT NULL,
    "org_code" TEXT NOT NULL,
    "relation" TEXT NOT NULL,

    CONSTRAINT "task_orgs_pkey" PRIMARY KEY ("workflow_id","org_code","relation")
);

-- CreateTable
CREATE TABLE "delegations" (
    "id" UUID NOT NULL,
    "mission_code" TEXT NOT NULL,
    "granted_by_id" UUID NOT NULL,
    "granted_by_email" TEXT NOT NULL,
    "delegate_id" UUID NOT NULL,
    "delegate_email" TEXT NOT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_until" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),
    "revoked_by_email" TEXT,

    CONSTRAINT "delegations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "task_orgs_org_code_workflow_id_idx" ON "task_orgs"("org_code", "workflow_id");

-- CreateIndex
CREATE INDEX "delegations_delegate_id_valid_from_idx" ON "delegations"("delegate_id", "valid_from");

-- CreateIndex
CREATE INDEX "delegations_mission_code_created_at_idx" ON "delegations"("mission_code", "created_at");

-- CreateIndex
CREATE INDEX "joint_tasks_country_started_at_id_idx" ON "joint_tasks"("country", "started_at", "id");

-- CreateIndex
CREATE INDEX "joint_tasks_started_at_id_idx" ON "joint_tasks"("started_at", "id");

-- CreateIndex
CREATE INDEX "joint_tasks_kind_started_at_id_idx" ON "joint_tasks"("kind", "started_at", "id");

-- CreateIndex
CREATE INDEX "joint_tasks_status_started_at_id_idx" ON "joint_tasks"("status", "started_at", "id");

-- CreateIndex
CREATE INDEX "approvals_mission_code_status_requested_at_idx" ON "approvals"("mission_code", "status", "requested_at");

-- CreateIndex
CREATE INDEX "approvals_decider_status_requested_at_idx" ON "approvals"("decider", "status", "requested_at");

-- CreateIndex
CREATE INDEX "approvals_status_requested_at_idx" ON "approvals"("status", "requested_at");

-- CreateIndex
CREATE UNIQUE INDEX "approvals_workflow_id_round_step_key" ON "approvals"("workflow_id", "round", "step");

-- CreateIndex
CREATE INDEX "assignments_org_code_status_created_at_idx" ON "assignments"("org_code", "status", "created_at");

-- CreateIndex
CREATE INDEX "assignments_status_created_at_idx" ON "assignments"("status", "created_at");

-- AddForeignKey
ALTER TABLE "task_orgs" ADD CONSTRAINT "task_orgs_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "joint_tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Search by title words.
CREATE INDEX "joint_tasks_search_idx" ON "joint_tasks" USING GIN ("search");

-- Tasks opened before this migration: their mission and the organisations involved.
UPDATE "joint_tasks" t SET "mission_code" = a."mission_code"
  FROM (SELECT DISTINCT ON ("workflow_id") "workflow_id", "mission_code" FROM "approvals" ORDER BY "workflow_id", "round") a
  WHERE a."workflow_id" = t."id" AND t."mission_code" IS NULL;
INSERT INTO "task_orgs" ("workflow_id", "org_code", "relation")
  SELECT DISTINCT "workflow_id", "mission_code", 'lead' FROM "approvals"
  UNION SELECT DISTINCT "workflow_id", "org_code", 'assignee' FROM "assignments"
  ON CONFLICT DO NOTHING;
