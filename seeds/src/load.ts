import { bulkValues, type Db, sql } from "@hub/db";
import { DUTIES, ORGS, USERS } from "./data";

/** Idempotent: upserts by code, e-mail and duty, so it runs at every start; duties no longer seeded are removed. */
export async function loadSeeds(db: Db): Promise<{ orgs: number; users: number; duties: number }> {
  await db.tx(async (q) => {
    await q.run(sql`
      INSERT INTO organizations (code, kind, name_ko, name_en, country, network, leads_team)
      VALUES ${bulkValues(ORGS.map((o) => [o.code, sql`${o.kind}::"OrgKind"`, o.nameKo, o.nameEn, o.country, o.network, o.leadsTeam ?? false]))}
      ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name_ko = excluded.name_ko, name_en = excluded.name_en,
        country = excluded.country, network = excluded.network, leads_team = excluded.leads_team`);
    await q.run(sql`
      INSERT INTO users (id, email, name, role, org_code)
      VALUES ${bulkValues(USERS.map((u) => [sql`gen_random_uuid()`, u.email, u.name, sql`${u.role}::"Role"`, u.org]))}
      ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role, org_code = excluded.org_code`);
    await q.run(
      sql`DELETE FROM duties WHERE (duty, holder) NOT IN (SELECT * FROM unnest(${DUTIES.map((d) => d.duty)}::text[], ${DUTIES.map((d) => d.holder)}::text[]))`,
    );
    await q.run(sql`
      INSERT INTO duties (duty, holder, holder_kind, rank)
      VALUES ${bulkValues(DUTIES.map((d) => [d.duty, d.holder, d.holderKind, d.rank]))}
      ON CONFLICT (duty, holder) DO UPDATE SET holder_kind = excluded.holder_kind, rank = excluded.rank`);
  });
  return { orgs: ORGS.length, users: USERS.length, duties: DUTIES.length };
}
