-- A read-model write that failed for good is recorded on its task, for HQ and operators to see.
ALTER TABLE "joint_tasks" ADD COLUMN "problem" TEXT;
