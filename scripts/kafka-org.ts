/**
 * `npm run kafka:org -- <ORG>`: gives an organisation's system its way in over Kafka on the
 * local stack (HUB_PROFILE=cluster: the cluster profile's brokers): its ingress topic
 * teamkorea.ingress.<ORG> (with HUB_TOPIC_PREFIX), its SCRAM-SHA-512 principal and the ACL that
 * lets it write that topic alone. Prints the credentials once; running it again resets the password.
 */
import { readStackEnv as readEnv, stackConfig } from "@hub/devstack";
import { CLUSTER_PARTITIONS, cluster } from "@hub/devstack/cluster";
import { repoRoot } from "@hub/devstack/hub-services";
import { KAFKA_CLUSTER_SETTINGS } from "@hub/devstack/kafka-cluster";
import { provisionOrgIngress } from "@hub/devstack/kafka-orgs";
import { oneLine } from "./env";

const env = readEnv();
const cfg = stackConfig(env, repoRoot);
const org = process.argv[2];
if (!org) {
  console.error("[kafka:org] usage: npm run kafka:org -- <ORG>   (an organisation code of the directory, e.g. KOTRA-US)");
  process.exit(2);
}
if (cfg.external.kafkaBrokers) {
  console.error(
    '[kafka:org] KAFKA_BROKERS names external brokers: give the organisation a principal and ACL there (README, "Publishing over Kafka")',
  );
  process.exit(2);
}
const onCluster = env.HUB_PROFILE === "cluster";
const c = onCluster ? cluster(cfg, env.HUB_CLUSTER_PORT_BASE) : null;
const target = c ? { brokers: c.kafkaBrokers, credentialsDir: c.home } : { brokers: [`127.0.0.1:${cfg.ports.kafka}`], credentialsDir: cfg.home };
const topics = c
  ? { partitions: CLUSTER_PARTITIONS, ...KAFKA_CLUSTER_SETTINGS }
  : {
      partitions: env.HUB_KAFKA_PARTITIONS,
      replicationFactor: env.HUB_KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: env.HUB_KAFKA_MIN_INSYNC_REPLICAS,
    };
try {
  const a = await provisionOrgIngress(cfg, target, { org, prefix: env.HUB_TOPIC_PREFIX, topics, log: (l) => console.error(l) });
  console.log(`
  Organisation   ${a.org}
  Topic          ${a.topic}   (only this principal may write it)
  Brokers        ${a.brokers.join(",")}   (SASL_PLAINTEXT, SCRAM-SHA-512)
  Username       ${a.username}
  Password       ${a.password}

  The password is shown this once; run the command again to set a new one.
`);
} catch (err) {
  console.error(`[kafka:org] ${oneLine(err)} (is the stack running? npm run stack:up)`);
  process.exit(1);
}
