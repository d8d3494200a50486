-- Documents (issue 20 §3): files attached to a task's plan version or an assignment's report.
-- The bytes live in the object store under `object_key` (a random id, never the name); this row
-- says what they are and where they belong. A row is 'uploading' while its bytes stream to the
-- store and becomes 'stored' once the store has all of them: only stored rows are listed or served,
-- so a failed upload leaves nothing listed. The target is a small tagged union (plan | report);
-- comments will add a kind and a column.
CREATE TABLE "task_files" (
  "id" UUID NOT NULL,
  "workflow_id" TEXT NOT NULL,
  "target_kind" TEXT NOT NULL,
  "plan_round" INTEGER,
  "assignment_id" UUID,
  "name" TEXT NOT NULL,
  "content_type" TEXT NOT NULL,
  "size_bytes" BIGINT NOT NULL,
  "sha256" TEXT,
  "object_key" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'uploading',
  "uploaded_by_email" TEXT NOT NULL,
  "uploaded_by_org" TEXT NOT NULL,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "stored_at" TIMESTAMP(3),

  CONSTRAINT "task_files_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "task_files_status_check" CHECK ("status" IN ('uploading', 'stored')),
  CONSTRAINT "task_files_target_check" CHECK (
    ("target_kind" = 'plan' AND "plan_round" IS NOT NULL AND "assignment_id" IS NULL)
    OR ("target_kind" = 'report' AND "assignment_id" IS NOT NULL AND "plan_round" IS NULL)
  )
);

CREATE UNIQUE INDEX "task_files_object_key_key" ON "task_files"("object_key");
CREATE INDEX "task_files_workflow_id_status_created_at_idx" ON "task_files"("workflow_id", "status", "created_at");

ALTER TABLE "task_files" ADD CONSTRAINT "task_files_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "joint_tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "task_files" ADD CONSTRAINT "task_files_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
