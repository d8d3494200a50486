/**
 * What SCIM reads and writes in Postgres besides the directory edit itself: the users relation
 * filters run on (one row per person, the posting current today, meta.lastModified from the
 * directory's audit), what SCIM keeps beside the directory (scim_people), and the provisioning
 * clients.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db, Queryable, Sql } from "@hub/db";
import { sql } from "@hub/db";

export interface UserRow {
  id: string;
  user_name: string;
  display_name: string;
  name_ko: string | null;
  formatted: string | null;
  given_name: string | null;
  family_name: string | null;
  external_id: string | null;
  active: boolean;
  created: Date;
  last_modified: Date;
  org_code: string | null;
  role: string | null;
}

/**
 * Every person SCIM answers for: all of the directory's people except those deleted through SCIM
 * and still inactive (an administrator who reactivates one makes them a User again).
 * The name's parts are answered only while the directory's name is still the one they came with.
 */
const USERS = sql`(
  SELECT u.id::text AS id, u.email AS user_name, u.name AS display_name, u.name_ko, u.active, u.created_at AS created,
    s.external_id,
    CASE WHEN s.name_written = u.name THEN s.formatted END AS formatted,
    CASE WHEN s.name_written = u.name THEN s.given_name END AS given_name,
    CASE WHEN s.name_written = u.name THEN s.family_name END AS family_name,
    p.org_code, p.role::text AS role,
    greatest(u.created_at, s.updated_at, (SELECT max(a.at) FROM directory_audit a
      WHERE a.entity IN ('person', 'posting') AND directory_audit_person(a.entity, a.entity_key) = u.email)) AS last_modified
  FROM users u
  LEFT JOIN scim_people s ON s.person_id = u.id
  LEFT JOIN postings p ON p.person_id = u.id AND p.valid_from <= hub_today() AND (p.valid_until IS NULL OR p.valid_until >= hub_today())
  WHERE s.deleted_at IS NULL OR u.active
) b`;

/*
 * Filtered lists run unprepared (the pool's plain query): every filter shape is its own query
 * text, and preparing each (client.ts does for the hub's fixed set of queries) would keep one
 * statement per shape alive on every connection for as long as the connection lives.
 */
async function unprepared<T>(db: Db, q: Sql): Promise<T[]> {
  return (await db.pool.query({ text: q.text, values: q.values })).rows as T[];
}

export async function listUsers(db: Db, f: { where: Sql | null; order: Sql; offset: number; limit: number }) {
  const where = f.where ? sql`WHERE ${f.where}` : sql``;
  const [count] = await unprepared<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${USERS} ${where}`);
  const rows =
    f.limit === 0 ? [] : await unprepared<UserRow>(db, sql`SELECT b.* FROM ${USERS} ${where} ${f.order} OFFSET ${f.offset} LIMIT ${f.limit}`);
  return { total: count?.n ?? 0, rows };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getUser(db: Queryable, id: string): Promise<UserRow | null> {
  if (!UUID.test(id)) return null;
  return db.one<UserRow>(sql`SELECT b.* FROM ${USERS} WHERE b.id = ${id.toLowerCase()}`);
}

/** A person of the directory by e-mail, with whether SCIM deleted them (for the 409's sentence). */
export async function personByEmail(db: Queryable, email: string) {
  return db.one<{ id: string; deleted: boolean }>(sql`
    SELECT u.id::text AS id, s.deleted_at IS NOT NULL AND NOT u.active AS deleted FROM users u LEFT JOIN scim_people s ON s.person_id = u.id
    WHERE u.email = ${email}`);
}

export interface ScimExtras {
  externalId: string | null;
  formatted: string | null;
  givenName: string | null;
  familyName: string | null;
  /** The directory name the parts above describe. */
  nameWritten: string;
}

export async function saveExtras(db: Queryable, personId: string, x: ScimExtras): Promise<void> {
  await db.run(sql`
    INSERT INTO scim_people (person_id, external_id, formatted, given_name, family_name, name_written, updated_at)
    VALUES (${personId}::uuid, ${x.externalId}, ${x.formatted}, ${x.givenName}, ${x.familyName}, ${x.nameWritten}, CURRENT_TIMESTAMP)
    ON CONFLICT (person_id) DO UPDATE SET external_id = excluded.external_id, formatted = excluded.formatted,
      given_name = excluded.given_name, family_name = excluded.family_name, name_written = excluded.name_written, updated_at = excluded.updated_at`);
}

export async function markDeleted(db: Queryable, personId: string): Promise<void> {
  await db.run(sql`
    INSERT INTO scim_people (person_id, deleted_at) VALUES (${personId}::uuid, CURRENT_TIMESTAMP)
    ON CONFLICT (person_id) DO UPDATE SET deleted_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP`);
}

// ── provisioning clients ──────────────────────────────────────────────────────────────────────

export interface ScimClientRow {
  id: string;
  name: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const CLIENT = sql`id::text AS id, name, created_by AS "createdBy", created_at AS "createdAt", revoked_at AS "revokedAt"`;

export const tokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A new client and its token (32 random bytes); only the token's hash is stored. Null: the name is taken. */
export async function createClient(db: Queryable, name: string, createdBy: string): Promise<{ client: ScimClientRow; token: string } | null> {
  const token = `scim_${randomBytes(32).toString("base64url")}`;
  const client = await db.one<ScimClientRow>(sql`
    INSERT INTO scim_clients (name, token_hash, created_by) VALUES (${name}, ${tokenHash(token)}, ${createdBy})
    ON CONFLICT (name) DO NOTHING RETURNING ${CLIENT}`);
  return client && { client, token };
}

export const listClients = (db: Queryable) => db.query<ScimClientRow>(sql`SELECT ${CLIENT} FROM scim_clients ORDER BY created_at DESC, id`);

/** Revokes once; revoking again keeps the first time. Null: no such client. */
export async function revokeClient(db: Queryable, id: string): Promise<ScimClientRow | null> {
  if (!UUID.test(id)) return null;
  return db.one<ScimClientRow>(sql`
    UPDATE scim_clients SET revoked_at = coalesce(revoked_at, CURRENT_TIMESTAMP) WHERE id = ${id}::uuid RETURNING ${CLIENT}`);
}

/** The client a token belongs to, unless revoked. */
export async function clientOfToken(db: Queryable, token: string): Promise<{ id: string; name: string } | null> {
  return db.one<{ id: string; name: string }>(
    sql`SELECT id::text AS id, name FROM scim_clients WHERE token_hash = ${tokenHash(token)} AND revoked_at IS NULL`,
  );
}
