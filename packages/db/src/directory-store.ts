/**
 * The directory's file form in and out of Postgres: the snapshot an export gives and an import
 * plans against, and the import itself — planned and applied inside one transaction, under a lock
 * that keeps two imports from planning against the same snapshot, with one audit row per change.
 */
import { randomUUID } from "node:crypto";
import {
  DIRECTORY_FORMAT,
  type DirectoryChange,
  type DirectoryDutyEntry,
  DirectoryFile,
  type DirectoryOrgEntry,
  type DirectoryPerson,
  type DirectoryPosting,
} from "@hub/contracts";
import { type Db, jsonb, type Queryable, sql } from "./client";
import { type DirectoryIssue, type ImportOptions, planImport, summarise } from "./directory-plan";

/** The directory as the file would say it, every row in the file's order and form. */
export async function readDirectory(q: Queryable): Promise<DirectoryFile> {
  // One after another: inside an import these run on the transaction's one connection.
  const orgs = await q.query<Omit<DirectoryOrgEntry, "country"> & { country: string | null }>(sql`
    SELECT code, kind::text AS kind, mission_kind::text AS "missionKind", name_ko AS "nameKo", name_en AS "nameEn", country, network,
           time_zone AS "timeZone", leads_team AS "leadsTeam", team_lead AS "teamLead", closed,
           acting_head AS "actingHead"
    FROM organizations ORDER BY code`);
  const duties = await q.query<DirectoryDutyEntry>(
    sql`SELECT duty, holder, holder_kind AS "holderKind", rank FROM duties ORDER BY duty, rank, holder`,
  );
  const people = await q.query<Omit<DirectoryPerson, "postings"> & { id: string }>(
    sql`SELECT id, email, name, name_ko AS "nameKo", active FROM users ORDER BY email`,
  );
  const postings = await q.query<DirectoryPosting & { personId: string }>(sql`
    SELECT person_id AS "personId", org_code AS org, role::text AS role, valid_from::text AS "from", valid_until::text AS until, lead
    FROM postings ORDER BY person_id, valid_from`);
  const byPerson = new Map<string, DirectoryPosting[]>();
  for (const { personId, lead, ...rest } of postings) {
    // Written only when true, as a file says it: a file without the flag compares equal.
    const posting = lead ? { ...rest, lead } : rest;
    byPerson.set(personId, [...(byPerson.get(personId) ?? []), posting]);
  }
  // Through the file's own schema, so a snapshot and a parsed file compare field by field.
  return DirectoryFile.parse({
    format: DIRECTORY_FORMAT,
    organizations: orgs.map((o) => ({ ...o, country: o.country?.trim() ?? null })),
    duties,
    people: people.map(({ id, ...p }) => ({ ...p, postings: byPerson.get(id) ?? [] })),
  });
}

export interface DirectoryActor {
  /** An admin's e-mail, `cli:<user>` or `seeds`. */
  actor: string;
  /** The admin's organisation now; null for the command line and the seeds. */
  actorOrg: string | null;
}

export type ImportOutcome =
  | { ok: true; dryRun: boolean; batch: string | null; summary: ReturnType<typeof summarise>; changes: DirectoryChange[] }
  | { ok: false; issues: DirectoryIssue[] };

/** Imports run one at a time: each plans against what the one before it left. */
const IMPORT_LOCK = 0x4449_5231; // "DIR1"

/**
 * Plans the file against the directory and, unless a dry run, applies exactly that plan in the
 * same transaction, so what a dry run shows is what an import of the same snapshot does.
 */
export async function importDirectory(
  db: Db,
  file: DirectoryFile,
  opts: Omit<ImportOptions, "today"> & { dryRun: boolean; by: DirectoryActor; today?: string },
): Promise<ImportOutcome> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const run = async (q: Queryable): Promise<ImportOutcome> => {
    await q.run(sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`);
    const plan = planImport(file, await readDirectory(q), { today, closeMissing: opts.closeMissing });
    if (!plan.ok) return plan;
    const batch = opts.dryRun || plan.changes.length === 0 ? null : randomUUID();
    if (batch) await applyChanges(q, plan.changes, batch, opts.by);
    return { ok: true, dryRun: opts.dryRun, batch, summary: summarise(plan.changes), changes: plan.changes };
  };
  return db.tx(run);
}

/**
 * One edit of the directory (an admin page, a SCIM request): `edit` gets the directory as it is,
 * read inside the import lock, and returns it as it should be; the change is then planned,
 * checked and audited exactly as an import of that file would be. Edits and imports therefore
 * share one set of rules, and an edit never undoes a change that landed while it was prepared.
 * `edit` may refuse by throwing; nothing is written then.
 */
export async function editDirectory(
  db: Db,
  edit: (current: DirectoryFile, today: string) => DirectoryFile,
  opts: { dryRun?: boolean; by: DirectoryActor; today?: string },
): Promise<ImportOutcome> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  return db.tx(async (q) => {
    await q.run(sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`);
    const current = await readDirectory(q);
    const plan = planImport(edit(structuredClone(current), today), current, { today, closeMissing: true });
    if (!plan.ok) return plan;
    const dryRun = opts.dryRun ?? false;
    const batch = dryRun || plan.changes.length === 0 ? null : randomUUID();
    if (batch) await applyChanges(q, plan.changes, batch, opts.by);
    return { ok: true, dryRun, batch, summary: summarise(plan.changes), changes: plan.changes };
  });
}

