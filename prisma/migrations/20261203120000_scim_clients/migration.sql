-- SCIM 2.0 provisioning (issue 19 §4, docs/scim.md): the provisioning clients an administrator
-- creates, each with its own bearer token, and what SCIM says of a person beyond the directory
-- file (the client's externalId, the name's parts, whether the person was deleted through SCIM).
-- The person's e-mail, names, activity and postings stay the directory's own: SCIM writes them
-- through editDirectory, planned, checked and audited as an admin's edit.

-- ── provisioning clients ──────────────────────────────────────────────────────────────────────
CREATE TABLE "scim_clients" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  -- Audited as the actor `scim:<name>`, so one name is one client for the audit's whole history.
  "name" TEXT NOT NULL,
  -- SHA-256 (hex) of the token; the token itself is shown once, when the client is created.
  "token_hash" TEXT NOT NULL,
  -- The administrator's e-mail as written when they created it (histories keep what was).
  "created_by" TEXT NOT NULL,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- Revoked clients are kept, so the audit's `scim:<name>` still names who they were.
  "revoked_at" TIMESTAMP(3),
  CONSTRAINT "scim_clients_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "scim_clients_name_key" UNIQUE ("name"),
  CONSTRAINT "scim_clients_token_hash_key" UNIQUE ("token_hash")
);

-- ── what SCIM keeps of a person beside the directory ──────────────────────────────────────────
CREATE TABLE "scim_people" (
  "person_id" UUID NOT NULL REFERENCES "users" ("id") ON UPDATE CASCADE ON DELETE CASCADE,
  -- RFC 7643 §3.1: the provisioning client's own identifier for the person.
  "external_id" TEXT,
  -- name.formatted, name.givenName and name.familyName as the client sent them, and the
  -- directory name (displayName) they were sent with: when the directory's name changes
  -- elsewhere, they no longer describe it and are not answered.
  "formatted" TEXT,
  "given_name" TEXT,
  "family_name" TEXT,
  "name_written" TEXT,
  -- A SCIM DELETE: the person is deactivated and their posting ended (history kept), and SCIM
  -- answers 404 for them from then on.
  "deleted_at" TIMESTAMP(3),
  "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "scim_people_pkey" PRIMARY KEY ("person_id")
);
CREATE INDEX "scim_people_external_id_idx" ON "scim_people" ("external_id");

-- ── meta.lastModified ─────────────────────────────────────────────────────────────────────────
-- A person's last change is the directory audit's newest row about them: their own row (keyed by
-- e-mail) or one of their postings (keyed e-mail/org/role/from; only the e-mail may hold a slash).
CREATE FUNCTION directory_audit_person(entity TEXT, entity_key TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE entity WHEN 'person' THEN entity_key WHEN 'posting' THEN regexp_replace(entity_key, '/[^/]*/[^/]*/[^/]*$', '') END
$$;
CREATE INDEX "directory_audit_person_idx" ON "directory_audit" (directory_audit_person("entity", "entity_key"), "at")
  WHERE "entity" IN ('person', 'posting');
