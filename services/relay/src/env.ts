/** The relay's own settings: how often it polls the outbox, and e-mail notices (services/relay/src/notices). */
import { duration, parseEnv, port, type ServiceConfig, SharedEnvSchema, serviceConfig, z } from "@hub/config";

export const RelayEnvShape = {
  /** How often the idle relay looks for unpublished outbox rows (a backlog is sent back to back). */
  HUB_RELAY_POLL_MS: duration(25),
  /** The SMTP server notices go to (smtp://user:pass@host:port, smtps:// for TLS); set, the launcher starts no Mailpit. */
  HUB_SMTP_URL: z.string().url().optional(),
  /** The web app's address people open from an e-mail (links to /tasks/<id>, /approvals, /assignments); default the API's. */
  HUB_PUBLIC_URL: z.string().url().optional(),
  /** Where the API listens: the default of HUB_PUBLIC_URL (services/api/src/env.ts reads them too). */
  API_HOST: z.string().default("127.0.0.1"),
  API_PORT: port(3000),
  HUB_NOTICE_FROM: z.string().min(3).default("Team Korea Hub <hub@teamkorea.dev>"),
  /** A digest reader's notices gather this long after the first before one message goes out. */
  HUB_NOTICE_DIGEST_MS: duration(15 * 60_000),
  /** Sending attempts before a notice is parked with its reason (listed for admins). */
  HUB_NOTICE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** The first retry's delay; each further one doubles it, up to 10 minutes. */
  HUB_NOTICE_RETRY_MS: duration(2_000),
  HUB_NOTICE_POLL_MS: duration(500),
};
export const RelayEnvSchema = SharedEnvSchema.extend(RelayEnvShape);
export type RelayEnv = z.infer<typeof RelayEnvSchema>;

export const readRelayEnv = (env: NodeJS.ProcessEnv = process.env): RelayEnv => parseEnv(RelayEnvSchema, env);

export function relayConfig(env: RelayEnv = readRelayEnv()): ServiceConfig & { relayPollMs: number } {
  return { ...serviceConfig(env), relayPollMs: env.HUB_RELAY_POLL_MS };
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

export function noticeConfig(env: RelayEnv = readRelayEnv()): NoticeConfig {
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
