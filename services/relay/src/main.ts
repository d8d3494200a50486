import { noticeConfig, serviceConfig } from "@hub/config";
import { deadLetterTopic, eventTopics } from "@hub/contracts";
import { createDb } from "@hub/db";
import { connectKafka, ensureTopics } from "@hub/kafka";
import { runService } from "@hub/runtime";
import { startNoticeLoop } from "./notices/loop";
import { startRelay } from "./relay";

await runService("relay", async (log) => {
  const cfg = serviceConfig();
  const db = createDb(cfg.databaseUrl, { max: 3 });
  const kafka = connectKafka({ brokers: cfg.kafkaBrokers, clientId: "hub-relay" });
  // E-mail notices (notices/loop.ts) run in every relay: leases and SKIP LOCKED share the work.
  const notices = startNoticeLoop({ db, cfg: noticeConfig(), log });
  await ensureTopics(kafka, [...eventTopics(cfg.topicPrefix), deadLetterTopic(cfg.topicPrefix)]).catch((err) =>
    log(`topics not ensured yet (${err instanceof Error ? err.message : err}); the broker creates them on first send`),
  );
  const relay = startRelay({ db, kafka, log, pollMs: cfg.relayPollMs });
  log(`relaying the outbox to ${cfg.kafkaBrokers.join(",")}`);
  return async () => {
    await relay.stop();
    await notices.stop();
    await db.close();
  };
});
