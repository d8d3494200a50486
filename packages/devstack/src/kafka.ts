/**
 * Apache Kafka 3.9 in KRaft mode (one node, broker and controller), run from Apache's own jars,
 * fetched once from Maven Central with the pom beside this package. kafkajs 2.2.4 was checked
 * against 4.0.0 and 4.4.0 too (docs/architecture.md, "Kafka 4.x"); moving there only changes logging (log4j2).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Driver, Launch } from "./driver.js";
import type { StackConfig } from "./env.js";
import { requireJava } from "./java.js";
import {
  addScramArgs,
  credentialsStamp,
  ensureKafkaCredentials,
  type KafkaPrincipals,
  readKafkaCredentials,
  saslBrokerProperties,
} from "./kafka-auth.js";
import { kafkaMetadata } from "./kafka-probe.js";
import { lastLines, parseHostPort, runCommand, seconds, tcpReachable } from "./process.js";
import { type Log, StackError } from "./types.js";

export const KAFKA_VERSION = "3.9.1";
const POM = fileURLToPath(new URL("../kafka/pom.xml", import.meta.url));
const NO_KAFKA = "or set KAFKA_BROKERS to an existing broker";

function dirs(cfg: StackConfig) {
  const root = path.join(cfg.home, "kafka");
  return {
    root,
    data: path.join(root, "data"),
    properties: path.join(root, "server.properties"),
    log4j: path.join(root, "log4j.properties"),
    toolsLog4j: path.join(root, "log4j-tools.properties"),
    libs: path.join(cfg.cacheDir, `kafka-${KAFKA_VERSION}`, "libs"),
  };
}

export function renderServerProperties(cfg: StackConfig, dataDir: string, principals: KafkaPrincipals): string {
  const { kafka, kafkaController } = cfg.ports;
  const props: Record<string, string | number | boolean> = {
    "process.roles": "broker,controller",
    "node.id": 1,
    "controller.quorum.voters": `1@127.0.0.1:${kafkaController}`,
    // Clients authenticate (SASL/SCRAM-SHA-512) and are authorised by ACLs; the controller stays on loopback.
    listeners: `SASL_PLAINTEXT://127.0.0.1:${kafka},CONTROLLER://127.0.0.1:${kafkaController}`,
    "advertised.listeners": `SASL_PLAINTEXT://127.0.0.1:${kafka}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "SASL_PLAINTEXT",
    "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
    ...saslBrokerProperties(principals["hub-admin"]),
    "log.dirs": dataDir,
    // One broker: every internal topic must make do with one replica, or consumer groups never
    // find a coordinator and transactional/idempotent producers stall.
    "offsets.topic.replication.factor": 1,
    "transaction.state.log.replication.factor": 1,
    "transaction.state.log.min.isr": 1,
    "min.insync.replicas": 1,
    "default.replication.factor": 1,
    // Fewer internal partitions than the default 50 each: the first consumer group and the first
    // idempotent producer get their coordinator sooner on 2 cores.
    "offsets.topic.num.partitions": 10,
    "transaction.state.log.num.partitions": 10,
    "auto.create.topics.enable": true,
    "num.partitions": 3,
    "group.initial.rebalance.delay.ms": 0,
  };
  const lines = Object.entries(props).map(([k, v]) => `${k}=${v}`);
  return `# Written by @hub/devstack on every start; edit src/kafka.ts instead.\n${lines.join("\n")}\n`;
}

/** Kafka logs through log4j 1.x (reload4j); without a config it prints nothing at all. */
export function renderLog4j(level: "INFO" | "WARN"): string {
  return [
    `log4j.rootLogger=${level}, stdout`,
    "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
    "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
    "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
    // Each config object dumps every setting at INFO: hundreds of lines per start.
    "log4j.logger.kafka.server.KafkaConfig=WARN",
    "log4j.logger.org.apache.kafka.common.config.AbstractConfig=WARN",
    "log4j.logger.org.apache.kafka.clients=WARN",
    "",
  ].join("\n");
}

