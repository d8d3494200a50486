/**
 * Acting heads (직무대리). A head lets a staff member of the same mission decide the mission's
 * approvals within a window of UTC days; granting and revoking are audited.
 */
import type { Actor, DelegationItem, Principal } from "@hub/contracts";
import { type Db, type Queryable, raw, sql } from "./client";
import { audit } from "./task-writes";
import { seesEverything } from "./visibility";

export interface Delegation {
  id: string;
  missionCode: string;
  grantedBy: string;
  delegate: string;
  validFrom: string;
  validUntil: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** Whether the head who granted it still heads the mission and the delegate is still its staff (absent: not read, taken as yes). */
  partiesPosted?: boolean;
}

/**
 * A delegation ends when either side leaves: the granting head no longer heads the mission, or
 * the delegate is no longer its staff (a move, a posting's end, a deactivation) — read from the
 * postings current today, so it takes effect on the day, with no job to run. `d` is the delegation row.
 */
export const partiesPosted = (d: string) =>
  sql`(EXISTS (SELECT 1 FROM people_now g WHERE g.id = ${raw(d)}.granted_by_id AND g.org_code = ${raw(d)}.mission_code AND g.role = 'MISSION_HEAD')
   AND EXISTS (SELECT 1 FROM people_now s WHERE s.id = ${raw(d)}.delegate_id AND s.org_code = ${raw(d)}.mission_code AND s.role = 'MISSION_STAFF'))`;

const COLUMNS = sql`id, mission_code AS "missionCode", granted_by_email AS "grantedBy", delegate_email AS "delegate",
  valid_from AS "validFrom", valid_until AS "validUntil", created_at AS "createdAt", revoked_at AS "revokedAt"`;

export function toDelegationItem(d: Delegation, today: string): DelegationItem {
  return {
    id: d.id,
    missionCode: d.missionCode,
    grantedBy: d.grantedBy,
    to: d.delegate,
    from: d.validFrom,
    until: d.validUntil,
    createdAt: d.createdAt.toISOString(),
    revokedAt: d.revokedAt?.toISOString() ?? null,
    active: d.revokedAt === null && d.partiesPosted !== false && d.validFrom <= today && today <= d.validUntil,
  };
}

export interface NewDelegation {
  missionCode: string;
  grantedBy: { id: string; email: string };
  delegate: { id: string; email: string };
  validFrom: string;
  validUntil: string;
}

export async function createDelegation(db: Db, n: NewDelegation, actor: Actor): Promise<Delegation> {
  return db.tx(async (q) => {
    const d = (await q.one<Delegation>(sql`
      INSERT INTO delegations (id, mission_code, granted_by_id, granted_by_email, delegate_id, delegate_email, valid_from, valid_until)
      VALUES (gen_random_uuid(), ${n.missionCode}, ${n.grantedBy.id}::uuid, ${n.grantedBy.email}, ${n.delegate.id}::uuid, ${n.delegate.email},
              ${n.validFrom}, ${n.validUntil})
      RETURNING ${COLUMNS}`)) as Delegation;
    await audit(q, [
      {
        dedupeKey: `delegation:${d.id}:granted`,
        at: d.createdAt.toISOString(),
        actor,
        action: "delegation.grant",
        entity: "delegation",
        entityId: d.id,
        before: null,
        after: { missionCode: d.missionCode, to: d.delegate, from: d.validFrom, until: d.validUntil },
      },
    ]);
    return d;
  });
}

/** A mission's delegations, newest first (HQ and administrators: every mission's). */
export async function listDelegations(db: Queryable, p: Principal): Promise<Delegation[]> {
  return db.query<Delegation>(sql`
    SELECT ${COLUMNS}, ${partiesPosted("delegations")} AS "partiesPosted" FROM delegations ${seesEverything(p) ? sql`` : sql`WHERE mission_code = ${p.orgCode}`}
    ORDER BY created_at DESC, id DESC LIMIT 500`);
}

export async function findDelegation(db: Queryable, id: string): Promise<Delegation | null> {
  return db.one<Delegation>(sql`SELECT ${COLUMNS}, ${partiesPosted("delegations")} AS "partiesPosted" FROM delegations WHERE id = ${id}::uuid`);
}

export async function revokeDelegation(db: Db, id: string, actor: Actor): Promise<Delegation> {
  return db.tx(async (q) => {
    await q.run(sql`UPDATE delegations SET revoked_at = now(), revoked_by_email = ${actor.email} WHERE id = ${id}::uuid AND revoked_at IS NULL`);
    const d = (await q.one<Delegation>(sql`SELECT ${COLUMNS} FROM delegations WHERE id = ${id}::uuid`)) as Delegation;
    await audit(q, [
      {
        dedupeKey: `delegation:${id}:revoked`,
        at: (d.revokedAt ?? new Date()).toISOString(),
        actor,
        action: "delegation.revoke",
        entity: "delegation",
        entityId: id,
        before: { revokedAt: null },
        after: { revokedAt: d.revokedAt?.toISOString() ?? null },
      },
    ]);
    return d;
  });
}

/** The head on whose behalf a user may decide a mission's approvals today, if any. */
export async function actingFor(db: Queryable, userId: string, missionCode: string, today: string): Promise<string | null> {
  const d = await db.one<{ grantedBy: string }>(sql`
    SELECT granted_by_email AS "grantedBy" FROM delegations
    WHERE delegate_id = ${userId}::uuid AND mission_code = ${missionCode} AND revoked_at IS NULL
      AND valid_from <= ${today} AND valid_until >= ${today} AND ${partiesPosted("delegations")}
    ORDER BY created_at DESC LIMIT 1`);
  return d?.grantedBy ?? null;
}
