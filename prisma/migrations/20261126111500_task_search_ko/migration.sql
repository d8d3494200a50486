-- Search finds a task by the words of its title in either language: the Korean title a kind's
-- template writes (title_ko) joins the English in the generated search column and its index.
DROP INDEX IF EXISTS "joint_tasks_search_idx";
ALTER TABLE "joint_tasks" DROP COLUMN "search";
ALTER TABLE "joint_tasks"
ADD COLUMN "search" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce("title_ko", ''))) STORED;
CREATE INDEX "joint_tasks_search_idx" ON "joint_tasks" USING GIN ("search");
