/**
 * Single-use tickets that open the live stream. A browser's EventSource cannot send an
 * Authorization header, and a bearer token put in a URL ends up in access logs and browser
 * history; a ticket in the URL is worth nothing a minute later or once used. Kept in the
 * database (not in one API process) so any replica behind a load balancer redeems it; only its
 * SHA-256 is stored, so reading the table gives no usable ticket.
 */
import { createHash, randomBytes } from "node:crypto";
import { type Queryable, sql } from "./client";

export const STREAM_TICKET_TTL_MS = 60_000;
const hashOf = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

export async function issueStreamTicket(db: Queryable, userId: string, now = Date.now()): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now + STREAM_TICKET_TTL_MS);
  await db.run(sql`INSERT INTO stream_tickets (hash, user_id, expires_at) VALUES (${hashOf(ticket)}, ${userId}::uuid, ${expiresAt})`);
  return { ticket, expiresAt };
}

/** The user a ticket was issued to, marking it used; null when it is unknown, used or expired. */
export async function redeemStreamTicket(db: Queryable, ticket: string): Promise<string | null> {
  const row = await db.one<{ userId: string }>(sql`
    UPDATE stream_tickets SET used_at = now() WHERE hash = ${hashOf(ticket)} AND used_at IS NULL AND expires_at > now()
    RETURNING user_id::text AS "userId"`);
  return row?.userId ?? null;
}

/** Drops tickets that can no longer be redeemed. */
export async function pruneStreamTickets(db: Queryable): Promise<number> {
  return db.run(sql`DELETE FROM stream_tickets WHERE expires_at < now() - interval '1 minute'`);
}
