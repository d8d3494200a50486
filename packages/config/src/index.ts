/**
 * The only module that reads process.env. Each service asks for the slice it needs;
 * everything else receives plain config objects.
 */
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { DEV_JWT_SECRET, productionSecretProblem } from "./secrets";

export { DEV_JWT_SECRET, KNOWN_JWT_SECRETS, MIN_SECRET_BYTES, productionSecretProblem } from "./secrets";

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const duration = (fallbackMs: number) => z.coerce.number().int().min(1).default(fallbackMs);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HUB_HOME: z.string().optional(),
  HUB_CACHE_DIR: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  KAFKA_BROKERS: z.string().optional(),
  /** This process's SASL/SCRAM-SHA-512 principal on the brokers; the launcher gives each service its own (<HUB_HOME>/kafka-credentials.json). */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default("default"),
  HUB_PG_PORT: port(15432),
  HUB_PG_DATABASE: z.string().default("teamkorea"),
  HUB_KAFKA_PORT: port(19092),
  HUB_KAFKA_CONTROLLER_PORT: port(19093),
  HUB_TEMPORAL_PORT: port(17233),
  HUB_TEMPORAL_UI_PORT: port(18233),
  API_HOST: z.string().default("127.0.0.1"),
  API_PORT: port(3000),
  /** Signs the hub's own tokens; development falls back to DEV_JWT_SECRET, production refuses it (secrets.ts). */
  JWT_SECRET: z.string().optional(),
  /** How long a token the hub issues lives; also the longest lifetime it accepts. */
  JWT_LIFETIME_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(12 * 60),
  /** dev: the hub signs tokens (dev-login outside production); oidc: an OpenID Connect provider does. */
  HUB_AUTH: z.enum(["dev", "oidc"]).default("dev"),
  /** The provider's issuer URL; with HUB_AUTH=oidc and none set, the launcher's Keycloak realm. */
  OIDC_ISSUER: z.string().url().optional(),
  /** The audience the provider puts in access tokens meant for this API. */
  OIDC_AUDIENCE: z.string().min(1).default("team-korea-hub"),
  /** The public client the browser signs in with (authorization code + PKCE). */
  OIDC_CLIENT_ID: z.string().min(1).default("team-korea-hub-web"),
  HUB_KEYCLOAK_PORT: port(18080),
  /** The cluster profile (npm run cluster:up, HUB_PROFILE=cluster): every port of it counts up from this one. */
  HUB_CLUSTER_PORT_BASE: port(22000),
  /** "cluster": `npm start` runs the production shape (three brokers, Temporal on PostgreSQL, replicas). */
  HUB_PROFILE: z.enum(["single", "cluster"]).default("single"),
  HUB_TOPIC_PREFIX: z.string().default(""),
  /** Event topics' layout when the hub creates them: partitions, copies, and copies that must hold a write (acks=all). */
  HUB_KAFKA_PARTITIONS: z.coerce.number().int().min(1).default(3),
  HUB_KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  HUB_KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).default(1),
  /** How often the router looks for organisations' new ingress topics (teamkorea.ingress.<ORG>) to read. */
  HUB_INGRESS_REFRESH_MS: duration(5_000),
  HUB_TASK_QUEUE: z.string().default("team-korea"),
  /** Length of a "day" on the task clock: 86400000 in production, seconds in tests. */
  HUB_DAY_MS: duration(24 * 3600_000),
  HUB_APPROVAL_TIMEOUT_DAYS: z.coerce.number().positive().default(3),
  HUB_REMINDER_LEAD_DAYS: z.coerce.number().min(0).default(2),
  /** Plans (anniversaries, mission plans) with a budget above this also need HQ's approval. */
  HUB_HQ_BUDGET_THRESHOLD_KRW: z.coerce.number().int().min(0).default(50_000_000),
  TEMPORAL_UI_URL: z.string().url().optional(),
  /** The built web app the API serves at `/` (set by the launcher, which builds it); none: `/` redirects to the docs. */
  HUB_WEB_DIR: z.string().min(1).optional(),
  /** Set by `npm test` for the test files: where the hub under test answers. */
  HUB_TEST_API_URL: z.string().url().optional(),
  HUB_TEST_API_PORT: port(3100),
  /** A second API that browser tests start in HUB_AUTH=oidc mode (test/src/web-oidc.e2e.test.ts); Keycloak must know its origin. */
  HUB_TEST_OIDC_API_PORT: port(3101),
  /** "1" when the launcher owns the Kafka broker, so fault tests may stop and restart it. */
  HUB_TEST_KAFKA_OWNED: z.enum(["0", "1"]).default("0"),
  /** How often the idle relay looks for unpublished outbox rows (a backlog is sent back to back). */
  HUB_RELAY_POLL_MS: duration(25),
  /** How often each API process looks for new changes to send down the live stream (GET /v1/stream). */
  HUB_STREAM_POLL_MS: duration(250),
  /** Live streams one user may hold open on one API process (a tab each); one more is answered 429. */
  HUB_STREAM_MAX_PER_USER: z.coerce.number().int().min(1).default(10),
  /** Workflows the worker keeps in memory; the rest are replayed from history when they next wake. Bounds the worker's RSS. */
  HUB_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(100),
  HUB_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // ── abuse limits (requests per minute; the API answers 429 with Retry-After beyond them) ──
  /** Sign-in attempts from one client IP. */
  HUB_RATE_SIGNIN_PER_IP: z.coerce.number().int().min(1).default(60),
  /** Sign-in attempts for one e-mail. */
  HUB_RATE_SIGNIN_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  /** Events and plans published by one user (systems publishing in bulk go straight to Kafka). */
  HUB_RATE_PUBLISH_PER_USER: z.coerce.number().int().min(1).default(600),
  // ── e-mail notices (services/relay/src/notices) ──
  /** The launcher's Mailpit: its web inbox and HTTP API, and its SMTP port. */
  HUB_MAILPIT_PORT: port(18025),
  HUB_SMTP_PORT: port(11025),
  /** The SMTP server notices go to (smtp://user:pass@host:port, smtps:// for TLS); set, the launcher starts no Mailpit. */
  HUB_SMTP_URL: z.string().url().optional(),
  /** The web app's address people open from an e-mail (links to /tasks/<id>, /approvals, /assignments); default the API's. */
  HUB_PUBLIC_URL: z.string().url().optional(),
  HUB_NOTICE_FROM: z.string().min(3).default("Team Korea Hub <hub@teamkorea.dev>"),
  /** A digest reader's notices gather this long after the first before one message goes out. */
  HUB_NOTICE_DIGEST_MS: duration(15 * 60_000),
  /** Sending attempts before a notice is parked with its reason (listed for admins). */
  HUB_NOTICE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** The first retry's delay; each further one doubles it, up to 10 minutes. */
  HUB_NOTICE_RETRY_MS: duration(2_000),
  HUB_NOTICE_POLL_MS: duration(500),
  // ── CloudEvents subscriptions (services/relay/src/subscriptions) ──
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
  /** Set by `npm test` for the test files: the Mailpit they read delivered mail from; "1" when the launcher owns it. */
  HUB_TEST_MAILPIT_URL: z.string().url().optional(),
  HUB_TEST_MAILPIT_OWNED: z.enum(["0", "1"]).default("0"),
});
export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

