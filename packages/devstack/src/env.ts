/** The launcher's settings (npm start, npm test, npm run bench, the cluster profile): its ports, folders and profile. */
import os from "node:os";
import path from "node:path";
import { ConfigError, parseEnv, port, SharedEnvSchema, z } from "@hub/config";

export const StackEnvShape = {
  HUB_CACHE_DIR: z.string().optional(),
  HUB_PG_PORT: port(15432),
  HUB_PG_DATABASE: z.string().default("teamkorea"),
  HUB_KAFKA_PORT: port(19092),
  HUB_KAFKA_CONTROLLER_PORT: port(19093),
  HUB_TEMPORAL_PORT: port(17233),
  HUB_TEMPORAL_UI_PORT: port(18233),
  HUB_KEYCLOAK_PORT: port(18080),
  /** The launcher's Mailpit: its web inbox and HTTP API, and its SMTP port. */
  HUB_MAILPIT_PORT: port(18025),
  HUB_SMTP_PORT: port(11025),
  /** The launcher's MinIO (the object store for files attached to tasks): its S3 API, and its web console. */
  HUB_MINIO_PORT: port(19000),
  HUB_MINIO_CONSOLE_PORT: port(19001),
  /** The cluster profile (npm run cluster:up, HUB_PROFILE=cluster): every port of it counts up from this one. */
  HUB_CLUSTER_PORT_BASE: port(22000),
  /** "cluster": `npm start` runs the production shape (three brokers, Temporal on PostgreSQL, replicas). */
  HUB_PROFILE: z.enum(["single", "cluster"]).default("single"),
  /** Where `npm test` runs the API under test, and the second (HUB_AUTH=oidc) one of the browser tests; Keycloak's realm accepts their origins. */
  HUB_TEST_API_PORT: port(3100),
  HUB_TEST_OIDC_API_PORT: port(3101),
  // ── the API's settings the launcher reads too (services/api/src/env.ts): its port, the realm's clients; the relay's mail server ──
  API_HOST: z.string().default("127.0.0.1"),
  API_PORT: port(3000),
  /** `npm start` runs Keycloak for HUB_AUTH=oidc when no OIDC_ISSUER is set. */
  HUB_AUTH: z.enum(["dev", "oidc"]).default("dev"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().min(1).default("team-korea-hub"),
  OIDC_CLIENT_ID: z.string().min(1).default("team-korea-hub-web"),
  HUB_SMTP_URL: z.string().url().optional(),
  /** The API's object store: set, the launcher starts no MinIO. */
  HUB_S3_URL: z.string().url().optional(),
};
export const StackEnvSchema = SharedEnvSchema.extend(StackEnvShape);
export type StackEnv = z.infer<typeof StackEnvSchema>;

export const readStackEnv = (env: NodeJS.ProcessEnv = process.env): StackEnv => parseEnv(StackEnvSchema, env);

/** Where the local stack keeps state and logs (git-ignored) and where slow builds are cached. */
export function hubPaths(env: StackEnv, repoRoot: string) {
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
    /** MinIO's S3 API and its web console. */
    minio: number;
    minioConsole: number;
  };
  /** External endpoints: when set, the launcher uses them and starts nothing for that component. */
  external: { databaseUrl?: string; kafkaBrokers?: string; temporalAddress?: string; oidcIssuer?: string; smtpUrl?: string; s3Url?: string };
  temporalNamespace: string;
  /** What the launcher's Keycloak realm is set up for: the API's clients and where the browser returns. */
  oidc: { audience: string; clientId: string; apiOrigins: string[] };
}

/** The realm the launcher's Keycloak imports (seeded accounts), and its issuer URL. */
export const KEYCLOAK_REALM = "team-korea";
export const localKeycloakIssuer = (port: number) => `http://127.0.0.1:${port}/realms/${KEYCLOAK_REALM}`;

export function stackConfig(env: StackEnv, repoRoot: string): StackConfig {
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
      minio: env.HUB_MINIO_PORT,
      minioConsole: env.HUB_MINIO_CONSOLE_PORT,
    },
    external: {
      databaseUrl: env.DATABASE_URL,
      kafkaBrokers: env.KAFKA_BROKERS,
      temporalAddress: env.TEMPORAL_ADDRESS,
      oidcIssuer: env.OIDC_ISSUER,
      smtpUrl: env.HUB_SMTP_URL,
      s3Url: env.HUB_S3_URL,
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

/** The environment of harnesses that drive one API far beyond a person's pace (npm test, npm run bench): limits lifted. */
export const HARNESS_RATE_LIMITS = {
  HUB_RATE_SIGNIN_PER_IP: "1000000",
  HUB_RATE_SIGNIN_PER_EMAIL: "1000000",
  HUB_RATE_PUBLISH_PER_USER: "1000000",
} as const;

/** The admin entry that grants the hub's ACLs (packages/devstack/src/kafka-acls-main.ts, docker-compose.yml's kafka-acls). */
export function kafkaAdminConfig(env: StackEnv = readStackEnv()) {
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
