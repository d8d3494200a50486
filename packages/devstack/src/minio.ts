/**
 * MinIO: a real S3-compatible object store for the files attached to tasks, in development and in
 * `npm test` (which stops it mid-upload in test/src/documents.faults.test.ts). Built once with
 * `go install` and cached like Mailpit; the module has no tagged versions on the Go proxy, so the
 * pin is the pseudo-version `@latest` gave (checked by hand, /work/shared/ARCHITECTURE.md). Its
 * objects live under HUB_HOME, so a restarted MinIO still has them. The API creates its bucket on
 * first use. HUB_S3_URL set: none is started (the services then read HUB_S3_* themselves).
 * MinIO is AGPLv3: it runs as a separate server; nothing links it.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Driver, Launch } from "./driver.js";
import type { StackConfig } from "./env.js";
import { ensureGoBinary, type GoProgram } from "./go-install.js";

export const MINIO_VERSION = "v0.0.0-20260212201848-7aac2a2c5b7c";
export const MINIO: GoProgram = {
  component: "minio",
  label: "MinIO",
  module: "github.com/minio/minio",
  version: MINIO_VERSION,
  binary: "minio",
  alternative: "or set HUB_S3_URL (with HUB_S3_ACCESS_KEY_ID and HUB_S3_SECRET_ACCESS_KEY) to an S3-compatible store",
};

/** The local store's root credentials: development only, on loopback, like Keycloak's admin. */
export const MINIO_DEV_CREDENTIALS = { accessKeyId: "hub-minio", secretAccessKey: "hub-minio-dev-secret" } as const;

function dirs(cfg: StackConfig) {
  const root = path.join(cfg.home, "minio");
  return { root, data: path.join(root, "data") };
}

export const minioUrl = (cfg: StackConfig) => `http://127.0.0.1:${cfg.ports.minio}`;
export const minioConsoleUrl = (cfg: StackConfig) => `http://127.0.0.1:${cfg.ports.minioConsole}`;

export function minioArgs(cfg: StackConfig, dataDir: string): string[] {
  return ["server", dataDir, "--address", `127.0.0.1:${cfg.ports.minio}`, "--console-address", `127.0.0.1:${cfg.ports.minioConsole}`, "--quiet"];
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

export const minio: Driver = {
  component: "minio",
  ports: (cfg) => [
    { port: cfg.ports.minio, env: "HUB_MINIO_PORT" },
    { port: cfg.ports.minioConsole, env: "HUB_MINIO_CONSOLE_PORT" },
  ],
  address: (cfg) => minioUrl(cfg),
  external: (cfg) => cfg.external.s3Url || undefined,
  async checkExternal(cfg) {
    // Any HTTP answer (an S3 service says 403 to an anonymous GET) means it is there.
    try {
      const res = await fetch(cfg.external.s3Url as string, { signal: AbortSignal.timeout(3000) });
      await res.body?.cancel();
      return undefined;
    } catch (err) {
      return `HUB_S3_URL ${cfg.external.s3Url} does not answer (${(err as Error).message})`;
    }
  },
  marker: (cfg) => dirs(cfg).data,
  stopSignal: "SIGTERM",
  stopTimeoutMs: 10_000,
  readyTimeoutMs: 60_000,
  async prepare(cfg, log): Promise<Launch> {
    const binary = await ensureGoBinary(cfg.cacheDir, MINIO, log);
    const { root, data } = dirs(cfg);
    await fs.mkdir(data, { recursive: true });
    return {
      command: binary,
      args: minioArgs(cfg, data),
      cwd: root,
      env: {
        MINIO_ROOT_USER: MINIO_DEV_CREDENTIALS.accessKeyId,
        MINIO_ROOT_PASSWORD: MINIO_DEV_CREDENTIALS.secretAccessKey,
        // Offline machines: no update checks, no phoning home from the console.
        MINIO_UPDATE: "off",
        MINIO_BROWSER_REDIRECT: "off",
      },
    };
  },
  probe: (cfg) => answers(`${minioUrl(cfg)}/minio/health/ready`),
};
