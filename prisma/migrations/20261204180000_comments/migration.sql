-- A task's discussion (issue 20 §2). A comment belongs to a task and is seen by exactly those who
-- may see the task (visibility.ts). Its author is kept as they were when they wrote it (e-mail and
-- organisation at the time), since people move between organisations. An edit replaces the
-- text in `comments` and keeps the earlier one in `comment_revisions`; a deletion only marks the
-- row (a tombstone), so HQ can still read what was written.
CREATE TABLE "comments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workflow_id" TEXT NOT NULL,
    "author_id" UUID NOT NULL,
    "author_email" TEXT NOT NULL,
    "author_org" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    -- The e-mails of the people the current text mentions (each checked to see the task).
    "mentions" TEXT[] NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMP(3),
    "deleted_at" TIMESTAMP(3),
    "deleted_by" TEXT,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- The discussion's one query: a task's comments, oldest first.
CREATE INDEX "comments_workflow_id_created_at_id_idx" ON "comments"("workflow_id", "created_at", "id");

ALTER TABLE "comments" ADD CONSTRAINT "comments_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "joint_tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every earlier text of a comment: the text an edit replaced, with when it had been written.
CREATE TABLE "comment_revisions" (
    "id" BIGSERIAL NOT NULL,
    "comment_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "mentions" TEXT[] NOT NULL DEFAULT '{}',
    "written_at" TIMESTAMP(3) NOT NULL,
    "replaced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_revisions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "comment_revisions_comment_id_id_idx" ON "comment_revisions"("comment_id", "id");

ALTER TABLE "comment_revisions" ADD CONSTRAINT "comment_revisions_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The earlier texts are history: history that can be edited is no history.
CREATE FUNCTION comment_revisions_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'comment_revisions is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER comment_revisions_append_only
  BEFORE UPDATE OR DELETE ON "comment_revisions"
  FOR EACH STATEMENT EXECUTE FUNCTION comment_revisions_are_append_only();

-- A comment that mentions someone tells them (timeline `comment.added`, or `comment.edited`
-- naming those an edit newly mentions). Comments that mention nobody make no fact at all.
DROP TRIGGER "timeline_notice_fact" ON "timeline";
CREATE TRIGGER timeline_notice_fact AFTER INSERT ON "timeline" FOR EACH ROW
  WHEN (NEW.action IN ('approval.requested', 'approval.escalated', 'approval.handed_over', 'approval.overdue', 'assignment.created',
                       'assignment.reminder', 'assignment.overdue', 'assignment.assigned', 'assignment.released',
                       'task.cancelled', 'task.completed', 'task.rejected')
        OR (NEW.action IN ('comment.added', 'comment.edited') AND jsonb_array_length(coalesce(NEW.detail->'mentioned', '[]'::jsonb)) > 0))
  EXECUTE FUNCTION notice_fact_from_timeline();
