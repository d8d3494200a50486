import type { Db } from "@hub/db";
import { ORGS, USERS } from "./data";

/** Idempotent: upserts by code and e-mail, so it runs at every start. */
export async function loadSeeds(db: Db): Promise<{ orgs: number; users: number }> {
  await db.$transaction(async (tx) => {
    for (const o of ORGS) {
      const { code, ...rest } = o;
      await tx.organization.upsert({ where: { code }, create: o, update: rest });
    }
    for (const u of USERS) {
      await tx.user.upsert({
        where: { email: u.email },
        create: { email: u.email, name: u.name, role: u.role, orgCode: u.org },
        update: { name: u.name, role: u.role, orgCode: u.org },
      });
    }
  });
  return { orgs: ORGS.length, users: USERS.length };
}
