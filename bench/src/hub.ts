/**
 * The hub under measurement: the real stack (booted or reused as `npm start` does), a database
 * of the bench's own created afresh each run, its own Temporal namespace, Kafka topic prefix and
 * task queue (removed afterwards), and the four services run compiled, as in production.
 */
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDb, type Db, migrateDeploy } from "@hub/db";
import { HARNESS_RATE_LIMITS, isStackError, readStackEnv as readEnv, type StackEndpoints, stackConfig, stackUp } from "@hub/devstack";
import { buildServices } from "@hub/devstack/build-services";
import { buildWeb } from "@hub/devstack/build-web";
import { type HubService, repoRoot, type Supervised, superviseService, waitForHttp } from "@hub/devstack/hub-services";
import { type KafkaPrincipals, readKafkaCredentials } from "@hub/devstack/kafka-auth";
import { grantHubKafkaAccess } from "@hub/devstack/kafka-orgs";
import { connectKafka, type KafkaCredentials } from "@hub/kafka";
import { loadSeeds } from "@hub/seeds";
import { connectTemporalClient } from "@hub/temporal";
import pg from "pg";

export interface BenchHub {
  runId: string;
  ep: StackEndpoints;
  /** The bench's own Kafka clients (cleanup, the bare baseline) authenticate as the stack's admin; null: an external broker, KAFKA_SASL_* of the environment. */
  kafkaAdmin: KafkaCredentials | null;
  databaseUrl: string;
  db: Db;
  apiUrl: string;
  namespace: string;
  taskQueue: string;
  topicPrefix: string;
  /** Starts services (the ingest figure runs without router and worker). */
  start(names: HubService[], opts?: { topicPrefix?: string; temporalAddress?: string }): Promise<void>;
  stop(names?: HubService[]): Promise<void>;
  pids(): Record<string, number | undefined>;
  /** Another process to count in the CPU figures (the in-memory Temporal server). */
  watch(name: string, pid: number | undefined): void;
  token(email: string): Promise<string>;
  logFile: string;
  close(): Promise<void>;
}

const readPid = (file: string) => {
  try {
    return Number(readFileSync(file, "utf8").trim()) || undefined;
  } catch {
    return undefined;
  }
};

