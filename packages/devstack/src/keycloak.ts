/**
 * Keycloak (the OpenID Connect provider for HUB_AUTH=oidc and the OIDC tests), from its server
 * distribution on Maven Central (`org.keycloak:keycloak-quarkus-dist`, a zip), fetched once with
 * Maven and unzipped into the cache. Each stack gets its own Keycloak home under HUB_HOME: a copy
 * of `bin/` (kc.sh finds its home from its own real path) and links to the cached `lib`, `conf`,
 * `providers` and `themes`, so the distribution is shared but data and realm imports are not.
 * It runs `start-dev` on an in-memory database and imports the realms in `data/import` on every
 * start: the realms always match the seeds, and nothing is kept between starts.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Driver, Launch } from "./driver.js";
import { localKeycloakIssuer, type StackConfig } from "./env.js";
import { requireJava } from "./java.js";
import { lastLines, runCommand, seconds } from "./process.js";
import { type Log, StackError } from "./types.js";

export const KEYCLOAK_VERSION = "26.5.6";
const ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;
const NO_KEYCLOAK = "or set OIDC_ISSUER to an existing OpenID Connect provider";
/** Only the launcher's own Keycloak, on 127.0.0.1, uses these; they guard its master realm. */
const ADMIN = { user: "admin", password: "teamkorea-dev" };
/** The development Keycloak's own administrator (master realm): tests change accounts at the provider with it. */
export const KEYCLOAK_DEV_ADMIN: Readonly<typeof ADMIN> = ADMIN;
const SHARED = ["lib", "conf", "providers", "themes"] as const;

function dirs(cfg: StackConfig) {
  const home = path.join(cfg.home, "keycloak");
  return {
    dist: path.join(cfg.cacheDir, `keycloak-${KEYCLOAK_VERSION}`),
    home,
    kcSh: path.join(home, "bin", "kc.sh"),
    imports: path.join(home, "data", "import"),
  };
}

/** kc.sh's arguments: development mode on loopback, the issuer pinned to the address clients use. */
export function keycloakArgs(port: number): string[] {
  return [
    "start-dev",
    `--http-port=${port}`,
    "--http-host=127.0.0.1",
    // Tokens name this URL as their issuer whatever Host header fetched them.
    `--hostname=http://127.0.0.1:${port}`,
    "--db=dev-mem",
    "--import-realm",
    "--log-level=warn,org.keycloak.services:info,org.keycloak.exportimport:info,io.quarkus:info",
  ];
}

/** Realms Keycloak imports on its next start: set by stackUp({ keycloakRealms }) before starting it. */
export async function writeRealms(cfg: StackConfig, realms: Record<string, unknown>[]): Promise<void> {
  const { imports } = dirs(cfg);
  await fs.rm(imports, { recursive: true, force: true });
  await fs.mkdir(imports, { recursive: true });
  for (const realm of realms) {
    await fs.writeFile(path.join(imports, `${String(realm.realm)}-realm.json`), `${JSON.stringify(realm, null, 2)}\n`);
  }
}

