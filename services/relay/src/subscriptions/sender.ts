/**
 * Sends due deliveries: HTTP POST in CloudEvents' structured mode, the exact stored body signed
 * with HMAC-SHA256 under the subscription's secret. A 2xx marks it delivered (never sent again);
 * anything else is retried with exponential backoff, and after the last attempt the
 * subscription is parked with the reason. Each send is bounded in time, and a lease keeps
 * several relays from sending the same delivery at once.
 */
import { createHmac } from "node:crypto";
import { lookup } from "node:dns/promises";
import { CE_JSON, isInternalHost, type ReceiverRule, receiverUrlProblem, retryDelayMs, SIGNATURE_HEADER } from "@hub/contracts";
import { type Db, type DueDelivery, leaseDueDeliveries, markDelivered, markFailed } from "@hub/db";
import { describe } from "@hub/runtime";

const SEND_TIMEOUT_MS = 5_000;
/** Longer than a send may take, so a lease runs out only when its relay died. */
const LEASE_MS = 30_000;
const BATCH = 20;

export const signature = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;

export interface SenderOptions {
  db: Db;
  rule: ReceiverRule;
  maxAttempts: number;
  retryMs: number;
}

/**
 * Why the receiver may not be sent to now, or null. The URL was checked at creation; it is
 * checked again (the rule may have changed), and under the default production rule the name's
 * address too, so a name that resolves to an internal address is refused.
 */
async function targetProblem(url: string, rule: ReceiverRule): Promise<string | null> {
  const problem = receiverUrlProblem(url, rule);
  if (problem) return `the receiver URL ${problem}`;
  if (rule.production && !rule.allowHosts) {
    const { address } = await lookup(new URL(url).hostname);
    if (isInternalHost(address)) return `the receiver's host resolves to an internal address (${address})`;
  }
  return null;
}

async function send(d: DueDelivery, rule: ReceiverRule): Promise<string | null> {
  const problem = await targetProblem(d.url, rule);
  if (problem) return problem;
  const res = await fetch(d.url, {
    method: "POST",
    headers: { "content-type": `${CE_JSON}; charset=utf-8`, [SIGNATURE_HEADER]: signature(d.secret, d.body) },
    body: d.body,
    redirect: "manual",
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await res.body?.cancel().catch(() => undefined);
  return res.status >= 200 && res.status < 300 ? null : `the receiver answered ${res.status}`;
}

/** Sends one batch of due deliveries; returns how many were attempted. */
export async function sendDue(o: SenderOptions): Promise<number> {
  const due = await leaseDueDeliveries(o.db, BATCH, LEASE_MS);
  await Promise.all(
    due.map(async (d) => {
      const failure = await send(d, o.rule).catch((err) => describe(err));
      if (failure === null) return markDelivered(o.db, d.id);
      return markFailed(o.db, d, failure, d.attempts >= o.maxAttempts ? null : retryDelayMs(d.attempts, o.retryMs));
    }),
  );
  return due.length;
}