/** Where the local stack keeps state and logs (git-ignored) and where slow builds are cached. */
export function hubPaths(env: Env, repoRoot: string) {
  const home = path.resolve(repoRoot, env.HUB_HOME ?? ".hub");
  const cacheDir = path.resolve(env.HUB_CACHE_DIR ?? path.join(os.homedir(), ".cache", "team-korea-hub"));
  return { home, cacheDir, logs: path.join(home, "logs"), run: path.join(home, "run") };
}

export interface StackConfig {
  home: string;
  cacheDir: string;
  database: string;
  ports: {
    postgres: number;
    kafka: number;
    kafkaController: number;
    temporal: number;
    temporalUi: number;
    keycloak: number;
    /** Mailpit's web inbox and HTTP API, and its SMTP port. */
    mailpit: number;
    smtp: number;
  };
  /** External endpoints: when set, the launcher uses them and starts nothing for that component. */
  external: { databaseUrl?: string; kafkaBrokers?: string; temporalAddress?: string; oidcIssuer?: string; smtpUrl?: string };
  temporalNamespace: string;
  /** What the launcher's Keycloak realm is set up for: the API's clients and where the browser returns. */
  oidc: { audience: string; clientId: string; apiOrigins: string[] };
}

/** The realm the launcher's Keycloak imports (seeded accounts), and its issuer URL. */
export const KEYCLOAK_REALM = "team-korea";
export const localKeycloakIssuer = (port: number) => `http://127.0.0.1:${port}/realms/${KEYCLOAK_REALM}`;

