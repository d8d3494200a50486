-- The directory people manage (issue 19, first slice): organisations gain their mission kind, a
-- time zone, open/closed and a team lead; a person (the `users` row, whose id the stream tickets,
-- subscriptions and notices already point at) holds postings, and access follows the posting
-- current today; every directory change is kept in an append-only audit.

-- ── organisations ─────────────────────────────────────────────────────────────────────────────
CREATE TYPE "MissionKind" AS ENUM ('EMBASSY', 'CONSULATE_GENERAL', 'PERMANENT_MISSION', 'BRANCH_OFFICE');

ALTER TABLE "organizations"
  ADD COLUMN "mission_kind" "MissionKind",
  ADD COLUMN "time_zone" TEXT,
  ADD COLUMN "closed" BOOLEAN NOT NULL DEFAULT false,
  -- The mission leading this agency office's team (a consulate general for its jurisdiction);
  -- null: its country's leading mission. Data only until the teams slice reads it. Deferred so
  -- an import may name a mission it adds in the same transaction.
  ADD COLUMN "team_lead" TEXT REFERENCES "organizations" ("code") ON UPDATE CASCADE ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED;

-- The seeded missions: MSN-* are permanent missions, the others embassies.
UPDATE "organizations" SET "mission_kind" = CASE WHEN "code" LIKE 'MSN-%' THEN 'PERMANENT_MISSION' ELSE 'EMBASSY' END::"MissionKind"
  WHERE "kind" = 'MISSION';
-- The time zones @hub/contracts held for the seeded countries; Seoul for the rest (ministries at home).
UPDATE "organizations" SET "time_zone" = CASE "country"
  WHEN 'US' THEN 'America/New_York' WHEN 'JP' THEN 'Asia/Tokyo' WHEN 'CN' THEN 'Asia/Shanghai'
  WHEN 'VN' THEN 'Asia/Ho_Chi_Minh' WHEN 'SE' THEN 'Europe/Stockholm' WHEN 'HU' THEN 'Europe/Budapest'
  WHEN 'ID' THEN 'Asia/Jakarta' ELSE 'Asia/Seoul' END;
ALTER TABLE "organizations" ALTER COLUMN "time_zone" SET NOT NULL;

ALTER TABLE "organizations"
  ADD CONSTRAINT "organizations_mission_kind_check" CHECK (("kind" = 'MISSION') = ("mission_kind" IS NOT NULL)),
  ADD CONSTRAINT "organizations_team_lead_check" CHECK ("team_lead" IS NULL OR "kind" = 'AGENCY');

-- ── people and postings ───────────────────────────────────────────────────────────────────────
-- "Today" is a UTC day, as for delegations.
CREATE FUNCTION hub_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'UTC')::date $$;

-- The exclusion constraint compares person ids with = inside a GiST index.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE "postings" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "person_id" UUID NOT NULL REFERENCES "users" ("id") ON UPDATE CASCADE ON DELETE CASCADE,
  "org_code" TEXT NOT NULL REFERENCES "organizations" ("code") ON UPDATE CASCADE ON DELETE RESTRICT,
  "role" "Role" NOT NULL,
  -- Both UTC days, inclusive; no end: open.
  "valid_from" DATE NOT NULL,
  "valid_until" DATE,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "postings_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "postings_range_check" CHECK ("valid_until" IS NULL OR "valid_until" >= "valid_from"),
  -- At most one posting on any day, so at most one is current: a move or a role change ends one
  -- and starts the next. Checked at commit, so an import may end one and start the next in any order.
  CONSTRAINT "postings_no_overlap" EXCLUDE USING gist ("person_id" WITH =, daterange("valid_from", "valid_until", '[]') WITH &&)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX "postings_person_id_valid_from_idx" ON "postings" ("person_id", "valid_from");
CREATE INDEX "postings_org_code_role_idx" ON "postings" ("org_code", "role");

-- Every existing account becomes a person with one open posting: its organisation and role.
INSERT INTO "postings" ("person_id", "org_code", "role", "valid_from")
  SELECT "id", "org_code", "role", DATE '2019-01-01' FROM "users";

ALTER TABLE "users"
  ADD COLUMN "name_ko" TEXT,
  ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true,
  DROP COLUMN "role",
  DROP COLUMN "org_code";

-- Who each active person is today: the posting current on today's UTC day. Everything that asks
-- for a person's role or organisation reads this, so a posting that ended yesterday grants nothing.
CREATE VIEW "people_now" AS
  SELECT u."id", u."email", u."name", p."role", p."org_code", p."id" AS "posting_id"
  FROM "users" u
  JOIN "postings" p ON p."person_id" = u."id" AND p."valid_from" <= hub_today() AND (p."valid_until" IS NULL OR p."valid_until" >= hub_today())
  WHERE u."active";

-- ── the directory's audit ─────────────────────────────────────────────────────────────────────
CREATE TABLE "directory_audit" (
  "id" BIGSERIAL NOT NULL,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- Who: an admin's e-mail, or the command line's `cli:<user>`, or `seeds`.
  "actor" TEXT NOT NULL,
  -- The admin's organisation at the time; null for the command line and the seeds.
  "actor_org" TEXT,
  -- One import (or edit) is one batch: its rows share this id.
  "batch" UUID NOT NULL,
  "action" TEXT NOT NULL,
  "entity" TEXT NOT NULL,
  "entity_key" TEXT NOT NULL,
  "before" JSONB,
  "after" JSONB,
  CONSTRAINT "directory_audit_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "directory_audit_action_check" CHECK ("action" IN ('add', 'change', 'close', 'remove')),
  CONSTRAINT "directory_audit_entity_check" CHECK ("entity" IN ('organization', 'person', 'posting', 'duty'))
);
CREATE INDEX "directory_audit_entity_key_idx" ON "directory_audit" ("entity", "entity_key", "id");

-- Append-only, like audit_log: a history that can be edited is no history.
CREATE FUNCTION directory_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'directory_audit is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER directory_audit_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "directory_audit"
  FOR EACH STATEMENT EXECUTE FUNCTION directory_audit_is_append_only();