/** A Kafka cluster id: 16 random bytes, base64url; Kafka rejects ids starting with "-" on its CLI. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

export async function ensureJars(cfg: StackConfig, log: Log): Promise<string> {
  const { libs } = dirs(cfg);
  if (existsSync(path.join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return libs;
  const started = Date.now();
  log(`[stack] kafka: fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central (first run only)…`);
  // Fetched beside the cache and renamed into place, so an interrupted fetch is never taken for a complete one.
  const partial = `${libs}.partial-${process.pid}`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(path.dirname(libs), { recursive: true });
  const result = await runCommand(
    "mvn",
    ["-q", "-B", "-f", POM, "dependency:copy-dependencies", "-DincludeScope=runtime", `-DoutputDirectory=${partial}`],
    { timeoutMs: 15 * 60_000, onTick: () => log(`[stack] kafka: still fetching jars… ${seconds(started)}`) },
  );
  if (result.spawnError) {
    throw new StackError(
      "kafka",
      `the Kafka ${KAFKA_VERSION} jars are not cached and Maven was not found`,
      `install Maven (apt-get install maven) ${NO_KAFKA}`,
    );
  }
  if (result.code !== 0) {
    for (const line of lastLines(result.output, 10)) log(`[stack]   ${line}`);
    await fs.rm(partial, { recursive: true, force: true });
    throw new StackError(
      "kafka",
      `Maven could not fetch the Kafka jars (exit ${result.code})`,
      `check access to Maven Central (output above) ${NO_KAFKA}`,
    );
  }
  try {
    await fs.rename(partial, libs);
  } catch (err) {
    // Another launcher finished the same fetch first; its copy is as good as ours.
    await fs.rm(partial, { recursive: true, force: true });
    if (!existsSync(libs)) throw err;
  }
  log(`[stack] kafka: jars cached in ${libs} (${seconds(started)})`);
  return libs;
}

/** How one broker runs, for the single node and for each broker of the cluster profile alike. */
export function brokerLaunch(d: { root: string; log4j: string; properties: string }, libs: string, heap: { minMb: number; maxMb: number }): Launch {
  return {
    command: "java",
    args: [
      `-Xms${heap.minMb}m`,
      `-Xmx${heap.maxMb}m`,
      "-XX:+UseG1GC",
      "-XX:MaxGCPauseMillis=20",
      "-XX:+ExitOnOutOfMemoryError",
      "-Djava.awt.headless=true",
      `-Dlog4j.configuration=file:${d.log4j}`,
      "-cp",
      `${libs}/*`,
      "kafka.Kafka",
      d.properties,
    ],
    cwd: d.root,
  };
}

/**
 * The stamp file beside the data says which credentials the storage was formatted with. Storage
 * without it (formatted before the brokers required authentication) or with another stamp has
 * principals nobody knows the passwords of: it is formatted anew. Returns whether to format.
 */
export async function storageNeedsFormat(dataDir: string, principals: KafkaPrincipals, log: Log, name: string): Promise<boolean> {
  const stampFile = path.join(path.dirname(dataDir), "scram-stamp");
  const stamp = credentialsStamp(principals);
  if (existsSync(path.join(dataDir, "meta.properties"))) {
    const existing = await fs.readFile(stampFile, "utf8").catch(() => "");
    if (existing.trim() === stamp) return false;
    log(
      `${name}: the storage predates these SCRAM credentials (broker authentication); formatting it anew, Kafka's messages are dropped (the outbox and event log in PostgreSQL are kept)`,
    );
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.mkdir(dataDir, { recursive: true });
  }
  await fs.writeFile(stampFile, `${stamp}\n`);
  return true;
}

/**
 * Formats a broker's KRaft storage once (with the hub's principals as SCRAM users), for the
 * single broker and each broker of the cluster profile alike. `tag` and `who` name it in logs
 * ("[stack]" "kafka", "[cluster]" "kafka-2"); `failure` prefixes the error and `hint` ends it.
 */
