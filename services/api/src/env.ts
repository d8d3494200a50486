/** The API's own settings: where it listens, who signs tokens, abuse limits, the live stream. */
import {
  ConfigError,
  DEV_JWT_SECRET,
  duration,
  parseEnv,
  port,
  productionSecretProblem,
  type ServiceConfig,
  SharedEnvSchema,
  serviceConfig,
  z,
} from "@hub/config";
import type { ObjectStoreConfig } from "@hub/objects";

export const ApiEnvShape = {
  API_HOST: z.string().default("127.0.0.1"),
  API_PORT: port(3000),
  /** Signs the hub's own tokens; development falls back to DEV_JWT_SECRET, production refuses it (packages/config/src/secrets.ts). */
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
  /** The built web app the API serves at `/` (set by the launcher, which builds it); none: `/` redirects to the docs. */
  HUB_WEB_DIR: z.string().min(1).optional(),
  // ── abuse limits (requests per minute; the API answers 429 with Retry-After beyond them) ──
  /** Sign-in attempts from one client IP. */
  HUB_RATE_SIGNIN_PER_IP: z.coerce.number().int().min(1).default(60),
  /** Sign-in attempts for one e-mail. */
  HUB_RATE_SIGNIN_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  /** Events and plans published by one user (systems publishing in bulk go straight to Kafka). */
  HUB_RATE_PUBLISH_PER_USER: z.coerce.number().int().min(1).default(600),
  /** How often each API process looks for new changes to send down the live stream (GET /v1/stream). */
  HUB_STREAM_POLL_MS: duration(250),
  /** Live streams one user may hold open on one API process (a tab each); one more is answered 429. */
  HUB_STREAM_MAX_PER_USER: z.coerce.number().int().min(1).default(10),
  /** How often each API process looks for approvals a departed head left pending (they pass to the acting head or HQ). */
  HUB_VACANCY_SWEEP_MS: duration(5000),
  // ── files attached to tasks (docs/documents.md): the S3-compatible object store and the limits ──
  /** The S3 endpoint; the launcher sets its MinIO's. Unset outside the launcher: AWS's own endpoint for HUB_S3_REGION. */
  HUB_S3_URL: z.string().url().optional(),
  HUB_S3_REGION: z.string().min(1).default("us-east-1"),
  HUB_S3_BUCKET: z.string().min(3).max(63).default("team-korea-hub"),
  /** Unset: the AWS SDK's default credentials (AWS_ACCESS_KEY_ID…, an instance or task role). */
  HUB_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  HUB_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (host/bucket/key), which MinIO and most self-hosted stores need; "false" for virtual-hosted buckets. */
  HUB_S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("true"),
  /** The largest file one upload may carry, in bytes (25 MiB). */
  HUB_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(25 * 1024 * 1024),
  /** All the files of one task together, in bytes (250 MiB). */
  HUB_TASK_FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(250 * 1024 * 1024),
};
export const ApiEnvSchema = SharedEnvSchema.extend(ApiEnvShape);
export type ApiEnv = z.infer<typeof ApiEnvSchema>;

export const readApiEnv = (env: NodeJS.ProcessEnv = process.env): ApiEnv => parseEnv(ApiEnvSchema, env);

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

/** How large the files attached to tasks may be: each one, and all of one task's together. */
export interface FileLimits {
  maxFileBytes: number;
  maxTaskBytes: number;
}

export interface ApiConfig extends ServiceConfig {
  api: { host: string; port: number; auth: AuthConfig; limits: RateLimits; webDir: string | null; files: FileLimits };
}

export function rateLimits(env: ApiEnv): RateLimits {
  return {
    windowMs: 60_000,
    signInPerIp: env.HUB_RATE_SIGNIN_PER_IP,
    signInPerEmail: env.HUB_RATE_SIGNIN_PER_EMAIL,
    publishPerUser: env.HUB_RATE_PUBLISH_PER_USER,
  };
}

/** The hub's own signing settings; outside development only a secret of the operator's own passes. */
export function authConfig(env: ApiEnv): AuthConfig {
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
export function apiConfig(env: ApiEnv = readApiEnv()): ApiConfig {
  return {
    ...serviceConfig(env),
    api: {
      host: env.API_HOST,
      port: env.API_PORT,
      auth: authConfig(env),
      limits: rateLimits(env),
      webDir: env.HUB_WEB_DIR ?? null,
      files: { maxFileBytes: env.HUB_FILE_MAX_BYTES, maxTaskBytes: env.HUB_TASK_FILES_MAX_BYTES },
    },
  };
}

/** The object store the API keeps files in (a partial pair of keys is refused: one without the other is a typo, not a choice). */
export function objectStoreConfig(env: ApiEnv = readApiEnv()): ObjectStoreConfig {
  if (Boolean(env.HUB_S3_ACCESS_KEY_ID) !== Boolean(env.HUB_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError("Set both HUB_S3_ACCESS_KEY_ID and HUB_S3_SECRET_ACCESS_KEY, or neither (the AWS SDK's default credentials)");
  }
  return {
    endpoint: env.HUB_S3_URL ?? null,
    region: env.HUB_S3_REGION,
    bucket: env.HUB_S3_BUCKET,
    credentials:
      env.HUB_S3_ACCESS_KEY_ID && env.HUB_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.HUB_S3_ACCESS_KEY_ID, secretAccessKey: env.HUB_S3_SECRET_ACCESS_KEY }
        : null,
    forcePathStyle: env.HUB_S3_FORCE_PATH_STYLE === "true",
  };
}

/** The live stream (GET /v1/stream): how often the API polls the change feed, and how many streams a user may hold. */
export interface StreamConfig {
  pollMs: number;
  maxPerUser: number;
}

export function streamConfig(env: ApiEnv = readApiEnv()): StreamConfig {
  return { pollMs: env.HUB_STREAM_POLL_MS, maxPerUser: env.HUB_STREAM_MAX_PER_USER };
}

/** The vacancy sweep (vacancy-sweep.ts): how often it looks for a departed head's pending approvals. */
export function vacancyConfig(env: ApiEnv = readApiEnv()): { sweepMs: number } {
  return { sweepMs: env.HUB_VACANCY_SWEEP_MS };
}
