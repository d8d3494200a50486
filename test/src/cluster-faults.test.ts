/**
 * The fault matrix (issue 12) against the cluster profile: three Kafka brokers, the Temporal server
 * on PostgreSQL, two API processes behind one entry point, two routers, two workers, two relays.
 * This file boots its own cluster ("cluster-test", ports from HUB_CLUSTER_PORT_BASE + 1000) and
 * stops what it started, every process by its pid; a filtered `npm test -- other.test.ts` never
 * loads it, so only a full run (or naming this file) boots the cluster.
 *
 * Under a steady load (events every 200 ms, the head's decision and an agency's acknowledgement
 * following each task), one fault at a time; after each, a reconciliation counts: every accepted
 * event routed exactly once by id, every joint task there exactly once, every decision and
 * acknowledgement that got a 2xx recorded exactly once, the read model equal to Temporal's own
 * snapshot of each task, and the outbox drained to 0.
 */
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDb, type Db, migrateDeploy, sql } from "@hub/db";
import { ensureDatabase, HARNESS_RATE_LIMITS, readStackEnv as readEnv, stackConfig } from "@hub/devstack";
import { buildServices } from "@hub/devstack/build-services";
import { type Cluster, type ClusterMember, cluster, clusterDown, clusterUp, startMember, stopMember } from "@hub/devstack/cluster";
import { type ClusterProcess, clusterServiceEnv, startClusterServices } from "@hub/devstack/cluster-services";
import { repoRoot, waitForHttp } from "@hub/devstack/hub-services";
import { readKafkaCredentials } from "@hub/devstack/kafka-auth";
import { grantHubKafkaAccess } from "@hub/devstack/kafka-orgs";
import { connectKafka } from "@hub/kafka";
import { loadSeeds } from "@hub/seeds";
import { connectTemporalClient } from "@hub/temporal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Hub = typeof import("./support/hub");

// The launcher's own view (without the single-node endpoints npm test exported for its services).
const { DATABASE_URL: _d, KAFKA_BROKERS: _k, TEMPORAL_ADDRESS: _t, ...localEnv } = process.env;
const env = readEnv(localEnv);
const c: Cluster = cluster(stackConfig(env, repoRoot), env.HUB_CLUSTER_PORT_BASE + 1000, "cluster-test");
// Topics and task queue of this run only: workflows and unconsumed events an interrupted earlier run
// left in the cluster's Temporal and Kafka reach none of this run's processes (nor its counts).
const RUN = Date.now().toString(36);
const TOPIC_PREFIX = `faults-${RUN}.`;
const DATABASE = "hub_faults";
const EVENT_EVERY_MS = 200;
const say = (m: string) => console.log(`[cluster-faults] ${m}`);

let hub: Hub;
let db: Db;
let started: ClusterMember[] = [];
let services: ClusterProcess[] = [];
let temporal: Awaited<ReturnType<typeof connectTemporalClient>>;
// The hub's processes log here (a failure message names it).
const logFile = path.join(c.home, "logs", "services.log");
mkdirSync(path.dirname(logFile), { recursive: true });
const log = createWriteStream(logFile, { flags: "a" });