async function ensureDist(cfg: StackConfig, log: Log): Promise<string> {
  const { dist } = dirs(cfg);
  if (existsSync(path.join(dist, "bin", "kc.sh"))) return dist;
  const started = Date.now();
  const tick = (what: string) => () => log(`[stack] keycloak: still ${what}… ${seconds(started)}`);
  log(`[stack] keycloak: fetching Keycloak ${KEYCLOAK_VERSION} (~165 MB) from Maven Central (first run only)…`);
  // Fetched and unpacked beside the cache and renamed into place, so an interrupted run is never taken for a complete one.
  const partial = `${dist}.partial-${process.pid}`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(partial, { recursive: true });
  try {
    const fetched = await runCommand("mvn", ["-q", "-B", "dependency:copy", `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${partial}`], {
      cwd: partial,
      timeoutMs: 20 * 60_000,
      onTick: tick("fetching Keycloak"),
    });
    if (fetched.spawnError) {
      throw new StackError(
        "keycloak",
        `Keycloak ${KEYCLOAK_VERSION} is not cached and Maven was not found`,
        `install Maven (apt-get install maven) ${NO_KEYCLOAK}`,
      );
    }
    if (fetched.code !== 0) {
      for (const line of lastLines(fetched.output, 10)) log(`[stack]   ${line}`);
      throw new StackError(
        "keycloak",
        `Maven could not fetch ${ARTIFACT} (exit ${fetched.code})`,
        `check access to Maven Central (output above) ${NO_KEYCLOAK}`,
      );
    }
    const zip = path.join(partial, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
    const unpack = { timeoutMs: 10 * 60_000, onTick: tick("unpacking Keycloak") };
    let unzipped = await runCommand("unzip", ["-q", zip, "-d", partial], unpack);
    // No unzip on the machine: Python's zipfile does the same (kc.sh's mode is set when it is copied, below).
    if (unzipped.spawnError) unzipped = await runCommand("python3", ["-m", "zipfile", "-e", zip, partial], unpack);
    if (unzipped.spawnError)
      throw new StackError("keycloak", "neither unzip nor python3 was found", `install unzip (apt-get install unzip) ${NO_KEYCLOAK}`);
    if (unzipped.code !== 0) {
      for (const line of lastLines(unzipped.output, 10)) log(`[stack]   ${line}`);
      throw new StackError("keycloak", `unpacking ${zip} failed (exit ${unzipped.code})`, "see the output above");
    }
    try {
      await fs.rename(path.join(partial, `keycloak-${KEYCLOAK_VERSION}`), dist);
    } catch (err) {
      // Another launcher finished the same fetch first; its copy is as good as ours.
      if (!existsSync(path.join(dist, "bin", "kc.sh"))) throw err;
    }
  } finally {
    await fs.rm(partial, { recursive: true, force: true });
  }
  log(`[stack] keycloak: cached in ${dist} (${seconds(started)})`);
  return dist;
}

/** This stack's Keycloak home: its own bin/ and data/, the distribution's lib/, conf/, providers/ and themes/. */
async function prepareHome(cfg: StackConfig, dist: string): Promise<void> {
  const d = dirs(cfg);
  await fs.mkdir(path.dirname(d.kcSh), { recursive: true });
  await fs.copyFile(path.join(dist, "bin", "kc.sh"), d.kcSh);
  await fs.chmod(d.kcSh, 0o755);
  for (const name of SHARED) {
    const link = path.join(d.home, name);
    const target = path.join(dist, name);
    const current = await fs.readlink(link).catch(() => undefined);
    if (current === target) continue;
    await fs.rm(link, { recursive: true, force: true });
    await fs.symlink(target, link);
  }
  if (!existsSync(d.imports)) {
    throw new StackError(
      "keycloak",
      `no realm to import in ${d.imports}`,
      "start it through stackUp with keycloakRealms (npm start with HUB_AUTH=oidc, or npm test)",
    );
  }
}

async function discoveryAnswers(issuer: string): Promise<boolean> {
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2000) });
    const doc = res.ok ? ((await res.json()) as { issuer?: string }) : undefined;
    return doc?.issuer === issuer;
  } catch {
    return false;
  }
}

export const keycloak: Driver = {
  component: "keycloak",
  ports: (cfg) => [{ port: cfg.ports.keycloak, env: "HUB_KEYCLOAK_PORT" }],
  address: (cfg) => localKeycloakIssuer(cfg.ports.keycloak),
  external: (cfg) => cfg.external.oidcIssuer || undefined,
  async checkExternal(cfg) {
    const issuer = cfg.external.oidcIssuer as string;
    return (await discoveryAnswers(issuer)) ? undefined : `OIDC_ISSUER ${issuer} serves no discovery document for itself`;
  },
  marker: (cfg) => dirs(cfg).home,
  stopSignal: "SIGTERM",
  stopTimeoutMs: 30_000,
  // The first start re-augments the distribution for these options (~40 s on 2 cores); later ones take ~15 s.
  readyTimeoutMs: 240_000,
  progressEveryMs: 15_000,
  async prepare(cfg, log): Promise<Launch> {
    const [, dist] = await Promise.all([requireJava("keycloak", NO_KEYCLOAK), ensureDist(cfg, log)]);
    await prepareHome(cfg, dist);
    return {
      command: dirs(cfg).kcSh,
      args: keycloakArgs(cfg.ports.keycloak),
      cwd: dirs(cfg).home,
      env: {
        KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN.user,
        KC_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        // kc.sh otherwise sizes the heap from the machine's memory (70 % of it).
        JAVA_OPTS_KC_HEAP: "-Xms64m -Xmx768m",
      },
    };
  },
  probe: (cfg) => discoveryAnswers(localKeycloakIssuer(cfg.ports.keycloak)),
};