export function stackConfig(env: Env, repoRoot: string): StackConfig {
  const { home, cacheDir } = hubPaths(env, repoRoot);
  return {
    home,
    cacheDir,
    database: env.HUB_PG_DATABASE,
    ports: {
      postgres: env.HUB_PG_PORT,
      kafka: env.HUB_KAFKA_PORT,
      kafkaController: env.HUB_KAFKA_CONTROLLER_PORT,
      temporal: env.HUB_TEMPORAL_PORT,
      temporalUi: env.HUB_TEMPORAL_UI_PORT,
      keycloak: env.HUB_KEYCLOAK_PORT,
      mailpit: env.HUB_MAILPIT_PORT,
      smtp: env.HUB_SMTP_PORT,
    },
    external: {
      databaseUrl: env.DATABASE_URL,
      kafkaBrokers: env.KAFKA_BROKERS,
      temporalAddress: env.TEMPORAL_ADDRESS,
      oidcIssuer: env.OIDC_ISSUER,
      smtpUrl: env.HUB_SMTP_URL,
    },
    temporalNamespace: env.TEMPORAL_NAMESPACE,
    oidc: {
      audience: env.OIDC_AUDIENCE,
      clientId: env.OIDC_CLIENT_ID,
      apiOrigins: [...new Set([env.HUB_TEST_API_PORT, env.HUB_TEST_OIDC_API_PORT, env.API_PORT])].flatMap((p) => [
        `http://127.0.0.1:${p}`,
        `http://localhost:${p}`,
      ]),
    },
  };
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

export function endpointsFromEnv(env: Env): Endpoints {
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
  nodeEnv: Env["NODE_ENV"];
  hubHome: string;
  topicPrefix: string;
  taskQueue: string;
  logLevel: Env["HUB_LOG_LEVEL"];
  relayPollMs: number;
  ingressRefreshMs: number;
  kafkaTopics: { partitions: number; replicationFactor: number; minInsyncReplicas: number };
  workerCachedWorkflows: number;
  timing: { dayMs: number; approvalTimeoutDays: number; reminderLeadDays: number };
  policy: { hqBudgetThresholdKrw: number };
}

export function serviceConfig(env: Env = readEnv()): ServiceConfig {
  return {
    ...endpointsFromEnv(env),
    temporalUiUrl: env.TEMPORAL_UI_URL,
    nodeEnv: env.NODE_ENV,
    hubHome: path.resolve(env.HUB_HOME ?? ".hub"),
    topicPrefix: env.HUB_TOPIC_PREFIX,
    taskQueue: env.HUB_TASK_QUEUE,
    logLevel: env.HUB_LOG_LEVEL,
    relayPollMs: env.HUB_RELAY_POLL_MS,
    ingressRefreshMs: env.HUB_INGRESS_REFRESH_MS,
    kafkaTopics: {
      partitions: env.HUB_KAFKA_PARTITIONS,
      replicationFactor: env.HUB_KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: env.HUB_KAFKA_MIN_INSYNC_REPLICAS,
    },
    workerCachedWorkflows: env.HUB_WORKER_CACHED_WORKFLOWS,
    timing: { dayMs: env.HUB_DAY_MS, approvalTimeoutDays: env.HUB_APPROVAL_TIMEOUT_DAYS, reminderLeadDays: env.HUB_REMINDER_LEAD_DAYS },
    policy: { hqBudgetThresholdKrw: env.HUB_HQ_BUDGET_THRESHOLD_KRW },
  };
}

/** Who signs the tokens the API accepts: the hub itself (dev) or an OpenID Connect provider. */
export type AuthConfig =
  | { mode: "dev"; jwtSecret: string; lifetimeS: number; devLogin: boolean }
  | { mode: "oidc"; issuer: string; audience: string; clientId: string };

/** Abuse limits, each a number of requests per window (one minute). */
export interface RateLimits {
  windowMs: number;
  signInPerIp: number;
  signInPerEmail: number;
  publishPerUser: number;
}

export interface ApiConfig extends ServiceConfig {
  api: { host: string; port: number; auth: AuthConfig; limits: RateLimits; webDir: string | null };
}

/** The environment of harnesses that drive one API far beyond a person's pace (npm test, npm run bench): limits lifted. */
export const HARNESS_RATE_LIMITS = {
  HUB_RATE_SIGNIN_PER_IP: "1000000",
  HUB_RATE_SIGNIN_PER_EMAIL: "1000000",
  HUB_RATE_PUBLISH_PER_USER: "1000000",
} as const;

export function rateLimits(env: Env): RateLimits {
  return {
    windowMs: 60_000,
    signInPerIp: env.HUB_RATE_SIGNIN_PER_IP,
    signInPerEmail: env.HUB_RATE_SIGNIN_PER_EMAIL,
    publishPerUser: env.HUB_RATE_PUBLISH_PER_USER,
  };
}

/** The hub's own signing settings; outside development only a secret of the operator's own passes. */
export function authConfig(env: Env): AuthConfig {
  if (env.HUB_AUTH === "oidc") {
    if (!env.OIDC_ISSUER) {
      throw new ConfigError(
        "OIDC_ISSUER is missing with HUB_AUTH=oidc: set it to your provider's issuer URL, or start with 'npm start' (which runs Keycloak)",
      );
    }
    return { mode: "oidc", issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE, clientId: env.OIDC_CLIENT_ID };
  }
  if (env.NODE_ENV === "production") {
    const problem = productionSecretProblem(env.JWT_SECRET);
    if (problem) throw new ConfigError(problem);
  }
  return {
    mode: "dev",
    jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
    lifetimeS: env.JWT_LIFETIME_MINUTES * 60,
    devLogin: env.NODE_ENV !== "production",
  };
}

/** The API's configuration: the shared one plus where it listens and how callers are authenticated. */
export function apiConfig(env: Env = readEnv()): ApiConfig {
  return {
    ...serviceConfig(env),
    api: { host: env.API_HOST, port: env.API_PORT, auth: authConfig(env), limits: rateLimits(env), webDir: env.HUB_WEB_DIR ?? null },
  };
}

/** The live stream (GET /v1/stream): how often the API polls the change feed, and how many streams a user may hold. */
export interface StreamConfig {
  pollMs: number;
  maxPerUser: number;
}

export function streamConfig(env: Env = readEnv()): StreamConfig {
  return { pollMs: env.HUB_STREAM_POLL_MS, maxPerUser: env.HUB_STREAM_MAX_PER_USER };
}

/** E-mail notices: where they are sent from and to, how they are timed and retried (services/relay/src/notices). */
export interface NoticeConfig {
  /** null: no mail server configured; notices wait in the outbox. */
  smtpUrl: string | null;
  publicUrl: string;
  from: string;
  digestMs: number;
  maxAttempts: number;
  retryMs: number;
  pollMs: number;
}

export function noticeConfig(env: Env = readEnv()): NoticeConfig {
  return {
    smtpUrl: env.HUB_SMTP_URL ?? null,
    publicUrl: (env.HUB_PUBLIC_URL ?? `http://${env.API_HOST}:${env.API_PORT}`).replace(/\/+$/, ""),
    from: env.HUB_NOTICE_FROM,
    digestMs: env.HUB_NOTICE_DIGEST_MS,
    maxAttempts: env.HUB_NOTICE_MAX_ATTEMPTS,
    retryMs: env.HUB_NOTICE_RETRY_MS,
    pollMs: env.HUB_NOTICE_POLL_MS,
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

export function subscriptionConfig(env: Env = readEnv()): SubscriptionConfig {
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

/** The admin entry that grants the hub's ACLs (packages/devstack/src/kafka-acls-main.ts, docker-compose.yml's kafka-acls). */
export function kafkaAdminConfig(env: Env = readEnv()) {
  if (!env.KAFKA_BROKERS || !env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) {
    throw new ConfigError("Set KAFKA_BROKERS, and KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD of the brokers' super user");
  }
  return {
    brokers: env.KAFKA_BROKERS.split(",")
      .map((b) => b.trim())
      .filter(Boolean),
    sasl: { username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD },
    topicPrefix: env.HUB_TOPIC_PREFIX,
  };
}

/** What test files need to find the hub that `npm test` started for them. */
export function testConfig(env: Env = readEnv()) {
  if (!env.HUB_TEST_API_URL) throw new ConfigError("HUB_TEST_API_URL is not set: run the tests with 'npm test'");
  return {
    apiUrl: env.HUB_TEST_API_URL,
    apiPort: env.HUB_TEST_API_PORT,
    oidcApiPort: env.HUB_TEST_OIDC_API_PORT,
    kafkaOwned: env.HUB_TEST_KAFKA_OWNED === "1",
    mailpitUrl: env.HUB_TEST_MAILPIT_URL ?? null,
    mailpitOwned: env.HUB_TEST_MAILPIT_OWNED === "1",
    service: serviceConfig(env),
    /** The launcher's Keycloak, which `npm test` always starts (test/src/oidc.test.ts signs in there). */
    keycloakIssuer: env.OIDC_ISSUER ?? localKeycloakIssuer(env.HUB_KEYCLOAK_PORT),
    env,
  };
}