beforeAll(async () => {
  const t0 = Date.now();
  // The hub's processes inherit this process's environment, where `npm test` put its settings for
  // the single-node hub (a 2-second day, its mail server, its topics): none of them may reach the
  // cluster's processes, which get what a deployment would, below.
  for (const key of Object.keys(process.env)) {
    if (/^(HUB_|OIDC_|API_|JWT_|TEMPORAL_|DATABASE_URL$|KAFKA_BROKERS$|KAFKA_SASL_)/.test(key)) delete process.env[key];
  }
  started = await clusterUp(c, say);
  // Each hub process authenticates as its own principal (startClusterServices); these are their ACLs for this run's topics.
  await grantHubKafkaAccess({ brokers: c.kafkaBrokers, credentialsDir: c.home }, TOPIC_PREFIX);
  const url = new URL(c.databaseUrl);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();
  // A fresh database per run, so the counts below are this run's alone (Temporal and Kafka keep
  // theirs: workflow ids and event ids are new each run).
  const admin = createDb(c.postgresAdminUrl, { max: 1 });
  await admin.run(sql`DROP DATABASE IF EXISTS hub_faults WITH (FORCE)`);
  await admin.close();
  await ensureDatabase(c.postgresAdminUrl, DATABASE);
  await migrateDeploy(databaseUrl);
  db = createDb(databaseUrl, { max: 4 });
  await loadSeeds(db);
  const compiled = await buildServices(say);
  services = startClusterServices(
    c,
    clusterServiceEnv(c, databaseUrl, {
      NODE_ENV: "test",
      HUB_AUTH: "dev",
      HUB_HOME: path.join(c.home, "hub"),
      HUB_TOPIC_PREFIX: TOPIC_PREFIX,
      HUB_TASK_QUEUE: `hub-faults-${RUN}`,
      // Batches of half a second: the relay fault needs a batch waiting in the outbox to catch.
      HUB_RELAY_POLL_MS: "500",
      HUB_LOG_LEVEL: "warn",
      ...HARNESS_RATE_LIMITS,
    }),
    compiled,
    { onLine: (l) => log.write(`${new Date().toISOString()} ${l}\n`) },
  );
  await waitForHttp(`${c.apiUrl}/readyz`, 180_000);
  // support/hub.ts talks to the hub named by these (its module reads them once, on import).
  Object.assign(process.env, {
    HUB_TEST_API_URL: c.apiUrl,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: c.kafkaBrokers.join(","),
    TEMPORAL_ADDRESS: c.temporalAddress,
  });
  hub = await import("./support/hub");
  temporal = await connectTemporalClient({ address: c.temporalAddress, namespace: c.temporalNamespace });
  say(`cluster and hub processes ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 45 * 60_000);

afterAll(async () => {
  await temporal?.connection.close().catch(() => undefined);
  await db?.close().catch(() => undefined);
  await Promise.all(services.map((s) => s.stop()));
  if (started.length > 0) await clusterDown(c, say, started);
  log.end();
}, 180_000);

// ---------------------------------------------------------------------------------------------
// The load: events at a steady rate, the head deciding and an agency acknowledging as tasks appear

interface Accepted {
  eventId: string;
  workflowId: string;
}

class Load {
  readonly accepted: Accepted[] = [];
  readonly decisions: { approvalId: string; workflowId: string }[] = [];
  readonly acks: { assignmentId: string; workflowId: string }[] = [];
  readonly answers = new Map<string, number>();
  private readonly tried = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timers: NodeJS.Timeout[] = [];
  private following = false;

  constructor(private readonly tag: string) {}

  start(): void {
    this.timers.push(setInterval(() => this.track(this.publishOne()), EVENT_EVERY_MS));
    this.timers.push(setInterval(() => !this.following && this.track(this.follow()), 1000));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs the follow-up until every accepted task has its decision and acknowledgement (bounded). */
  async finishFollowing(timeoutMs: number): Promise<void> {
    await hub.eventually(
      `${this.tag}: decisions and acknowledgements for every accepted task`,
      async () => {
        await this.follow();
        // Done when nothing of ours waits any more. An action whose answer was lost (the API process
        // killed, PostgreSQL gone after Temporal took it) may be applied without a 2xx: it is not in
        // our lists, and the counts below only hold the hub to what it answered 2xx.
        const ids = this.accepted.map((a) => a.workflowId);
        const open = await db.one<{ n: number }>(sql`
          SELECT (SELECT count(*) FROM approvals WHERE workflow_id = ANY(${ids}::text[]) AND status = 'pending')::int
               + (SELECT count(*) FROM assignments WHERE workflow_id = ANY(${ids}::text[]) AND org_code = 'EMB-US' AND status = 'pending')::int
               + (${ids.length}::int - (SELECT count(*) FROM assignments WHERE workflow_id = ANY(${ids}::text[]) AND org_code = 'EMB-US')::int) AS n`);
        return open?.n === 0;
      },
      timeoutMs,
      1000,
    );
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private count(what: string, status: number | string): void {
    const key = `${what} ${status}`;
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
  }

  private async publishOne(): Promise<void> {
    const caseRef = hub.uniqueRef(`F${this.tag}`);
    const event = hub.detectedEvent({ caseRef });
    try {
      const r = await hub.call("POST", "/v1/events", {
        token: await hub.login("staff.us@teamkorea.dev"),
        body: event,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
      this.count("publish", r.status);
      if (r.status === 202) this.accepted.push({ eventId: event.id, workflowId: hub.workflowIdOf("US", caseRef) });
    } catch {
      this.count("publish", "no answer");
    }
  }

  private async follow(): Promise<void> {
    this.following = true;
    try {
      const mine = new Set(this.accepted.map((a) => a.workflowId));
      const head = await hub.login("head.us@teamkorea.dev");
      const pending = await allPages<{ id: string; workflowId: string }>("/v1/approvals?status=pending&limit=200", head);
      const toDecide = pending.filter((a) => mine.has(a.workflowId) && !this.tried.has(a.id));
      await inBatches(toDecide, async (a) => {
        const r = await hub
          .call("POST", `/v1/approvals/${a.id}/decision`, { token: head, body: { decision: "approve" }, timeoutMs: REQUEST_TIMEOUT_MS })
          .catch(() => undefined);
        this.count("decision", r?.status ?? "no answer");
        // A 2xx is a promise the decision is recorded; anything else may be tried again next round.
        if (r && r.status >= 200 && r.status < 300) {
          this.tried.add(a.id);
          this.decisions.push({ approvalId: a.id, workflowId: a.workflowId });
        }
      });
      const staff = await hub.login("staff.us@teamkorea.dev");
      // The embassy's staff see every assignment of the mission's tasks; they acknowledge their own.
      const open = await allPages<{ id: string; workflowId: string; org: string }>("/v1/assignments?status=pending&limit=200", staff);
      const acked = new Set(this.acks.map((a) => a.workflowId));
      const toAck = open.filter((a) => a.org === "EMB-US" && mine.has(a.workflowId) && !acked.has(a.workflowId) && !this.tried.has(a.id));
      await inBatches(toAck, async (a) => {
        const r = await hub.call("POST", `/v1/assignments/${a.id}/ack`, { token: staff, timeoutMs: REQUEST_TIMEOUT_MS }).catch(() => undefined);
        this.count("ack", r?.status ?? "no answer");
        if (r && r.status >= 200 && r.status < 300) {
          this.tried.add(a.id);
          this.acks.push({ assignmentId: a.id, workflowId: a.workflowId });
        }
      });
    } catch {
      // the API or the database is down for the moment: next round
    } finally {
      this.following = false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

async function backlog(): Promise<number> {
  const r = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
  return r?.n ?? 0;
}

interface Snapshot {
  status: string;
  approval: { id: string; status: string } | null;
  assignments: { id: string; status: string }[];
}

/** Waits for the hub to settle after a fault, then counts; fails on any difference. */
async function reconcile(load: Load, label: string): Promise<void> {
  const t0 = Date.now();
  const ids = load.accepted.map((a) => a.eventId);
  const workflows = load.accepted.map((a) => a.workflowId);
  await hub.eventually(
    `${label}: outbox drained and every accepted event routed`,
    async () => {
      const routed = await db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'router' AND message_id = ANY(${ids.map((id) => `EMB-US/${id}`)}::text[])`,
      );
      return (await backlog()) === 0 && routed?.n === ids.length;
    },
    180_000,
    1000,
  );
  await load.finishFollowing(180_000);
  const decided = load.decisions.map((d) => d.approvalId);
  const acked = load.acks.map((a) => a.assignmentId);
  // Recorded by the workers' activities: wait until the read model shows every 2xx.
  await hub.eventually(
    `${label}: every decision and acknowledgement in the read model`,
    async () => {
      const d = await db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM approvals WHERE id = ANY(${decided}::uuid[]) AND decision = 'approve'`,
      );
      const a = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM assignments WHERE id = ANY(${acked}::uuid[]) AND status <> 'pending'`);
      return d?.n === decided.length && a?.n === acked.length;
    },
    120_000,
    1000,
  );

  const one = async (q: ReturnType<typeof sql>) => (await db.one<{ n: number }>(q))?.n ?? -1;
  // What the hub answered 2xx (the client's lists): the reference every count below is held to.
  const answered = { accepted: ids.length, decisions2xx: decided.length, acks2xx: acked.length };
  const counts = {
    eventsStored: await one(sql`SELECT count(*)::int AS n FROM events WHERE source = 'EMB-US' AND event_id = ANY(${ids}::text[])`),
    routedOnce: await one(
      sql`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'router' AND message_id = ANY(${ids.map((id) => `EMB-US/${id}`)}::text[])`,
    ),
    eventsReceivedByTasks: await one(
      sql`SELECT count(*)::int AS n FROM timeline WHERE action = 'event.received' AND workflow_id = ANY(${workflows}::text[])`,
    ),
    tasks: await one(sql`SELECT count(*)::int AS n FROM joint_tasks WHERE id = ANY(${workflows}::text[])`),
    decisionsRecorded: await one(
      sql`SELECT count(*)::int AS n FROM timeline WHERE action = 'approval.approved' AND workflow_id = ANY(${load.decisions.map((d) => d.workflowId)}::text[])`,
    ),
    acksRecorded: await one(
      sql`SELECT count(*)::int AS n FROM timeline WHERE action = 'assignment.ack' AND workflow_id = ANY(${load.acks.map((a) => a.workflowId)}::text[])`,
    ),
    // Counted by the database, not from the client's 2xx lists: every accepted task got its decision
    // and the embassy's acknowledgement (some perhaps applied with the answer lost to the fault).
    approvalsPending: await one(sql`SELECT count(*)::int AS n FROM approvals WHERE workflow_id = ANY(${workflows}::text[]) AND status = 'pending'`),
    embassyAcksPending: await one(
      sql`SELECT count(*)::int AS n FROM assignments WHERE workflow_id = ANY(${workflows}::text[]) AND org_code = 'EMB-US' AND status = 'pending'`,
    ),
    outboxBacklog: await backlog(),
    temporalAgrees: 0,
  };

  // The read model against Temporal's own state of each task (the workflow's snapshot query).
  const mismatches: string[] = [];
  for (const workflowId of workflows) {
    const snap = (await temporal.workflow.getHandle(workflowId).query("snapshot")) as Snapshot;
    const task = await db.one<{ status: string }>(sql`SELECT status FROM joint_tasks WHERE id = ${workflowId}`);
    const rows = await db.query<{ id: string; status: string }>(sql`SELECT id, status FROM assignments WHERE workflow_id = ${workflowId}`);
    const read = new Map(rows.map((r) => [r.id, r.status]));
    const same =
      task?.status === snap.status && rows.length === snap.assignments.length && snap.assignments.every((a) => read.get(a.id) === a.status);
    if (same) counts.temporalAgrees++;
    else
      mismatches.push(
        `${workflowId}: read model ${task?.status} ${JSON.stringify([...read])}, Temporal ${snap.status} ${JSON.stringify(snap.assignments)}`,
      );
  }

  say(
    `${label}: reconciled in ${((Date.now() - t0) / 1000).toFixed(1)} s — ${Object.entries({ ...answered, ...counts })
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")} | answers: ${[...load.answers].map(([k, v]) => `${k}×${v}`).join(", ")}`,
  );
  expect(mismatches, "read model agrees with Temporal").toEqual([]);
  // Each count against the hub's 2xx answers or a fixed figure (the answers themselves are not
  // compared with themselves: that said nothing).
  expect(counts).toEqual({
    eventsStored: answered.accepted,
    routedOnce: answered.accepted,
    eventsReceivedByTasks: answered.accepted,
    tasks: answered.accepted,
    decisionsRecorded: answered.decisions2xx,
    acksRecorded: answered.acks2xx,
    approvalsPending: 0,
    embassyAcksPending: 0,
    outboxBacklog: 0,
    temporalAgrees: workflows.length,
  });
  expect(ids.length, "the load got events accepted").toBeGreaterThan(0);
}

