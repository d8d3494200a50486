/**
 * Mailpit: a real local SMTP server with a web inbox and an HTTP API, where the hub's e-mail
 * notices land in development and in `npm test` (which reads them through /api/v1/messages and
 * /api/v1/search). Built once with `go install` and cached like the Temporal CLI. Its messages
 * live in a file under HUB_HOME, so a stopped and restarted Mailpit still lists what it had
 * received (the tests count deliveries across such a restart). HUB_SMTP_URL set: none is started.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Driver, Launch } from "./driver.js";
import type { StackConfig } from "./env.js";
import { ensureGoBinary, type GoProgram } from "./go-install.js";
import { tcpReachable } from "./process.js";

export const MAILPIT_VERSION = "v1.33.1";
export const MAILPIT: GoProgram = {
  component: "mailpit",
  label: "Mailpit",
  module: "github.com/axllent/mailpit",
  version: MAILPIT_VERSION,
  binary: "mailpit",
  alternative: "or set HUB_SMTP_URL to an SMTP server",
};

/** Messages Mailpit keeps before deleting the oldest; its default (500) is less than one full test run sends. */
const MAX_MESSAGES = 20_000;

function dirs(cfg: StackConfig) {
  const root = path.join(cfg.home, "mailpit");
  return { root, db: path.join(root, "mailpit.db") };
}

export const mailpitUrl = (cfg: StackConfig) => `http://127.0.0.1:${cfg.ports.mailpit}`;
export const localSmtpUrl = (cfg: StackConfig) => `smtp://127.0.0.1:${cfg.ports.smtp}`;

export function mailpitArgs(cfg: StackConfig, dbFile: string): string[] {
  return [
    "--listen",
    `127.0.0.1:${cfg.ports.mailpit}`,
    "--smtp",
    `127.0.0.1:${cfg.ports.smtp}`,
    "--database",
    dbFile,
    "--max",
    String(MAX_MESSAGES),
    // Loopback only and no credentials: the hub sends plain SMTP, as to a relay inside a network.
    "--smtp-auth-accept-any",
    "--smtp-auth-allow-insecure",
    "--disable-version-check",
    "--quiet",
  ];
}

async function apiAnswers(cfg: StackConfig): Promise<boolean> {
  try {
    const res = await fetch(`${mailpitUrl(cfg)}/api/v1/info`, { signal: AbortSignal.timeout(1500) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

export const mailpit: Driver = {
  component: "mailpit",
  ports: (cfg) => [
    { port: cfg.ports.mailpit, env: "HUB_MAILPIT_PORT" },
    { port: cfg.ports.smtp, env: "HUB_SMTP_PORT" },
  ],
  address: (cfg) => mailpitUrl(cfg),
  external: (cfg) => cfg.external.smtpUrl || undefined,
  async checkExternal(cfg) {
    const url = new URL(cfg.external.smtpUrl as string);
    const port = Number(url.port) || (url.protocol === "smtps:" ? 465 : 587);
    return (await tcpReachable(url.hostname, port, 3000)) ? undefined : `HUB_SMTP_URL ${url.hostname}:${port} does not accept connections`;
  },
  marker: (cfg) => dirs(cfg).db,
  stopSignal: "SIGTERM",
  stopTimeoutMs: 10_000,
  readyTimeoutMs: 30_000,
  async prepare(cfg, log): Promise<Launch> {
    const binary = await ensureGoBinary(cfg.cacheDir, MAILPIT, log);
    const { root, db } = dirs(cfg);
    await fs.mkdir(root, { recursive: true });
    return { command: binary, args: mailpitArgs(cfg, db), cwd: root };
  },
  async probe(cfg) {
    return (await tcpReachable("127.0.0.1", cfg.ports.smtp, 1000)) && (await apiAnswers(cfg));
  },
};
