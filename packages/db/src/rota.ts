/**
 * A mission's duty rota (당직, issue 21 §2): its shifts, instants in the database. The rules
 * (who holds an instant, the gaps of a window) are pure, in @hub/contracts/core (rota-rules.ts);
 * here are the reads and the two writes, each audited in audit_log (entity "rota_shift").
 */
import type { Actor } from "@hub/contracts";
import { type Db, type Queryable, sql } from "./client";
import { audit } from "./task-writes";

export interface RotaShiftRow {
  id: string;
  missionCode: string;
  startsAt: Date;
  endsAt: Date;
  officer: string;
  backup: string | null;
  createdBy: string;
  createdAt: Date;
}

const COLUMNS = sql`id, mission_code AS "missionCode", starts_at AS "startsAt", ends_at AS "endsAt", officer_email AS "officer",
  backup_email AS "backup", created_by_email AS "createdBy", created_at AS "createdAt"`;

/** The shifts of a mission that share an instant with [from, to), earliest first (removed ones left out). */
export async function listRotaShifts(db: Queryable, missionCode: string, from: Date, to: Date): Promise<RotaShiftRow[]> {
  return db.query<RotaShiftRow>(sql`
    SELECT ${COLUMNS} FROM rota_shifts
    WHERE mission_code = ${missionCode} AND removed_at IS NULL AND starts_at < ${to} AND ends_at > ${from}
    ORDER BY starts_at, id LIMIT 2000`);
}

/** The shift holding the instant `at`, if any (at most one: shifts of a mission never overlap). */
export async function rotaShiftAt(db: Queryable, missionCode: string, at: Date): Promise<RotaShiftRow | null> {
  return db.one<RotaShiftRow>(sql`
    SELECT ${COLUMNS} FROM rota_shifts
    WHERE mission_code = ${missionCode} AND removed_at IS NULL AND starts_at <= ${at} AND ends_at > ${at}
    ORDER BY starts_at LIMIT 1`);
}

/** Of these e-mails, those of people posted at the organisation today (active, with a current posting there). */
export async function postedAt(db: Queryable, orgCode: string, emails: string[]): Promise<Set<string>> {
  const rows = await db.query<{ email: string }>(sql`
    SELECT email FROM people_now WHERE org_code = ${orgCode} AND email = ANY(${emails}::text[])`);
  return new Set(rows.map((r) => r.email));
}

export interface NewRotaShift {
  missionCode: string;
  startsAt: Date;
  endsAt: Date;
  officer: string;
  backup: string | null;
}

/**
 * Adds a shift unless it shares an instant with another of the mission's: then nothing is written
 * and the shift it collides with is returned. One transaction under a per-mission advisory lock,
 * so two adds of one mission check one after the other; the exclusion constraint backs it.
 */
export async function addRotaShift(db: Db, n: NewRotaShift, actor: Actor): Promise<{ shift: RotaShiftRow } | { collidesWith: RotaShiftRow }> {
  return db.tx(async (q) => {
    await q.run(sql`SELECT pg_advisory_xact_lock(hashtext(${`rota:${n.missionCode}`}))`);
    const collides = await q.one<RotaShiftRow>(sql`
      SELECT ${COLUMNS} FROM rota_shifts
      WHERE mission_code = ${n.missionCode} AND removed_at IS NULL AND starts_at < ${n.endsAt} AND ends_at > ${n.startsAt}
      ORDER BY starts_at LIMIT 1`);
    if (collides) return { collidesWith: collides };
    const shift = (await q.one<RotaShiftRow>(sql`
      INSERT INTO rota_shifts (mission_code, starts_at, ends_at, officer_email, backup_email, created_by_email)
      VALUES (${n.missionCode}, ${n.startsAt}, ${n.endsAt}, ${n.officer}, ${n.backup}, ${actor.email})
      RETURNING ${COLUMNS}`)) as RotaShiftRow;
    await audit(q, [
      {
        dedupeKey: `rota_shift:${shift.id}:added`,
        at: shift.createdAt.toISOString(),
        actor,
        action: "rota.shift_added",
        entity: "rota_shift",
        entityId: shift.id,
        before: null,
        after: auditView(shift),
      },
    ]);
    return { shift };
  });
}

/** Removes one of the mission's shifts (its row stays, marked removed); null when the mission has no such shift. */
export async function removeRotaShift(db: Db, missionCode: string, id: string, actor: Actor): Promise<RotaShiftRow | null> {
  return db.tx(async (q) => {
    await q.run(sql`SELECT pg_advisory_xact_lock(hashtext(${`rota:${missionCode}`}))`);
    const shift = await q.one<RotaShiftRow>(sql`
      UPDATE rota_shifts SET removed_at = now(), removed_by_email = ${actor.email}
      WHERE id = ${id}::uuid AND mission_code = ${missionCode} AND removed_at IS NULL
      RETURNING ${COLUMNS}`);
    if (!shift) return null;
    await audit(q, [
      {
        dedupeKey: `rota_shift:${shift.id}:removed`,
        at: new Date().toISOString(),
        actor,
        action: "rota.shift_removed",
        entity: "rota_shift",
        entityId: shift.id,
        before: auditView(shift),
        after: null,
      },
    ]);
    return shift;
  });
}

const auditView = (s: RotaShiftRow) => ({
  missionCode: s.missionCode,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  officer: s.officer,
  backup: s.backup,
});
