/**
 * Three Apache Kafka brokers in KRaft mode, each its own process and each also a controller (a
 * three-voter quorum), from the same jars as the single broker (kafka.ts). Topics get three
 * replicas and min.insync.replicas=2, so with acks=all one broker may die without losing an
 * acknowledged message or stopping producers.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Driver, Launch } from "./driver.js";
import type { StackConfig } from "./env.js";
import { requireJava } from "./java.js";
import { brokerLaunch, ensureJars, formatKraftStorage, newClusterId, renderLog4j } from "./kafka.js";
import { ensureKafkaCredentials, type KafkaPrincipals, readKafkaCredentials, saslBrokerProperties } from "./kafka-auth.js";

export { KAFKA_VERSION } from "./kafka.js";

import { kafkaMetadata } from "./kafka-probe.js";
import type { Log } from "./types.js";

export interface KafkaClusterPorts {
  /** Client listener of broker i (node id i + 1). */
  brokers: number[];
  /** Controller listener of broker i. */
  controllers: number[];
}

export const KAFKA_CLUSTER_SETTINGS = {
  replicationFactor: 3,
  minInsyncReplicas: 2,
} as const;

const NO_KAFKA = "(the cluster profile needs the Kafka jars from Maven Central)";

export function renderBrokerProperties(
  ports: KafkaClusterPorts,
  index: number,
  dataDir: string,
  partitions: number,
  principals: KafkaPrincipals,
): string {
  const voters = ports.controllers.map((c, i) => `${i + 1}@127.0.0.1:${c}`).join(",");
  const props: Record<string, string | number | boolean> = {
    "process.roles": "broker,controller",
    "node.id": index + 1,
    "controller.quorum.voters": voters,
    // Clients and the brokers' replication authenticate (SASL/SCRAM-SHA-512); the controllers talk on loopback.
    listeners: `SASL_PLAINTEXT://127.0.0.1:${ports.brokers[index]},CONTROLLER://127.0.0.1:${ports.controllers[index]}`,
    "advertised.listeners": `SASL_PLAINTEXT://127.0.0.1:${ports.brokers[index]}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "SASL_PLAINTEXT",
    "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
    ...saslBrokerProperties(principals["hub-admin"]),
    "log.dirs": dataDir,
    // What a production cluster runs: three copies of everything, two of which must have a write
    // before a producer with acks=all hears "done"; a replica that fell behind never becomes leader.
    "offsets.topic.replication.factor": KAFKA_CLUSTER_SETTINGS.replicationFactor,
    "transaction.state.log.replication.factor": KAFKA_CLUSTER_SETTINGS.replicationFactor,
    "transaction.state.log.min.isr": KAFKA_CLUSTER_SETTINGS.minInsyncReplicas,
    "default.replication.factor": KAFKA_CLUSTER_SETTINGS.replicationFactor,
    "min.insync.replicas": KAFKA_CLUSTER_SETTINGS.minInsyncReplicas,
    "unclean.leader.election.enable": false,
    "offsets.topic.num.partitions": 10,
    "transaction.state.log.num.partitions": 10,
    "num.partitions": partitions,
    "auto.create.topics.enable": true,
    "group.initial.rebalance.delay.ms": 0,
    // A killed broker is fenced (and its partitions move) within ~6 s rather than the default 9.
    "broker.session.timeout.ms": 6000,
    "broker.heartbeat.interval.ms": 1000,
  };
  const lines = Object.entries(props).map(([k, v]) => `${k}=${v}`);
  return `# Written by @hub/devstack (kafka-cluster.ts) on every start.\n${lines.join("\n")}\n`;
}

function brokerDirs(cfg: StackConfig) {
  const root = path.join(cfg.home, "kafka");
  return {
    root,
    data: path.join(root, "data"),
    properties: path.join(root, "server.properties"),
    log4j: path.join(root, "log4j.properties"),
    toolsLog4j: path.join(root, "log4j-tools.properties"),
  };
}

/** One id for all three brokers, kept beside them: storage formatted with another id will not join. */
async function sharedClusterId(file: string): Promise<string> {
  const existing = await fs.readFile(file, "utf8").catch(() => "");
  if (existing.trim()) return existing.trim();
  const id = newClusterId();
  await fs.mkdir(path.dirname(file), { recursive: true });
  // "wx": when two brokers start at once, the first to write wins and the other reads its id.
  await fs.writeFile(file, `${id}\n`, { flag: "wx" }).catch(() => undefined);
  return (await fs.readFile(file, "utf8")).trim();
}

const formatStorage = (d: ReturnType<typeof brokerDirs>, libs: string, clusterId: string, principals: KafkaPrincipals, log: Log, name: string) =>
  formatKraftStorage({
    dirs: d,
    libs,
    clusterId,
    principals,
    log,
    tag: "[cluster]",
    who: name,
    failure: `${name}: `,
    hint: "remove that directory to start over",
  });

/**
 * The driver of broker `index`, run with a StackConfig whose home is that broker's own folder
 * (cluster.ts gives each member one), so pid file, log and data never mix with another broker's.
 */
export function kafkaBroker(
  ports: KafkaClusterPorts,
  index: number,
  opts: { clusterIdFile: string; partitions: number; credentialsDir: string },
): Driver {
  const name = `kafka-${index + 1}`;
  const port = ports.brokers[index] as number;
  return {
    component: "kafka",
    ports: () => [
      { port, env: "HUB_CLUSTER_PORT_BASE" },
      { port: ports.controllers[index] as number, env: "HUB_CLUSTER_PORT_BASE" },
    ],
    address: () => `127.0.0.1:${port}`,
    external: () => undefined,
    checkExternal: async () => undefined,
    marker: (cfg) => brokerDirs(cfg).properties,
    stopSignal: "SIGTERM",
    stopTimeoutMs: 30_000,
    readyTimeoutMs: 180_000,
    progressEveryMs: 30_000,
    async prepare(cfg, log): Promise<Launch> {
      const d = brokerDirs(cfg);
      const [, libs] = await Promise.all([requireJava("kafka", NO_KAFKA), ensureJars(cfg, log)]);
      await fs.mkdir(d.data, { recursive: true });
      const principals = await ensureKafkaCredentials(opts.credentialsDir);
      await fs.writeFile(d.properties, renderBrokerProperties(ports, index, d.data, opts.partitions, principals), { mode: 0o600 });
      await fs.writeFile(d.log4j, renderLog4j("INFO"));
      await fs.writeFile(d.toolsLog4j, renderLog4j("WARN"));
      await formatStorage(d, libs, await sharedClusterId(opts.clusterIdFile), principals, log, name);
      return brokerLaunch(d, libs, { minMb: 192, maxMb: 384 });
    },
    async probe() {
      try {
        const brokers = await kafkaMetadata("127.0.0.1", port, 1500, readKafkaCredentials(opts.credentialsDir)["hub-admin"]);
        return brokers.some((b) => b.port === port);
      } catch {
        return false;
      }
    },
  };
}

/** The node ids of the brokers the cluster's metadata lists now (asked of any broker that answers). */
export async function liveBrokerIds(ports: KafkaClusterPorts, credentialsDir: string): Promise<number[]> {
  const admin = readKafkaCredentials(credentialsDir)["hub-admin"];
  for (const port of ports.brokers) {
    try {
      return (await kafkaMetadata("127.0.0.1", port, 1500, admin)).map((b) => b.nodeId).sort();
    } catch {
      // try the next broker
    }
  }
  return [];
}
