/**
 * What every consumer shares: the parsing helpers, the endpoints every service connects to, and
 * the names that keep environments apart. Each consumer reads its own settings in its own env
 * module (services/<name>/src/env.ts, packages/devstack/src/env.ts, test/src/support/env.ts),
 * whose schema extends SharedEnvSchema; docs/configuration.md has one table per module.
 */
import path from "node:path";
import { z } from "zod";

export { DEV_JWT_SECRET, KNOWN_JWT_SECRETS, MIN_SECRET_BYTES, productionSecretProblem } from "./secrets";
/** zod, for the consumers' own env modules (so they build their schemas with the same one). */
export { z };

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
export const duration = (fallbackMs: number) => z.coerce.number().int().min(1).default(fallbackMs);

export class ConfigError extends Error {}

/** Parses the environment with one consumer's schema: "Invalid environment: FIELD: message; …" when a value is bad. */
export function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

export const SharedEnvShape = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** The launcher's state folder; the worker caches its workflow bundle under it. */
  HUB_HOME: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  KAFKA_BROKERS: z.string().optional(),
  /** This process's SASL/SCRAM-SHA-512 principal on the brokers; the launcher gives each service its own (<HUB_HOME>/kafka-credentials.json). */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default("default"),
  TEMPORAL_UI_URL: z.string().url().optional(),
  HUB_TOPIC_PREFIX: z.string().default(""),
  /** Event topics' layout when the hub creates them (the relay and the router at start, the launcher for ingress topics). */
  HUB_KAFKA_PARTITIONS: z.coerce.number().int().min(1).default(3),
  HUB_KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  HUB_KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).default(1),
  HUB_TASK_QUEUE: z.string().default("team-korea"),
  HUB_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // ── CloudEvents subscriptions: the API checks receivers' hosts when one is created, the relay when it delivers ──
  /**
   * Hosts subscribers' URLs may name, comma-separated (exact names, or *.example.org for a
   * domain's subdomains). Unset: outside production only this machine (127.0.0.1, localhost,
   * ::1); in production any host except loopback, private and link-local addresses.
   */
  HUB_SUBSCRIPTION_ALLOW_HOSTS: z.string().optional(),
  /** Delivery attempts of one CloudEvent before its subscription is parked with the reason. */
  HUB_SUBSCRIPTION_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** The first retry's delay; each further one doubles it, up to 5 minutes. */
  HUB_SUBSCRIPTION_RETRY_MS: duration(1_000),
  /** How often the relay looks for new changes to offer subscribers and for deliveries due. */
  HUB_SUBSCRIPTION_POLL_MS: duration(250),
};
export const SharedEnvSchema = z.object(SharedEnvShape);
export type SharedEnv = z.infer<typeof SharedEnvSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): SharedEnv {
  return parseEnv(SharedEnvSchema, env);
}

/** Connection settings every service shares; the launcher fills them in when it owns the stack. */
export interface Endpoints {
  databaseUrl: string;
  kafkaBrokers: string[];
  /** The SASL/SCRAM-SHA-512 principal this process authenticates as; null: none (refused by the hub's brokers). */
  kafkaSasl: { username: string; password: string } | null;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl?: string;
}

export function endpointsFromEnv(env: SharedEnv): Endpoints {
  const missing = (["DATABASE_URL", "KAFKA_BROKERS", "TEMPORAL_ADDRESS"] as const).filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new ConfigError(`Missing ${missing.join(", ")}: start the services with 'npm start', or set them.`);
  }
  if (Boolean(env.KAFKA_SASL_USERNAME) !== Boolean(env.KAFKA_SASL_PASSWORD)) {
    throw new ConfigError("Set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD together (this process's principal on the brokers)");
  }
  return {
    databaseUrl: env.DATABASE_URL as string,
    kafkaBrokers: (env.KAFKA_BROKERS as string)
      .split(",")
      .map((b) => b.trim())
      .filter(Boolean),
    kafkaSasl: env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD ? { username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } : null,
    temporalAddress: env.TEMPORAL_ADDRESS as string,
    temporalNamespace: env.TEMPORAL_NAMESPACE,
  };
}

export interface ServiceConfig extends Endpoints {
  nodeEnv: SharedEnv["NODE_ENV"];
  hubHome: string;
  topicPrefix: string;
  taskQueue: string;
  logLevel: SharedEnv["HUB_LOG_LEVEL"];
  kafkaTopics: { partitions: number; replicationFactor: number; minInsyncReplicas: number };
}

/** What every service reads: the endpoints and the names that keep environments apart. */
export function serviceConfig(env: SharedEnv = readEnv()): ServiceConfig {
  return {
    ...endpointsFromEnv(env),
    temporalUiUrl: env.TEMPORAL_UI_URL,
    nodeEnv: env.NODE_ENV,
    hubHome: path.resolve(env.HUB_HOME ?? ".hub"),
    topicPrefix: env.HUB_TOPIC_PREFIX,
    taskQueue: env.HUB_TASK_QUEUE,
    logLevel: env.HUB_LOG_LEVEL,
    kafkaTopics: {
      partitions: env.HUB_KAFKA_PARTITIONS,
      replicationFactor: env.HUB_KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: env.HUB_KAFKA_MIN_INSYNC_REPLICAS,
    },
  };
}

/** Outbound CloudEvents subscriptions: which receivers are allowed, and how deliveries are retried. */
export interface SubscriptionConfig {
  /** null: the default rule (see HUB_SUBSCRIPTION_ALLOW_HOSTS). */
  allowHosts: string[] | null;
  production: boolean;
  maxAttempts: number;
  retryMs: number;
  pollMs: number;
}

export function subscriptionConfig(env: SharedEnv = readEnv()): SubscriptionConfig {
  const hosts = env.HUB_SUBSCRIPTION_ALLOW_HOSTS?.split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return {
    allowHosts: hosts && hosts.length > 0 ? hosts : null,
    production: env.NODE_ENV === "production",
    maxAttempts: env.HUB_SUBSCRIPTION_MAX_ATTEMPTS,
    retryMs: env.HUB_SUBSCRIPTION_RETRY_MS,
    pollMs: env.HUB_SUBSCRIPTION_POLL_MS,
  };
}
