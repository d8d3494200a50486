/** What the launcher's tests of devstack.test.ts and ports.int.test.ts share. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { StackConfig } from "./env.js";

/** A stack configuration with fixed, made-up paths and ports. */
export function stackConfigFor(overrides: Partial<StackConfig> = {}): StackConfig {
  return {
    home: "/srv/hub/.hub",
    cacheDir: "/srv/cache",
    database: "teamkorea",
    ports: {
      postgres: 15432,
      kafka: 19092,
      kafkaController: 19093,
      temporal: 17233,
      temporalUi: 18233,
      keycloak: 18080,
      mailpit: 18025,
      smtp: 11025,
      minio: 19000,
      minioConsole: 19001,
    },
    external: {},
    temporalNamespace: "default",
    oidc: { audience: "team-korea-hub", clientId: "team-korea-hub-web", apiOrigins: ["http://127.0.0.1:3000"] },
    ...overrides,
  };
}

/**
 * Undo steps run after each test, last first (servers closed, folders removed), and a fresh
 * temporary folder that is removed the same way. Call once at the top of a test file.
 */
export function useCleanups() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "devstack-test-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }
  return { cleanups, tempDir };
}
