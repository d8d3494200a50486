/**
 * The directory's people and its audit, as the admin routes read them: a person with the posting
 * current today (UTC) and, for one person, every posting; the audit newest first. Keyset cursors
 * (cursor.ts): people by e-mail, audit rows by id.
 */
import type { DirectoryAuditItem, PersonDetail, PersonSummary, PostingItem, Role } from "@hub/contracts";
import { empty, type Queryable, sql } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

type PersonRow = { id: string; email: string; name: string; name_ko: string | null; active: boolean; current: PostingRow | null };
type PostingRow = { org: string; role: Role; from: string; until: string | null; current: boolean };

const POSTING = sql`json_build_object('org', p.org_code, 'role', p.role, 'from', p.valid_from::text, 'until', p.valid_until::text,
  'current', p.valid_from <= hub_today() AND (p.valid_until IS NULL OR p.valid_until >= hub_today()))`;
/** The posting current today, whether or not the person is active (the list shows both). */
const CURRENT = sql`(SELECT ${POSTING} FROM postings p WHERE p.person_id = u.id AND p.valid_from <= hub_today()
  AND (p.valid_until IS NULL OR p.valid_until >= hub_today()))`;

const toPosting = (p: PostingRow): PostingItem => ({ org: p.org, role: p.role, from: p.from, until: p.until, current: p.current });
const toPerson = (u: PersonRow): PersonSummary => ({
  id: u.id,
  email: u.email,
  name: u.name,
  nameKo: u.name_ko,
  active: u.active,
  current: u.current && toPosting(u.current),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `%`, `_` and `\` stand for themselves in a search. */
const likeArg = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** People by e-mail; `org`: those posted there today; `q`: a part of the e-mail or a name. */
export const listPeople = (db: Queryable, f: { q?: string; org: string | null; limit: number; cursor?: string }) =>
  listPeopleAt(db, { ...f, orgs: f.org ? [f.org] : null });

/** As listPeople, for those posted today at any of `orgs` (a head of mission's team; null: everyone). */
export async function listPeopleAt(db: Queryable, f: { q?: string; orgs: string[] | null; limit: number; cursor?: string }) {
  const after = decodeCursor(f.cursor, ["email"]);
  const rows = await db.query<PersonRow>(sql`
    SELECT u.id, u.email, u.name, u.name_ko, u.active, ${CURRENT} AS current FROM users u
    WHERE TRUE
    ${f.orgs ? sql`AND EXISTS (SELECT 1 FROM people_now n WHERE n.id = u.id AND n.org_code = ANY(${f.orgs}::text[]))` : empty}
    ${f.q ? sql`AND (u.email ILIKE ${likeArg(f.q)} OR u.name ILIKE ${likeArg(f.q)} OR u.name_ko ILIKE ${likeArg(f.q)})` : empty}
    ${after ? sql`AND u.email > ${after[0]}` : empty}
    ORDER BY u.email LIMIT ${f.limit + 1}`);
  const items = rows.slice(0, f.limit).map(toPerson);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > f.limit && last ? encodeCursor([last.email]) : null };
}

export async function findPerson(db: Queryable, id: string): Promise<PersonDetail | null> {
  const u = await db.one<PersonRow & { postings: PostingRow[] }>(sql`
    SELECT u.id, u.email, u.name, u.name_ko, u.active, ${CURRENT} AS current,
      coalesce((SELECT json_agg(${POSTING} ORDER BY p.valid_from) FROM postings p WHERE p.person_id = u.id), '[]'::json) AS postings
    FROM users u WHERE u.id = ${id}::uuid`);
  return u && { ...toPerson(u), postings: u.postings.map(toPosting) };
}

type AuditRow = {
  id: string;
  at: Date;
  actor: string;
  actor_org: string | null;
  batch: string;
  action: DirectoryAuditItem["action"];
  entity: DirectoryAuditItem["entity"];
  entity_key: string;
  before: unknown;
  after: unknown;
};

/** The directory's audit, newest first. */
export async function listDirectoryAudit(db: Queryable, f: { limit: number; cursor?: string }) {
  const after = decodeCursor(f.cursor, ["seq"]);
  // Ordered by the column, not the text it is shown as (as text "99" sorts after "100").
  const rows = await db.query<AuditRow>(sql`
    SELECT id::text, at, actor, actor_org, batch::text, action, entity, entity_key, before, after FROM directory_audit
    ${after ? sql`WHERE id < ${after[0]}::bigint` : empty}
    ORDER BY directory_audit.id DESC LIMIT ${f.limit + 1}`);
  const items: DirectoryAuditItem[] = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    actorOrg: r.actor_org,
    batch: r.batch,
    action: r.action,
    entity: r.entity,
    key: r.entity_key,
    before: r.before,
    after: r.after,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > f.limit && last ? encodeCursor([last.id]) : null };
}

/**
 * Which of these callers (user, role, organisation) still hold that posting today and are active:
 * a live stream opened by one who left or moved since is closed (the next request of theirs is a
 * 401 or acts for the new posting; a stream must not outlive that).
 */
export async function stillPosted(db: Queryable, callers: { userId: string; role: Role; orgCode: string }[]): Promise<Set<string>> {
  const ids = [...new Set(callers.map((c) => c.userId))].filter((id) => UUID.test(id));
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ key: string }>(sql`
    SELECT id::text || ':' || role || ':' || org_code AS key FROM people_now WHERE id = ANY(${ids}::uuid[])`);
  return new Set(rows.map((r) => r.key));
}
