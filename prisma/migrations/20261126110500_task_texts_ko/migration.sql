-- The texts a kind's template writes exist in Korean too: the task's title and each assignment's
-- task beside the English in "title" and "description". Null where people wrote the text (it is
-- shown as written in both languages) and for tasks recorded before.
ALTER TABLE "joint_tasks" ADD COLUMN "title_ko" TEXT;
ALTER TABLE "assignments" ADD COLUMN "description_ko" TEXT;
