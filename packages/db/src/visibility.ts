import type { Principal } from "@hub/contracts";
import { join, type Sql, sql } from "./client";

/** HQ reviews every mission; admins run the system. Everyone else sees their country and their assignments. */
export function seesEverything(p: Principal): boolean {
  return p.role === "HQ_REVIEWER" || p.role === "ADMIN";
}

/**
 * Relations to a task that let an organisation outside the country see it: leading it, holding
 * an assignment, being kept informed. Being named in a plan not yet approved ("planned") does not.
 */
const SEEING = ["lead", "assignee", "informed"];

/** SQL predicate on joint tasks (alias t): their country's, and those their organisation takes part in or is informed of. */
export function visibleTasksSql(p: Principal): Sql {
  if (seesEverything(p)) return sql`TRUE`;
  const involved = sql`EXISTS (SELECT 1 FROM task_orgs o WHERE o.workflow_id = t.id AND o.org_code = ${p.orgCode} AND o.relation IN (${join(SEEING)})`;
  if (!p.orgCountry) return sql`${involved})`;
  // "AND t.country <> …" makes the subquery correlated: PostgreSQL then probes task_orgs for the
  // few rows outside the country instead of hashing every task the mission leads (17 ms → 1 ms at 100,000 tasks).
  return sql`(t.country = ${p.orgCountry} OR ${involved} AND t.country <> ${p.orgCountry}))`;
}

/** SQL predicate on events (alias e): own source, own country, or countries assigned in. */
export function visibleEventsSql(p: Principal): Sql {
  if (seesEverything(p)) return sql`TRUE`;
  return sql`(e.source = ${p.orgCode}
    OR e.country = ${p.orgCountry}
    OR e.country IN (SELECT t.country FROM joint_tasks t JOIN assignments a ON a.workflow_id = t.id WHERE a.org_code = ${p.orgCode}))`;
}
