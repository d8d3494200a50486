/**
 * The hub's small Kafka interface. kafkajs stays behind it (it is in maintenance mode), so a
 * switch to another client is a change to this package only.
 */
import { type Consumer, Kafka, type KafkaMessage, logLevel, Partitioners, type Producer } from "kafkajs";

export * from "./acls";

/** A SASL/SCRAM-SHA-512 principal (the broker refuses clients without one). */
export interface KafkaCredentials {
  username: string;
  password: string;
}

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Who this client is on the broker; none: an unauthenticated client, which a hub broker refuses. */
  sasl?: KafkaCredentials | null;
  /** kafkajs logs through this; default: warnings and errors to stderr as one line each. */
  log?: (level: "error" | "warn" | "info", message: string) => void;
}

export interface OutgoingMessage {
  topic: string;
  key: string | null;
  value: string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export function connectKafka(s: KafkaSettings): Kafka {
  const log = s.log ?? ((level, message) => level !== "info" && console.error(`[kafka] ${level}: ${message}`));
  return new Kafka({
    clientId: s.clientId,
    brokers: s.brokers,
    ...(s.sasl ? { sasl: { mechanism: "scram-sha-512" as const, username: s.sasl.username, password: s.sasl.password } } : {}),
    connectionTimeout: 3000,
    requestTimeout: 15000,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const level = entry.level === logLevel.ERROR ? "error" : entry.level === logLevel.WARN ? "warn" : "info";
      log(level, `${entry.namespace}: ${entry.log.message}`);
    },
  });
}

/** How event topics are laid out: the single-node stack keeps one copy, a cluster three (HUB_KAFKA_*). */
export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
  /** With acks=all, how many copies must hold a message before the producer hears "done". */
  minInsyncReplicas: number;
}
export const SINGLE_BROKER_TOPICS: TopicSettings = { partitions: 3, replicationFactor: 1, minInsyncReplicas: 1 };

/** Creates missing topics (partitions keyed by country). Safe to call concurrently and repeatedly. */
export async function ensureTopics(kafka: Kafka, topics: string[], layout: TopicSettings | number = SINGLE_BROKER_TOPICS): Promise<void> {
  // A bare number is a partition count on a single broker.
  const settings = typeof layout === "number" ? { ...SINGLE_BROKER_TOPICS, partitions: layout } : layout;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: [{ name: "min.insync.replicas", value: String(settings.minInsyncReplicas) }],
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

export interface HubProducer {
  /** Resolves once every message is acknowledged by all in-sync replicas (acks=all). */
  send(messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * At-least-once producer. kafkajs's idempotent mode is experimental (lost and out-of-order
 * messages under overlapping sends), so it is off, sends are serialised, and consumers dedupe.
 */
export async function createProducer(kafka: Kafka): Promise<HubProducer> {
  const producer: Producer = kafka.producer({
    allowAutoTopicCreation: true,
    maxInFlightRequests: 1,
    // Murmur2 on the key (the country), as the Java client does: one country, one partition.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let inFlight: Promise<unknown> = Promise.resolve();
  return {
    send(messages) {
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
      const run = inFlight.then(() =>
        producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, ms]) => ({
            topic,
            messages: ms.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
          })),
        }),
      );
      inFlight = run.catch(() => undefined);
      return run.then(() => undefined);
    },
    disconnect: () => producer.disconnect(),
  };
}

function decode(topic: string, partition: number, m: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = String(v);
  return { topic, partition, offset: m.offset, key: m.key?.toString("utf8") ?? null, value: m.value?.toString("utf8") ?? null, headers };
}

export interface ConsumerHandle {
  stop(): Promise<void>;
}

/**
 * Runs a consumer-group member. The handler either finishes (the offset is committed) or
 * throws for a transient fault (the message is redelivered); poison messages are the
 * handler's to park, so one bad message never stalls a partition.
 */
export async function runConsumer(
  kafka: Kafka,
  opts: { groupId: string; topics: string[]; fromBeginning?: boolean; handle: (m: IncomingMessage) => Promise<void> },
): Promise<ConsumerHandle> {
  const consumer: Consumer = kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: opts.topics, fromBeginning: opts.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        await opts.handle(decode(topic, partition, message));
        await heartbeat();
      },
    });
  } catch (err) {
    // A caller that tries again must not leave this one connected behind it.
    await consumer.disconnect().catch(() => undefined);
    throw err;
  }
  return { stop: () => consumer.disconnect() };
}

export type { Kafka };
