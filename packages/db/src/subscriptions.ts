/**
 * Outbound CloudEvents subscriptions: the subscriptions themselves, the deliveries owed to them
 * (one row per subscription and event id, so nothing is offered twice), and the leases the
 * sender takes so that several relays never send the same delivery at once.
 */
import type { OrgKind, Principal, Role, SubscriptionItem } from "@hub/contracts";
import { FEED_START, type FeedPosition, feedHead } from "./changes";
import { type Db, join, type Queryable, type Sql, sql } from "./client";
import { seesEverything, visibleEventScopes } from "./visibility";

type SubscriptionRow = {
  id: string;
  org_code: string;
  email: string;
  url: string;
  types: string[];
  status: "active" | "parked";
  parked_reason: string | null;
  parked_at: Date | null;
  created_at: Date;
  delivered: number;
  pending: number;
  last_delivered_at: Date | null;
  last_error: string | null;
  next_attempt_at: Date | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toItem(r: SubscriptionRow): SubscriptionItem {
  return {
    id: r.id,
    org: r.org_code,
    createdBy: r.email,
    url: r.url,
    types: r.types,
    status: r.status,
    parkedReason: r.parked_reason,
    parkedAt: iso(r.parked_at),
    createdAt: r.created_at.toISOString(),
    delivery: {
      delivered: r.delivered,
      pending: r.pending,
      lastDeliveredAt: iso(r.last_delivered_at),
      lastError: r.last_error,
      nextAttemptAt: iso(r.next_attempt_at),
    },
  };
}

/** Subscriptions with their delivery state, counted from their deliveries. */
const ITEMS = sql`
  SELECT s.id, s.org_code, u.email, s.url, s.types, s.status, s.parked_reason, s.parked_at, s.created_at,
         count(d.delivered_at)::int AS delivered,
         (count(d.id) - count(d.delivered_at))::int AS pending,
         max(d.delivered_at) AS last_delivered_at,
         (array_agg(d.last_error ORDER BY d.next_attempt_at DESC) FILTER (WHERE d.delivered_at IS NULL AND d.last_error IS NOT NULL))[1] AS last_error,
         min(d.next_attempt_at) FILTER (WHERE d.delivered_at IS NULL) AS next_attempt_at
  FROM subscriptions s JOIN users u ON u.id = s.user_id
  LEFT JOIN subscription_deliveries d ON d.subscription_id = s.id`;

/** Who sees a subscription: admins all; everyone else their organisation's. */
const visibleSubscriptions = (p: Principal): Sql => (p.role === "ADMIN" ? sql`TRUE` : sql`s.org_code = ${p.orgCode}`);

export async function createSubscription(
  db: Db,
  s: { id: string; userId: string; orgCode: string; url: string; types: string[]; secret: string },
): Promise<SubscriptionItem> {
  await db.run(sql`
    INSERT INTO subscriptions (id, user_id, org_code, url, types, secret)
    VALUES (${s.id}::uuid, ${s.userId}::uuid, ${s.orgCode}, ${s.url}, ${s.types}::text[], ${s.secret})`);
  const row = await db.one<SubscriptionRow>(sql`${ITEMS} WHERE s.id = ${s.id}::uuid GROUP BY s.id, u.email`);
  return toItem(row as SubscriptionRow);
}

export async function countOrgSubscriptions(db: Queryable, orgCode: string): Promise<number> {
  const r = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM subscriptions WHERE org_code = ${orgCode}`);
  return r?.n ?? 0;
}

export async function listSubscriptions(db: Queryable, p: Principal): Promise<SubscriptionItem[]> {
  const rows = await db.query<SubscriptionRow>(sql`${ITEMS} WHERE ${visibleSubscriptions(p)} GROUP BY s.id, u.email ORDER BY s.created_at, s.id`);
  return rows.map(toItem);
}

/** Deletes a subscription the caller may see (its deliveries go with it); false when there is none. */
export async function deleteSubscription(db: Queryable, p: Principal, id: string): Promise<boolean> {
  return (await db.run(sql`DELETE FROM subscriptions s WHERE s.id = ${id}::uuid AND ${visibleSubscriptions(p)}`)) > 0;
}

/** An active subscription, with the principal it sees as: its creator, as the directory has them now. */
export interface ActiveSubscription {
  id: string;
  types: string[];
  principal: Principal;
}

export async function activeSubscriptions(db: Queryable, types: string[]): Promise<ActiveSubscription[]> {
  const rows = await db.query<{
    id: string;
    types: string[];
    user_id: string;
    email: string;
    role: Role;
    org_code: string;
    kind: OrgKind;
    country: string | null;
  }>(sql`
    SELECT s.id, s.types, u.id AS user_id, u.email, u.role, u.org_code, o.kind, o.country
    FROM subscriptions s JOIN people_now u ON u.id = s.user_id JOIN organizations o ON o.code = u.org_code
    WHERE s.status = 'active' AND s.types && ${types}::text[]`);
  return rows.map((r) => ({
    id: r.id,
    types: r.types,
    principal: { userId: r.user_id, email: r.email, role: r.role, orgCode: r.org_code, orgKind: r.kind, orgCountry: r.country?.trim() ?? null },
  }));
}

/**
 * Whether the principal may see an event with these attributes: GET /v1/events' own rule
 * (visibility.ts), applied to the values, since an event read from Kafka may not be logged yet.
 */
export async function maySeeEvent(db: Queryable, p: Principal, e: { source: string; country: string; workflowId: string }): Promise<boolean> {
  const scopes = visibleEventScopes(p);
  if (!scopes || seesEverything(p)) return true;
  const r = await db.one(sql`
    SELECT 1 FROM (VALUES (${e.source}, ${e.country}::char(2), ${e.workflowId})) AS e(source, country, workflow_id)
    WHERE ${join(scopes, " OR ")}`);
  return r !== null;
}

export interface NewDelivery {
  subscriptionId: string;
  ceId: string;
  ceType: string;
  body: string;
}

/** Offers deliveries; one already offered under the same (subscription, event id) is left as it is. */
export async function offerDeliveries(q: Queryable, ds: NewDelivery[]): Promise<number> {
  if (ds.length === 0) return 0;
  return q.run(sql`
    INSERT INTO subscription_deliveries (subscription_id, ce_id, ce_type, body)
    SELECT * FROM unnest(${ds.map((d) => d.subscriptionId)}::uuid[], ${ds.map((d) => d.ceId)}::text[], ${ds.map((d) => d.ceType)}::text[], ${ds.map((d) => d.body)}::text[])
    ON CONFLICT (subscription_id, ce_id) DO NOTHING`);
}

const FEED = "changes";

/**
 * Runs fn with the change feed's position, in one transaction that holds the feed's row: one
 * relay reads the feed at a time (another skips the round), and the new position commits with
 * the deliveries it offered. A first run starts at the feed's head: no past changes.
 */
export async function withChangeFeed(db: Db, fn: (q: Queryable, from: FeedPosition) => Promise<FeedPosition | null>): Promise<void> {
  await db.tx(async (q) => {
    const row = await q.one<FeedPosition>(
      sql`SELECT xid::text AS xid, seq::text AS seq FROM subscription_feed WHERE name = ${FEED} FOR UPDATE SKIP LOCKED`,
    );
    if (!row) {
      const head = await feedHead(q);
      await q.run(
        sql`INSERT INTO subscription_feed (name, xid, seq) VALUES (${FEED}, ${head.xid}::bigint, ${head.seq}::bigint) ON CONFLICT (name) DO NOTHING`,
      );
      return;
    }
    const to = await fn(q, row.xid === FEED_START.xid && row.seq === FEED_START.seq ? FEED_START : row);
    if (to) await q.run(sql`UPDATE subscription_feed SET xid = ${to.xid}::bigint, seq = ${to.seq}::bigint WHERE name = ${FEED}`);
  });
}

export interface DueDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  secret: string;
  body: string;
  ceId: string;
  /** Attempts including this one. */
  attempts: number;
}

/**
 * Leases due deliveries of active subscriptions for `leaseMs` (longer than a send may take) and
 * counts the attempt. A lease that runs out (the relay died mid-send) makes the row due again.
 */
export async function leaseDueDeliveries(db: Queryable, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  return db.query<DueDelivery>(sql`
    UPDATE subscription_deliveries d
    SET leased_until = now() + ${leaseMs} * interval '1 millisecond', attempts = d.attempts + 1
    FROM subscriptions s
    WHERE s.id = d.subscription_id AND d.id IN (
      SELECT d2.id FROM subscription_deliveries d2 JOIN subscriptions s2 ON s2.id = d2.subscription_id
      WHERE d2.delivered_at IS NULL AND d2.next_attempt_at <= now() AND (d2.leased_until IS NULL OR d2.leased_until < now())
        AND s2.status = 'active'
        -- A subscription pauses while its owner holds no posting (left, deactivated): nothing is offered or sent.
        AND EXISTS (SELECT 1 FROM people_now u WHERE u.id = s2.user_id)
      ORDER BY d2.next_attempt_at, d2.id
      LIMIT ${limit}
      FOR UPDATE OF d2 SKIP LOCKED)
    RETURNING d.id::text AS id, d.subscription_id AS "subscriptionId", s.url, s.secret, d.body, d.ce_id AS "ceId", d.attempts`);
}

export async function markDelivered(db: Queryable, id: string): Promise<void> {
  await db.run(sql`UPDATE subscription_deliveries SET delivered_at = now(), leased_until = NULL, last_error = NULL WHERE id = ${id}::bigint`);
}

/** A failed attempt: retried after `retryMs`, or (null) the subscription is parked with the reason. */
export async function markFailed(db: Db, d: DueDelivery, error: string, retryMs: number | null): Promise<void> {
  const message = error.slice(0, 1000);
  await db.tx(async (q) => {
    await q.run(sql`
      UPDATE subscription_deliveries
      SET leased_until = NULL, last_error = ${message},
          next_attempt_at = now() + ${retryMs ?? 0} * interval '1 millisecond'
      WHERE id = ${d.id}::bigint`);
    if (retryMs === null) {
      await q.run(sql`
        UPDATE subscriptions SET status = 'parked', parked_at = now(),
          parked_reason = ${`delivering ${d.ceId} failed ${d.attempts} times; last: ${message}`}
        WHERE id = ${d.subscriptionId}::uuid AND status = 'active'`);
    }
  });
}
