import { deadLetterTopic, eventTopics } from "@hub/contracts";
import { createDb } from "@hub/db";
import { connectKafka, ensureTopics } from "@hub/kafka";
import { runService } from "@hub/runtime";
import { connectTemporalClient } from "@hub/temporal";
import { routerConfig } from "./env";
import { startRouter } from "./router";

await runService("router", async (log) => {
  const cfg = routerConfig();
  const db = createDb(cfg.databaseUrl, { max: 5 });
  const kafka = connectKafka({ brokers: cfg.kafkaBrokers, sasl: cfg.kafkaSasl, clientId: "hub-router" });
  await ensureTopics(kafka, [...eventTopics(cfg.topicPrefix), deadLetterTopic(cfg.topicPrefix)], cfg.kafkaTopics);
  const temporal = await connectTemporalClient({ address: cfg.temporalAddress, namespace: cfg.temporalNamespace });
  const router = await startRouter({
    db,
    kafka,
    temporal,
    taskQueue: cfg.taskQueue,
    topicPrefix: cfg.topicPrefix,
    ingressRefreshMs: cfg.ingressRefreshMs,
    timing: cfg.timing,
    policy: cfg.policy,
    log,
  });
  log(`routing ${eventTopics(cfg.topicPrefix).join(", ")} to task queue ${cfg.taskQueue}`);
  return async () => {
    await router.stop();
    await temporal.connection.close();
    await db.close();
  };
});