export async function benchHub(say: (m: string) => void): Promise<BenchHub> {
  const env = readEnv();
  const cfg = stackConfig(env, repoRoot);
  let ep: StackEndpoints;
  try {
    ep = await stackUp(cfg);
  } catch (err) {
    throw new Error(isStackError(err) ? err.message : `the stack did not start: ${err instanceof Error ? err.message : err}`);
  }
  const runId = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, "")
    .slice(0, 14);
  const database = `${cfg.database}_bench`;

  say(`fresh database ${database}…`);
  const admin = new pg.Client({ connectionString: ep.postgresAdminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(ep.databaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  await migrateDeploy(databaseUrl);
  const db = createDb(databaseUrl, { max: 4 });
  await loadSeeds(db);

  const namespace = `bench-${runId}`;
  const temporal = await connectTemporalClient({ address: ep.temporalAddress, namespace });
  await temporal.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: 86_400 } as never });
  await temporal.connection.close();

  const port = Number(process.env.HUB_BENCH_API_PORT ?? 3200);
  const apiUrl = `http://127.0.0.1:${port}`;
  const taskQueue = `bench-${runId}`;
  const topicPrefix = `bench-${runId}.`;
  const logs = path.join(cfg.home, "logs");
  mkdirSync(logs, { recursive: true });
  mkdirSync(path.join(cfg.home, "run"), { recursive: true });
  const logFile = path.join(logs, "bench-services.log");
  const log = createWriteStream(logFile, { flags: "w" });
  // Each service its own principal, with its ACLs for this run's topics (the launcher's brokers only).
  const principals: KafkaPrincipals | undefined = cfg.external.kafkaBrokers ? undefined : readKafkaCredentials(cfg.home);
  // main.ts's ingest figure runs the API and relay on `${topicPrefix}ingest.`.
  if (principals) {
    for (const p of [topicPrefix, `${topicPrefix}ingest.`]) await grantHubKafkaAccess({ brokers: ep.kafkaBrokers, credentialsDir: cfg.home }, p);
  }
  const adminCredentials = principals?.["hub-admin"] ?? null;
  const compiled = await buildServices(say);
  const running = new Map<HubService, Supervised>();
  const baseEnv = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: ep.kafkaBrokers.join(","),
    TEMPORAL_ADDRESS: ep.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    HUB_HOME: cfg.home,
    HUB_WEB_DIR: await buildWeb(say),
    API_HOST: "127.0.0.1",
    API_PORT: String(port),
    HUB_TASK_QUEUE: taskQueue,
    HUB_LOG_LEVEL: "warn",
    // The ingest pass publishes ~1,300 events/s as one user: the abuse limits would measure themselves.
    ...HARNESS_RATE_LIMITS,
  };
  const tokens = new Map<string, string>();
  const watched = new Map<string, number | undefined>();

  const hub: BenchHub = {
    runId,
    ep,
    kafkaAdmin: adminCredentials,
    databaseUrl,
    db,
    apiUrl,
    namespace,
    taskQueue,
    topicPrefix,
    logFile,
    async start(names, opts = {}) {
      for (const name of names) {
        running.set(
          name,
          superviseService(
            name,
            {
              ...baseEnv,
              HUB_TOPIC_PREFIX: opts.topicPrefix ?? topicPrefix,
              ...(opts.temporalAddress ? { TEMPORAL_ADDRESS: opts.temporalAddress } : {}),
            },
            {
              compiled: compiled[name],
              // HUB_BENCH_PROFILE=1 writes each service's CPU profile to .hub/profiles when it stops.
              nodeArgs: [...(process.env.HUB_BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(cfg.home, "profiles")}`] : [])],
              pidFile: path.join(cfg.home, "run", `bench-${name}.pid`),
              onLine: (l) => log.write(`${new Date().toISOString()} ${l}\n`),
              maxRestarts: 3,
              kafka: principals,
              onGiveUp: (reason) => say(`a service gave up: ${reason}`),
            },
          ),
        );
      }
      if (names.includes("api")) await waitForHttp(`${apiUrl}/readyz`, 120_000);
      // The router and the worker announce themselves once their consumer or poller runs.
      await new Promise((r) => setTimeout(r, names.includes("worker") || names.includes("router") ? 4000 : 500));
    },
    async stop(names) {
      const which = names ?? [...running.keys()];
      await Promise.all(which.map((n) => running.get(n)?.stop()));
      for (const n of which) running.delete(n);
    },
    pids() {
      return {
        ...Object.fromEntries([...running].map(([n, s]) => [n, s.pid()])),
        postgres: readPid(path.join(cfg.home, "run", "postgres.pid")),
        kafka: readPid(path.join(cfg.home, "run", "kafka.pid")),
        temporal: readPid(path.join(cfg.home, "run", "temporal.pid")),
        ...Object.fromEntries(watched),
      };
    },
    watch(name, pid) {
      if (pid === undefined) watched.delete(name);
      else watched.set(name, pid);
    },
    async token(email) {
      const known = tokens.get(email);
      if (known) return known;
      const r = await fetch(`${apiUrl}/v1/auth/dev-login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
      if (!r.ok) throw new Error(`dev-login ${email}: ${r.status}`);
      const t = ((await r.json()) as { token: string }).token;
      tokens.set(email, t);
      return t;
    },
    async close() {
      await hub.stop();
      await db.close();
      log.end();
      // Leave nothing behind: the run's namespace (and its workflows) and its topics.
      const t = await connectTemporalClient({ address: ep.temporalAddress, namespace });
      await t.connection.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
      await t.connection.close();
      const kafkaAdmin = connectKafka({ brokers: ep.kafkaBrokers, sasl: adminCredentials, clientId: "bench-cleanup", log: () => undefined }).admin();
      await kafkaAdmin.connect();
      const topics = (await kafkaAdmin.listTopics()).filter((t) => t.startsWith(`bench-${runId}`) || t.startsWith(`bare-${runId}`));
      if (topics.length > 0) await kafkaAdmin.deleteTopics({ topics }).catch(() => undefined);
      await kafkaAdmin.disconnect();
    },
  };
  return hub;
}
