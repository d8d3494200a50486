/**
 * Sends due deliveries: HTTP POST in CloudEvents' structured mode, the exact stored body signed
 * with HMAC-SHA256 under the subscription's secret. A 2xx marks it delivered (never sent again);
 * anything else is retried with exponential backoff, and after the last attempt the
 * subscription is parked with the reason. Each send is bounded in time, and a lease keeps
 * several relays from sending the same delivery at once.
 */
import { createHmac } from "node:crypto";
import { CE_JSON, type ReceiverRule, receiverUrlProblem, retryDelayMs, SIGNATURE_HEADER } from "@hub/contracts";
import { type Db, type DueDelivery, leaseDueDeliveries, markDelivered, markFailed } from "@hub/db";
import { describe } from "@hub/runtime";
import { checkedAddresses, post, type ResolvedAddress, type Resolver, systemResolver } from "./receiver";

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
 * Where the receiver may be reached now, or why not. The URL was checked at creation; it is
 * checked again (the rule may have changed). Under the default production rule the name is
 * resolved here, once: every address must pass the special-purpose deny list, and the request
 * then connects to those addresses only (no second resolution for a rebinding DNS to answer).
 */
export async function targetOf(url: string, rule: ReceiverRule, resolve: Resolver): Promise<{ addresses?: ResolvedAddress[] } | { problem: string }> {
  const problem = receiverUrlProblem(url, rule);
  if (problem) return { problem: `the receiver URL ${problem}` };
  if (rule.production && !rule.allowHosts) return checkedAddresses(new URL(url).hostname, resolve);
  return {};
}

/** Sends one delivery; null when the receiver took it (2xx), else why not. */
export async function send(
  d: Pick<DueDelivery, "url" | "secret" | "body">,
  rule: ReceiverRule,
  resolve: Resolver = systemResolver,
): Promise<string | null> {
  const target = await targetOf(d.url, rule, resolve);
  if ("problem" in target) return target.problem;
  const status = await post(d.url, {
    headers: { "content-type": `${CE_JSON}; charset=utf-8`, [SIGNATURE_HEADER]: signature(d.secret, d.body) },
    body: d.body,
    timeoutMs: SEND_TIMEOUT_MS,
    ...(target.addresses ? { addresses: target.addresses } : {}),
  });
  return status >= 200 && status < 300 ? null : `the receiver answered ${status}`;
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