export async function formatKraftStorage(o: {
  dirs: { root: string; data: string; properties: string; toolsLog4j: string };
  libs: string;
  clusterId: string;
  principals: KafkaPrincipals;
  log: Log;
  tag: string;
  who: string;
  failure: string;
  hint: string;
}): Promise<void> {
  const d = o.dirs;
  if (!(await storageNeedsFormat(d.data, o.principals, o.log, `${o.tag} ${o.who}`))) return;
  o.log(`${o.tag} ${o.who}: formatting KRaft storage (first start only)`);
  const result = await runCommand(
    "java",
    [
      `-Dlog4j.configuration=file:${d.toolsLog4j}`,
      "-cp",
      `${o.libs}/*`,
      "kafka.tools.StorageTool",
      "format",
      "-t",
      o.clusterId,
      "-c",
      d.properties,
      ...addScramArgs(o.principals),
    ],
    { cwd: d.root, timeoutMs: 120_000 },
  );
  if (result.code !== 0) {
    for (const line of lastLines(result.output, 10)) o.log(`${o.tag}   ${line}`);
    throw new StackError("kafka", `${o.failure}formatting KRaft storage in ${d.data} failed (exit ${result.code})`, o.hint);
  }
}

const formatStorage = (cfg: StackConfig, libs: string, principals: KafkaPrincipals, log: Log) =>
  formatKraftStorage({
    dirs: dirs(cfg),
    libs,
    clusterId: newClusterId(),
    principals,
    log,
    tag: "[stack]",
    who: "kafka",
    failure: "",
    hint: "see the output above; remove that directory to start over",
  });

export const kafka: Driver = {
  component: "kafka",
  ports: (cfg) => [
    { port: cfg.ports.kafka, env: "HUB_KAFKA_PORT" },
    { port: cfg.ports.kafkaController, env: "HUB_KAFKA_CONTROLLER_PORT" },
  ],
  address: (cfg) => `127.0.0.1:${cfg.ports.kafka}`,
  external: (cfg) => cfg.external.kafkaBrokers || undefined,
  async checkExternal(cfg) {
    const brokers = (cfg.external.kafkaBrokers ?? "")
      .split(",")
      .map((b) => b.trim())
      .filter(Boolean);
    for (const broker of brokers) {
      const { host, port } = parseHostPort(broker, 9092);
      if (await tcpReachable(host, port, 3000)) return undefined;
    }
    return `no broker in KAFKA_BROKERS (${brokers.join(",") || "empty"}) accepts connections`;
  },
  marker: (cfg) => dirs(cfg).properties,
  stopSignal: "SIGTERM",
  stopTimeoutMs: 30_000,
  readyTimeoutMs: 120_000,
  async prepare(cfg, log): Promise<Launch> {
    const d = dirs(cfg);
    const [, libs] = await Promise.all([requireJava("kafka", NO_KAFKA), ensureJars(cfg, log)]);
    await fs.mkdir(d.data, { recursive: true });
    const principals = await ensureKafkaCredentials(cfg.home);
    // Rewritten every start so a changed HUB_KAFKA_PORT takes effect on the same data. It holds the admin's password: owner only.
    await fs.writeFile(d.properties, renderServerProperties(cfg, d.data, principals), { mode: 0o600 });
    await fs.writeFile(d.log4j, renderLog4j("INFO"));
    await fs.writeFile(d.toolsLog4j, renderLog4j("WARN"));
    await formatStorage(cfg, libs, principals, log);
    return brokerLaunch(d, libs, { minMb: 256, maxMb: 512 });
  },
  async probe(cfg) {
    try {
      const brokers = await kafkaMetadata("127.0.0.1", cfg.ports.kafka, 1500, readKafkaCredentials(cfg.home)["hub-admin"]);
      return brokers.some((b) => b.port === cfg.ports.kafka);
    } catch {
      return false;
    }
  },
};
