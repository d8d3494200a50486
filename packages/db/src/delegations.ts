/**
 * Acting heads (직무대리). A head lets a staff member of the same mission decide the mission's
 * approvals within a window of UTC days; granting and revoking are audited.
 */
import type { Actor, DelegationItem, Principal } from "@hub/contracts";
import type { Db } from "./client";
import type { Delegation } from "./generated/prisma/client";
import { audit } from "./task-writes";
import { seesEverything } from "./visibility";

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
    active: d.revokedAt === null && d.validFrom <= today && today <= d.validUntil,
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
  return db.$transaction(async (tx) => {
    const d = await tx.delegation.create({
      data: {
        missionCode: n.missionCode,
        grantedById: n.grantedBy.id,
        grantedBy: n.grantedBy.email,
        delegateId: n.delegate.id,
        delegate: n.delegate.email,
        validFrom: n.validFrom,
        validUntil: n.validUntil,
      },
    });
    await audit(tx, {
      dedupeKey: `delegation:${d.id}:granted`,
      at: d.createdAt.toISOString(),
      actor,
      action: "delegation.grant",
      entity: "delegation",
      entityId: d.id,
      before: null,
      after: { missionCode: d.missionCode, to: d.delegate, from: d.validFrom, until: d.validUntil },
    });
    return d;
  });
}

/** A mission's delegations, newest first (HQ and administrators: every mission's). */
export async function listDelegations(db: Db, p: Principal): Promise<Delegation[]> {
  return db.delegation.findMany({
    where: seesEverything(p) ? {} : { missionCode: p.orgCode },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
}

export async function findDelegation(db: Db, id: string): Promise<Delegation | null> {
  return db.delegation.findUnique({ where: { id } });
}

export async function revokeDelegation(db: Db, id: string, actor: Actor): Promise<Delegation> {
  return db.$transaction(async (tx) => {
    const at = new Date();
    await tx.delegation.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at, revokedBy: actor.email } });
    const d = await tx.delegation.findUniqueOrThrow({ where: { id } });
    await audit(tx, {
      dedupeKey: `delegation:${id}:revoked`,
      at: (d.revokedAt ?? at).toISOString(),
      actor,
      action: "delegation.revoke",
      entity: "delegation",
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: d.revokedAt?.toISOString() ?? null },
    });
    return d;
  });
}

/** The head on whose behalf a user may decide a mission's approvals today, if any. */
export async function actingFor(db: Db, userId: string, missionCode: string, today: string): Promise<string | null> {
  const d = await db.delegation.findFirst({
    where: { delegateId: userId, missionCode, revokedAt: null, validFrom: { lte: today }, validUntil: { gte: today } },
    orderBy: { createdAt: "desc" },
  });
  return d?.grantedBy ?? null;
}
