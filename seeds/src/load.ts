import type { Db } from "@hub/db";
import { DUTIES, ORGS, USERS } from "./data";

/** Idempotent: upserts by code, e-mail and duty, so it runs at every start; duties no longer seeded are removed. */
export async function loadSeeds(db: Db): Promise<{ orgs: number; users: number; duties: number }> {
  await db.$transaction(async (tx) => {
    for (const o of ORGS) {
      const { code, ...rest } = o;
      const row = { ...rest, leadsTeam: o.leadsTeam ?? false };
      await tx.organization.upsert({ where: { code }, create: { code, ...row }, update: row });
    }
    for (const u of USERS) {
      await tx.user.upsert({
        where: { email: u.email },
        create: { email: u.email, name: u.name, role: u.role, orgCode: u.org },
        update: { name: u.name, role: u.role, orgCode: u.org },
      });
    }
    await tx.duty.deleteMany({ where: { NOT: { OR: DUTIES.map((d) => ({ duty: d.duty, holder: d.holder })) } } });
    for (const d of DUTIES) {
      await tx.duty.upsert({
        where: { duty_holder: { duty: d.duty, holder: d.holder } },
        create: d,
        update: { holderKind: d.holderKind, rank: d.rank },
      });
    }
  });
  return { orgs: ORGS.length, users: USERS.length, duties: DUTIES.length };
}