/** Load for `before` ms, the fault, load while it lasts, the heal, and the reconciliation. */
async function underLoad(label: string, fault: () => Promise<void>, heal: () => Promise<void>, opts: { before?: number; during?: number } = {}) {
  const load = new Load(
    label
      .replace(/[^A-Z0-9]/gi, "")
      .slice(0, 6)
      .toUpperCase(),
  );
  load.start();
  try {
    await sleep(opts.before ?? 4000);
    await fault();
    await sleep(opts.during ?? 8000);
    await heal();
    await sleep(3000);
  } finally {
    await load.stop();
  }
  await reconcile(load, label);
}

/**
 * No request of the load waits longer: one caught by a process killed mid-request may otherwise
 * never be answered, and a hung follow-up round would stall every later one. It counts as "no answer".
 */
const REQUEST_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every item of a listing, page by page (bounded: 20 pages). */
async function allPages<T>(url: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const r = (await hub.call("GET", `${url}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token, timeoutMs: REQUEST_TIMEOUT_MS })) as {
      status: number;
      body: { items: T[]; nextCursor: string | null };
    };
    if (r.status !== 200) throw new Error(`GET ${url}: ${r.status}`);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Runs `fn` over the items eight at a time: a person's actions arrive side by side, not in one file. */
async function inBatches<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 8) await Promise.all(items.slice(i, i + 8).map(fn));
}
/** The test inspects the cluster as its operator (the brokers' super user). */
const operator = () => readKafkaCredentials(c.home)["hub-admin"];
const pidIn = (file: string) => Number(readFileSync(path.join(c.home, "run", file), "utf8"));

/** SIGKILLs a supervised hub process and waits until its supervisor has started a new one. */
async function killProcess(pidFile: string): Promise<void> {
  const pid = pidIn(pidFile);
  process.kill(pid, "SIGKILL");
  say(`killed ${pidFile.replace(/\.pid$/, "")} (pid ${pid}, SIGKILL)`);
  await hub.eventually(`${pidFile} restarted`, async () => pidIn(pidFile) !== pid, 30_000, 200);
}

/** The broker leading partition 0 of the trade-restriction topic now. */
async function leaderOfFirstPartition(): Promise<ClusterMember> {
  const kafka = connectKafka({ brokers: c.kafkaBrokers, sasl: operator(), clientId: "faults-test", log: () => undefined });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(TOPIC_PREFIX) && !t.includes("dead"));
    const meta = await admin.fetchTopicMetadata({ topics });
    const leader = meta.topics[0]?.partitions.find((p) => p.partitionId === 0)?.leader;
    if (!leader) throw new Error(`no leader found for ${topics[0]}`);
    return `kafka-${leader}` as ClusterMember;
  } finally {
    await admin.disconnect();
  }
}

async function killAndRestart(member: ClusterMember, downMs: number): Promise<() => Promise<void>> {
  await stopMember(c, member, say, { kill: true });
  return async () => {
    await sleep(downMs);
    await startMember(c, member, say);
  };
}

// ---------------------------------------------------------------------------------------------

describe("cluster profile: the fault matrix", () => {
  it("runs three brokers with replicated topics, and the relay's leader is one of two", async () => {
    const kafka = connectKafka({ brokers: c.kafkaBrokers, sasl: operator(), clientId: "faults-test", log: () => undefined });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { brokers } = await admin.describeCluster();
      expect(brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      const topic = (await admin.listTopics()).find((t) => t.startsWith(TOPIC_PREFIX)) as string;
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      for (const p of meta.topics[0]?.partitions ?? []) expect(p.replicas.length, `${topic}[${p.partitionId}] replicas`).toBe(3);
      const [config] = (
        await admin.describeConfigs({ resources: [{ type: 2, name: topic, configNames: ["min.insync.replicas"] }], includeSynonyms: false })
      ).resources;
      expect(config?.configEntries.find((e) => e.configName === "min.insync.replicas")?.configValue).toBe("2");
    } finally {
      await admin.disconnect();
    }
    const leaders = await db.query<{ application_name: string }>(
      sql`SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.application_name LIKE 'hub-relay%'`,
    );
    expect(leaders.length, "exactly one relay holds the lock").toBe(1);
  }, 60_000);

  it("survives a Kafka broker killed and restarted", async () => {
    let heal: () => Promise<void> = async () => undefined;
    await underLoad(
      "one broker",
      async () => {
        heal = await killAndRestart("kafka-2", 5000);
      },
      () => heal(),
    );
  }, 600_000);

  it("survives the partition leader's broker killed and restarted", async () => {
    let heal: () => Promise<void> = async () => undefined;
    await underLoad(
      "partition leader",
      async () => {
        const leader = await leaderOfFirstPartition();
        say(`partition 0's leader is ${leader}`);
        heal = await killAndRestart(leader, 5000);
      },
      () => heal(),
    );
  }, 600_000);

  it("survives a router killed (the other takes its partitions)", async () => {
    await underLoad(
      "router",
      () => killProcess("router-1.pid"),
      async () => undefined,
    );
  }, 600_000);

  it("survives a worker killed", async () => {
    await underLoad(
      "worker",
      () => killProcess("worker-1.pid"),
      async () => undefined,
    );
  }, 600_000);

  it("survives an API process killed (the entry point routes around it)", async () => {
    await underLoad(
      "api process",
      () => killProcess("api-1.pid"),
      async () => undefined,
    );
  }, 600_000);

  it("survives the Temporal server killed and restarted", async () => {
    let heal: () => Promise<void> = async () => undefined;
    await underLoad(
      "temporal",
      async () => {
        heal = await killAndRestart("temporal", 3000);
      },
      () => heal(),
    );
  }, 600_000);

  it("survives PostgreSQL restarted: 503 with Retry-After while it is down, nothing half-applied", async () => {
    const seen: { status: number; retryAfter: string | null; body: string }[] = [];
    await underLoad(
      "postgres",
      async () => {
        await stopMember(c, "postgres", say);
        // While it is down: a write and a read, both answered 503 with Retry-After and no internals.
        const token = await hub.login("staff.us@teamkorea.dev");
        for (const [method, url, body] of [
          ["POST", "/v1/events", hub.detectedEvent({ caseRef: hub.uniqueRef("PGDOWN") })],
          ["GET", "/v1/assignments?limit=5", undefined],
        ] as const) {
          const res = await fetch(`${c.apiUrl}${url}`, {
            method,
            headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
            body: body ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          seen.push({ status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() });
        }
      },
      async () => {
        await startMember(c, "postgres", say);
      },
      { during: 3000 },
    );
    for (const s of seen) {
      expect(s.status, s.body).toBe(503);
      expect(Number(s.retryAfter)).toBeGreaterThan(0);
      expect(s.body).not.toMatch(/ECONN|127\.0\.0\.1|postgres|stack|at /i);
    }
  }, 600_000);

  it("survives the relay killed between publishing and marking published (duplicates on Kafka, none downstream)", async () => {
    const lockDb = createDb(new URL(`/${DATABASE}`, c.databaseUrl).toString(), { max: 1 });
    let leaderPid = 0;
    await underLoad(
      "relay",
      async () => {
        // A SHARE lock lets the relay read and lease rows but not mark them published: the leader
        // publishes a batch to Kafka and then waits at its UPDATE, where it is killed. The lock also
        // holds new events back, so it must be taken while a batch waits in the outbox (the relay
        // polls every 500 ms here): an attempt that finds none lets go and tries again.
        for (let attempt = 1; attempt <= 20 && !leaderPid; attempt++) {
          await lockDb.tx(async (tx) => {
            await tx.run(sql`LOCK TABLE outbox IN SHARE MODE`);
            const until = Date.now() + 2000;
            let blocked = 0;
            while (!blocked && Date.now() < until) {
              blocked =
                (
                  await db.one<{ n: number }>(
                    sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE outbox SET published_at%'`,
                  )
                )?.n ?? 0;
              if (!blocked) await sleep(50);
            }
            if (!blocked) return; // nothing was waiting: release the lock and try again
            const leader = await db.one<{ application_name: string }>(
              sql`SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.application_name LIKE 'hub-relay%'`,
            );
            const unmarked = await backlog();
            leaderPid = Number(/pid (\d+)/.exec(leader?.application_name ?? "")?.[1]);
            process.kill(leaderPid, "SIGKILL");
            say(
              `killed the leading relay (pid ${leaderPid}) after it published and before it marked ${unmarked} row(s) published (attempt ${attempt})`,
            );
            await sleep(500);
          });
        }
      },
      async () => undefined,
    );
    await lockDb.close();
    expect(leaderPid).toBeGreaterThan(0);
  }, 600_000);
});
