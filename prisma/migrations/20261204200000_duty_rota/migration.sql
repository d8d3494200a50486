-- A mission's duty rota (당직, issue 21 §2): who is on duty from when to when, with a backup.
-- Instants (timestamptz); the API takes and shows them in the mission's local wall time.
-- A removed shift keeps its row (removed_at), so the rota's past stays readable; every add and
-- removal is also written to the append-only audit_log (entity 'rota_shift').
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE "rota_shifts" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "mission_code" TEXT NOT NULL,
  "starts_at" TIMESTAMPTZ(3) NOT NULL,
  "ends_at" TIMESTAMPTZ(3) NOT NULL,
  "officer_email" TEXT NOT NULL,
  "backup_email" TEXT,
  "created_by_email" TEXT NOT NULL,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "removed_at" TIMESTAMP(3),
  "removed_by_email" TEXT,
  CONSTRAINT "rota_shifts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "rota_shifts_mission_fkey" FOREIGN KEY ("mission_code") REFERENCES "organizations"("code") ON UPDATE CASCADE ON DELETE RESTRICT,
  CONSTRAINT "rota_shifts_order" CHECK ("starts_at" < "ends_at"),
  CONSTRAINT "rota_shifts_length" CHECK ("ends_at" - "starts_at" <= INTERVAL '14 days'),
  CONSTRAINT "rota_shifts_backup" CHECK ("backup_email" IS NULL OR "backup_email" <> "officer_email"),
  CONSTRAINT "rota_shifts_removed" CHECK (("removed_at" IS NULL) = ("removed_by_email" IS NULL)),
  -- Shifts of one mission never share an instant; touching ([a, b) then [b, c)) is fine.
  CONSTRAINT "rota_shifts_no_overlap" EXCLUDE USING gist ("mission_code" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
    WHERE ("removed_at" IS NULL)
);

CREATE INDEX "rota_shifts_mission_starts_idx" ON "rota_shifts" ("mission_code", "starts_at") WHERE "removed_at" IS NULL;
