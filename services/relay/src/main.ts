import { subscriptionConfig } from "@hub/config";
import { deadLetterTopic, eventTopics } from "@hub/contracts";
import { createDb, electLeader } from "@hub/db";
import { connectKafka, ensureTopics } from "@hub/kafka";
import { runService } from "@hub/runtime";
import { noticeConfig, readRelayEnv, relayConfig } from "./env";
import { startNoticeLoop } from "./notices/loop";
import { type RelayHandle, startRelay } from "./relay";
import { startSubscriptions } from "./subscriptions";

/** The advisory lock every relay contends for ("relay" in ASCII). */
const RELAY_LOCK_KEY = 0x72656c6179;

await runService("relay", async (log) => {
  const env = readRelayEnv();
  const cfg = relayConfig(env);
  const db = createDb(cfg.databaseUrl, { max: 3 });
  const kafka = connectKafka({ brokers: cfg.kafkaBrokers, sasl: cfg.kafkaSasl, clientId: "hub-relay" });
  // E-mail notices (notices/loop.ts) run in every relay: leases and SKIP LOCKED share the work.
  const notices = startNoticeLoop({ db, cfg: noticeConfig(env), log });
  // CloudEvents subscriptions (subscriptions/index.ts) run in every relay too, the same way.
  const subscriptions = startSubscriptions({ db, kafka, topicPrefix: cfg.topicPrefix, config: subscriptionConfig(env), log });
  await ensureTopics(kafka, [...eventTopics(cfg.topicPrefix), deadLetterTopic(cfg.topicPrefix)], cfg.kafkaTopics).catch((err) =>
    log(`topics not ensured yet (${err instanceof Error ? err.message : err}); the broker creates them on first send`),
  );
  // Leader-elected: any number of relays may run, one publishes. A single publisher keeps each
  // country's events in outbox order on Kafka; a standby takes over within a second of the
  // leader's death (its PostgreSQL session, and with it the lock, ends).
  let stopped = false;
  let relay: RelayHandle | null = null;
  let leader = electLeader({ databaseUrl: cfg.databaseUrl, key: RELAY_LOCK_KEY, applicationName: `hub-relay pid ${process.pid}` });
  log("waiting to lead the relay (one relay publishes at a time)");
  const lead = (async () => {
    while (!stopped) {
      try {
        await leader.acquired();
      } catch {
        return; // stopped while waiting
      }
      log(`leading: relaying the outbox to ${cfg.kafkaBrokers.join(",")}`);
      relay = startRelay({ db, kafka, log, pollMs: cfg.relayPollMs });
      await leader.lost();
      await relay.stop();
      relay = null;
      if (stopped) return;
      log("lost the relay lock (database connection dropped); standing by to lead again");
      leader = electLeader({ databaseUrl: cfg.databaseUrl, key: RELAY_LOCK_KEY, applicationName: `hub-relay pid ${process.pid}` });
    }
  })();
  return async () => {
    stopped = true;
    await (relay as RelayHandle | null)?.stop();
    await leader.release();
    await lead;
    await notices.stop();
    await subscriptions.stop();
    await db.close();
  };
});
