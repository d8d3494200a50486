/**
 * @hub/devstack: starts, reuses and stops the real local stack (PostgreSQL, Kafka, Temporal, Mailpit, MinIO) as
 * detached processes under cfg.home, offline. External endpoints in the config are used as they are.
 */

import { stackPaths } from "./driver.js";
import { localKeycloakIssuer, type StackConfig } from "./env.js";
import { writeRealms } from "./keycloak.js";
import { localSmtpUrl, mailpitUrl } from "./mailpit.js";
import { MINIO_DEV_CREDENTIALS, minioUrl } from "./minio.js";
import { databaseUrl, describeUrl } from "./postgres.js";
import { ownedPid, portOwner, portTaken } from "./process.js";
import { asStackError, DRIVERS, defaultLog, ensure, exclusive, preflight, stop } from "./stack.js";
import { COMPONENTS, CORE_COMPONENTS, type Component, type ComponentStatus, type Log, type StackEndpoints, StackError } from "./types.js";

export { KEYCLOAK_DEV_ADMIN, KEYCLOAK_VERSION } from "./keycloak.js";
export { MINIO_DEV_CREDENTIALS, MINIO_VERSION, minioConsoleUrl } from "./minio.js";
export { ensureDatabase } from "./postgres.js";
export { temporalBinary } from "./temporal.js";
export { type Component, type ComponentStatus, type StackEndpoints, StackError } from "./types.js";

export interface StackUpOptions {
  /** Also run Keycloak, importing these realms (Keycloak's JSON format; `keycloakRealms` in @hub/seeds). */
  keycloakRealms?: Record<string, unknown>[];
}

export function stackEndpoints(cfg: StackConfig, started: Component[] = [], withKeycloak = false): StackEndpoints {
  const ext = cfg.external;
  let adminUrl = databaseUrl(cfg.ports.postgres, "postgres");
  if (ext.databaseUrl) {
    const u = new URL(ext.databaseUrl);
    u.pathname = "/postgres";
    adminUrl = u.toString();
  }
  return {
    databaseUrl: ext.databaseUrl || databaseUrl(cfg.ports.postgres, cfg.database),
    postgresAdminUrl: adminUrl,
    kafkaBrokers: ext.kafkaBrokers
      ? ext.kafkaBrokers
          .split(",")
          .map((b) => b.trim())
          .filter(Boolean)
      : [`127.0.0.1:${cfg.ports.kafka}`],
    temporalAddress: ext.temporalAddress || `127.0.0.1:${cfg.ports.temporal}`,
    temporalNamespace: cfg.temporalNamespace,
    ...(ext.temporalAddress ? {} : { temporalUiUrl: `http://127.0.0.1:${cfg.ports.temporalUi}` }),
    ...(withKeycloak ? { oidcIssuer: ext.oidcIssuer || localKeycloakIssuer(cfg.ports.keycloak) } : {}),
    smtpUrl: ext.smtpUrl || localSmtpUrl(cfg),
    ...(ext.smtpUrl ? {} : { mailpitUrl: mailpitUrl(cfg) }),
    s3Url: ext.s3Url || minioUrl(cfg),
    ...(ext.s3Url ? {} : { s3Credentials: { ...MINIO_DEV_CREDENTIALS } }),
    started,
  };
}

/**
 * Starts whatever is not running yet (concurrently) and waits until all of it answers. Idempotent.
 * On failure, stops what this call started and throws the first StackError.
 */
export async function stackUp(cfg: StackConfig, log: Log = defaultLog, opts: StackUpOptions = {}): Promise<StackEndpoints> {
  const withKeycloak = opts.keycloakRealms !== undefined;
  const components: readonly Component[] = withKeycloak ? [...CORE_COMPONENTS, "keycloak"] : CORE_COMPONENTS;
  return exclusive(cfg, log, async () => {
    const t0 = Date.now();
    await preflight(cfg, components);
    if (opts.keycloakRealms && !cfg.external.oidcIssuer) await writeRealms(cfg, opts.keycloakRealms);
    const results = await Promise.allSettled(components.map((c) => ensure(cfg, DRIVERS[c], log)));
    const started = components.filter((_, i) => {
      const r = results[i];
      return r?.status === "fulfilled" && r.value === "started";
    });
    const failures = components.flatMap((c, i) => {
      const r = results[i];
      return r?.status === "rejected" ? [asStackError(c, r.reason)] : [];
    });
    const [first, ...others] = failures;
    if (first) {
      for (const err of others) log(`[stack] ${err.message}`);
      if (started.length > 0) {
        log(`[stack] stopping what this call started: ${started.join(", ")}`);
        await Promise.all(started.map((c) => stop(cfg, c, log)));
      }
      throw first;
    }
    log(`[stack] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s${started.length ? ` (started ${started.join(", ")})` : ""}`);
    return stackEndpoints(cfg, started, withKeycloak);
  });
}

/** Stops what the launcher started (by pid file), all components or `only` these. Never touches external ones. */
export async function stackDown(cfg: StackConfig, log: Log = defaultLog, only?: Component[]): Promise<void> {
  return exclusive(cfg, log, async () => {
    await Promise.all((only ?? COMPONENTS).map((c) => stop(cfg, c, log)));
  });
}

export async function startComponent(cfg: StackConfig, c: Component, log: Log = defaultLog): Promise<void> {
  await exclusive(cfg, log, async () => {
    try {
      await ensure(cfg, DRIVERS[c], log);
    } catch (err) {
      throw asStackError(c, err);
    }
  });
}

export async function stopComponent(cfg: StackConfig, c: Component, log: Log = defaultLog): Promise<void> {
  await exclusive(cfg, log, () => stop(cfg, c, log));
}

async function componentStatus(cfg: StackConfig, c: Component): Promise<ComponentStatus> {
  const d = DRIVERS[c];
  const pid = await ownedPid(stackPaths(cfg).pidFile(c), d.marker(cfg));
  if (pid !== undefined) {
    const ready = await d.probe(cfg);
    return { component: c, state: "running", pid, address: d.address(cfg), detail: ready ? "ready" : "not answering" };
  }
  const external = d.external(cfg);
  if (external !== undefined) {
    const problem = await d.checkExternal(cfg);
    const address = c === "postgres" ? describeUrl(external) : external;
    return { component: c, state: "external", address, detail: problem ?? "reachable" };
  }
  for (const { port } of d.ports(cfg)) {
    if (await portTaken(port)) {
      const owner = portOwner(port);
      return {
        component: c,
        state: "stopped",
        address: d.address(cfg),
        detail: `port ${port} is in use by another process${owner ? ` (pid ${owner.pid})` : ""}`,
      };
    }
  }
  return { component: c, state: "stopped", address: d.address(cfg) };
}

export async function stackStatus(cfg: StackConfig): Promise<ComponentStatus[]> {
  return Promise.all(COMPONENTS.map((c) => componentStatus(cfg, c)));
}

export function isStackError(err: unknown): err is StackError {
  return err instanceof StackError;
}
export * from "./env.js";
