/**
 * The directory's people as its pages read them (GET /v1/directory/people): as listPeople, but
 * narrowed to those posted today at any of a set of organisations — a head of mission's team.
 */
import type { PersonSummary, PostingItem, Role } from "@hub/contracts";
import { empty, type Queryable, sql } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

type PostingRow = { org: string; role: Role; from: string; until: string | null; current: boolean };
type PersonRow = { id: string; email: string; name: string; name_ko: string | null; active: boolean; current: PostingRow | null };

const CURRENT = sql`(SELECT json_build_object('org', p.org_code, 'role', p.role, 'from', p.valid_from::text, 'until', p.valid_until::text, 'current', true)
  FROM postings p WHERE p.person_id = u.id AND p.valid_from <= hub_today() AND (p.valid_until IS NULL OR p.valid_until >= hub_today()))`;

const toPosting = (p: PostingRow): PostingItem => ({ org: p.org, role: p.role, from: p.from, until: p.until, current: p.current });

/** `%`, `_` and `\` stand for themselves in a search. */
const likeArg = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** People by e-mail; `orgs`: only those posted today at one of them (null: everyone); `q`: a part of the e-mail or a name. */
export async function listPeopleAt(db: Queryable, f: { q?: string; orgs: string[] | null; limit: number; cursor?: string }) {
  const after = decodeCursor(f.cursor, ["email"]);
  const rows = await db.query<PersonRow>(sql`
    SELECT u.id, u.email, u.name, u.name_ko, u.active, ${CURRENT} AS current FROM users u
    WHERE TRUE
    ${f.orgs ? sql`AND EXISTS (SELECT 1 FROM people_now n WHERE n.id = u.id AND n.org_code = ANY(${f.orgs}::text[]))` : empty}
    ${f.q ? sql`AND (u.email ILIKE ${likeArg(f.q)} OR u.name ILIKE ${likeArg(f.q)} OR u.name_ko ILIKE ${likeArg(f.q)})` : empty}
    ${after ? sql`AND u.email > ${after[0]}` : empty}
    ORDER BY u.email LIMIT ${f.limit + 1}`);
  const items: PersonSummary[] = rows.slice(0, f.limit).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    nameKo: u.name_ko,
    active: u.active,
    current: u.current && toPosting(u.current),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > f.limit && last ? encodeCursor([last.email]) : null };
}
