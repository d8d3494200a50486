-- Queues and claims: an assignment stays in its organisation's queue until a person claims it
-- (or the organisation's lead assigns it); the workflow decides, this read model follows it.
ALTER TABLE "assignments"
  ADD COLUMN "assignee_email" TEXT,
  ADD COLUMN "assignee_name" TEXT,
  ADD COLUMN "claimed_at" TIMESTAMP(3);

-- The lead of an organisation: a flag on a posting (a MISSION_HEAD is always their mission's lead).
ALTER TABLE "postings" ADD COLUMN "lead" BOOLEAN NOT NULL DEFAULT false;

-- people_now keeps its columns and their order; `lead` is added last.
CREATE OR REPLACE VIEW "people_now" AS
  SELECT u."id", u."email", u."name", p."role", p."org_code", p."id" AS "posting_id", p."lead"
  FROM "users" u
  JOIN "postings" p ON p."person_id" = u."id" AND p."valid_from" <= hub_today() AND (p."valid_until" IS NULL OR p."valid_until" >= hub_today())
  WHERE u."active";
