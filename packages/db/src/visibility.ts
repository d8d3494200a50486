import type { Principal } from "@hub/contracts";
import { Prisma } from "./generated/prisma/client";

/** HQ reviews every mission; admins run the system. Everyone else sees their country and their assignments. */
export function seesEverything(p: Principal): boolean {
  return p.role === "HQ_REVIEWER" || p.role === "ADMIN";
}

/** Joint tasks the principal may see: their country's, and those their organisation is assigned work in. */
export function visibleTasksWhere(p: Principal): Prisma.JointTaskWhereInput {
  if (seesEverything(p)) return {};
  const assigned: Prisma.JointTaskWhereInput = { assignments: { some: { orgCode: p.orgCode } } };
  return p.orgCountry ? { OR: [{ country: p.orgCountry }, assigned] } : assigned;
}

/** SQL predicate on events (alias e) matching visibleTasksWhere: country, own source, or countries assigned in. */
export function visibleEventsSql(p: Principal): Prisma.Sql {
  if (seesEverything(p)) return Prisma.sql`TRUE`;
  return Prisma.sql`(e.source = ${p.orgCode}
    OR e.country = ${p.orgCountry}
    OR e.country IN (SELECT t.country FROM joint_tasks t JOIN assignments a ON a.workflow_id = t.id WHERE a.org_code = ${p.orgCode}))`;
}