async function applyChanges(q: Queryable, changes: DirectoryChange[], batch: string, by: DirectoryActor): Promise<void> {
  for (const c of changes) {
    await APPLY[c.entity](q, c);
    await q.run(sql`
      INSERT INTO directory_audit (actor, actor_org, batch, action, entity, entity_key, before, after)
      VALUES (${by.actor}, ${by.actorOrg}, ${batch}::uuid, ${c.action}, ${c.entity}, ${c.key}, ${jsonb(c.before)}::jsonb, ${jsonb(c.after)}::jsonb)`);
  }
}

const personId = (email: string) => sql`(SELECT id FROM users WHERE email = ${email})`;

/** How each kind of change is written; the plan already decided what changes. */
const APPLY: Record<DirectoryChange["entity"], (q: Queryable, c: DirectoryChange) => Promise<unknown>> = {
  async organization(q, c) {
    const o = c.after as DirectoryOrgEntry;
    await q.run(sql`
      INSERT INTO organizations (code, kind, mission_kind, name_ko, name_en, country, network, time_zone, leads_team, team_lead, closed, acting_head)
      VALUES (${o.code}, ${o.kind}::"OrgKind", ${o.missionKind}::"MissionKind", ${o.nameKo}, ${o.nameEn}, ${o.country}, ${o.network},
              ${o.timeZone}, ${o.leadsTeam}, ${o.teamLead}, ${o.closed}, ${o.actingHead})
      ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, mission_kind = excluded.mission_kind, name_ko = excluded.name_ko,
        name_en = excluded.name_en, country = excluded.country, network = excluded.network, time_zone = excluded.time_zone,
        leads_team = excluded.leads_team, team_lead = excluded.team_lead, closed = excluded.closed,
        acting_head = excluded.acting_head`);
  },
  async duty(q, c) {
    const d = (c.after ?? c.before) as DirectoryDutyEntry;
    if (c.action === "remove") return q.run(sql`DELETE FROM duties WHERE duty = ${d.duty} AND holder = ${d.holder}`);
    return q.run(sql`
      INSERT INTO duties (duty, holder, holder_kind, rank) VALUES (${d.duty}, ${d.holder}, ${d.holderKind}, ${d.rank})
      ON CONFLICT (duty, holder) DO UPDATE SET holder_kind = excluded.holder_kind, rank = excluded.rank`);
  },
  async person(q, c) {
    const p = c.after as Omit<DirectoryPerson, "postings">;
    await q.run(sql`
      INSERT INTO users (id, email, name, name_ko, active) VALUES (gen_random_uuid(), ${p.email}, ${p.name}, ${p.nameKo}, ${p.active})
      ON CONFLICT (email) DO UPDATE SET name = excluded.name, name_ko = excluded.name_ko, active = excluded.active`);
  },
  async posting(q, c) {
    // The key is e-mail/org/role/from; only the e-mail could hold a slash.
    const email = c.key.split("/").slice(0, -3).join("/");
    const p = (c.after ?? c.before) as DirectoryPosting;
    const which = sql`person_id = ${personId(email)} AND org_code = ${p.org} AND role = ${p.role}::"Role" AND valid_from = ${p.from}::date`;
    if (c.action === "add") {
      return q.run(sql`
        INSERT INTO postings (person_id, org_code, role, valid_from, valid_until, lead)
        VALUES (${personId(email)}, ${p.org}, ${p.role}::"Role", ${p.from}::date, ${p.until}::date, ${p.lead ?? false})`);
    }
    if (c.action === "remove") return q.run(sql`DELETE FROM postings WHERE ${which}`);
    return q.run(sql`UPDATE postings SET valid_until = ${p.until}::date, lead = ${p.lead ?? false} WHERE ${which}`);
  },
};
