/**
 * Outbound CloudEvents subscriptions, run beside the outbox relay: outside any request and any
 * workflow, so a slow or dead receiver never holds up events, tasks or people. Three loops:
 * the change feed and the event topics offer deliveries, the sender sends them. Safe with
 * several relays: the feed is read under a row lock, the topics by one consumer group, and
 * deliveries are leased.
 */
import type { SubscriptionConfig } from "@hub/config";
import { eventTopics } from "@hub/contracts";
import type { Db } from "@hub/db";
import { type IncomingMessage, type Kafka, runConsumer } from "@hub/kafka";
import { describe, type Log, poisonGuard, sleep } from "@hub/runtime";
import { offerChanges, offerEvent } from "./offers";
import { sendDue } from "./sender";

export interface SubscriptionsHandle {
  stop(): Promise<void>;
}

export function startSubscriptions(o: { db: Db; kafka: Kafka; topicPrefix: string; config: SubscriptionConfig; log: Log }): SubscriptionsHandle {
  const { db, config, log } = o;
  let stopped = false;
  const rule = { allowHosts: config.allowHosts, production: config.production };

  /** Runs a step until stopped: again at once after work, after pollMs when idle, backing off on errors. */
  const every = (name: string, step: () => Promise<number>) =>
    (async () => {
      let failing = false;
      while (!stopped) {
        try {
          const n = await step();
          failing = false;
          if (n === 0) await sleep(config.pollMs);
        } catch (err) {
          if (!failing) log(`subscriptions: ${name} failed (${describe(err)}); retrying`);
          failing = true;
          await sleep(Math.max(1000, config.pollMs * 4));
        }
      }
    })();

  // An event that cannot be offered for a reason of its own is skipped with a log line (the
  // router dead-letters what is invalid); only a transient fault holds the partition.
  const guard = poisonGuard();
  const offerEventGuarded = async (m: IncomingMessage) => {
    const at = `${m.topic}/${m.partition}@${m.offset}`;
    try {
      await offerEvent(db, m);
      guard.succeeded(at);
    } catch (err) {
      if (guard.judge(at, err).action === "retry") throw err;
      log(`subscriptions: event ${at} offered to nobody: ${describe(err)}`);
    }
  };

  const loops = [
    every("reading the change feed", () =>
      offerChanges(db, (c, err) => log(`subscriptions: change ${c.seq} of ${c.workflowId} offered to nobody: ${describe(err)}`)),
    ),
    every("sending deliveries", () => sendDue({ db, rule, maxAttempts: config.maxAttempts, retryMs: config.retryMs })),
  ];
  // Joining can fail while the broker is still creating the topics (a fresh stack): try again
  // until it works, or the relay would offer subscribers no events for the rest of its life.
  const consumer = (async () => {
    let told = false;
    while (!stopped) {
      try {
        return await runConsumer(o.kafka, {
          groupId: `${o.topicPrefix}hub-subscriptions`,
          topics: eventTopics(o.topicPrefix),
          fromBeginning: false,
          handle: (m) => offerEventGuarded(m),
        });
      } catch (err) {
        if (!told) log(`subscriptions: events from Kafka are not offered yet (${describe(err)}); retrying`);
        told = true;
        await sleep(Math.max(1000, config.pollMs * 4));
      }
    }
    return null;
  })();

  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      await (await consumer)?.stop();
    },
  };
}
