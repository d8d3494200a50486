/**
 * The figures of `npm run bench`, each measured beside its raw baseline in the same run:
 * ingest, reads and growth with stored data, end-to-end latency, pipeline throughput, memory.
 */
import { sql } from "@hub/db";
import { connectKafka, createProducer } from "@hub/kafka";
import { type Baseline, startBaseline } from "./baselines";
import { growTasks } from "./bulk";
import { busiest, type CpuShare, cpuWindow, rssMb } from "./cpu";
import type { BenchHub } from "./hub";
import { httpLoad, type Latency, merge, openLoop, round, sleep, stats } from "./measure";
import { approvalWatcher, PUBLICATIONS, type Publication, ref, unknownDecision } from "./traffic";

export { PUBLICATIONS };

export interface Target {
  label: string;
  pass: boolean;
}

export interface Figure {
  id: string;
  title: string;
  hub: Record<string, number>;
  baseline: Record<string, number> | null;
  baselineName: string;
  /** hub ÷ baseline on the headline measure (throughput), or baseline ÷ hub for latency-type ratios as labelled. */
  ratio: number | null;
  targets: Target[];
  cpu: CpuShare;
  note: string;
  samples?: { hub: number[]; baseline: number[] };
}

export interface Ctx {
  hub: BenchHub;
  say: (m: string) => void;
  log: (m: string) => void;
}

const lat = (l: Latency) => ({ rate: round(l.rate), p50: round(l.p50), p95: round(l.p95), p99: round(l.p99), failed: l.failed });
const BASE_PORT = Number(process.env.HUB_BENCH_BASELINE_PORT ?? 3290);

/** Sends the same load to the hub and to a baseline server, baseline first. */
async function beside(ctx: Ctx, server: string, run: (url: string) => Promise<Latency>): Promise<Latency> {
  const b: Baseline = await startBaseline(server, [String(BASE_PORT)], { DATABASE_URL: ctx.hub.databaseUrl }, ctx.log);
  try {
    return await run(`http://127.0.0.1:${BASE_PORT}/`);
  } finally {
    await b.stop();
  }
}

// ── 1. ingest ────────────────────────────────────────────────────────────────

export async function ingest(ctx: Ctx): Promise<Figure> {
  const { hub, say } = ctx;
  const load = { method: "POST" as const, body: unknownDecision, connections: 16, seconds: 8, warmupSeconds: 2 };
  const token = await hub.token("kotra.us@teamkorea.dev");
  const server = await startBaseline("insert-server.mjs", [String(BASE_PORT)], { DATABASE_URL: hub.databaseUrl }, ctx.log);
  // Baseline and hub take turns, twice, so a drift of the machine's speed hits both alike.
  const bases: Latency[] = [];
  const hubs: Latency[] = [];
  const shares: CpuShare[] = [];
  try {
    for (let turn = 1; turn <= 2; turn++) {
      say(`ingest ${turn}/2: the baseline (Fastify + one pg INSERT), 16 connections…`);
      bases.push(await httpLoad({ ...load, url: `http://127.0.0.1:${BASE_PORT}/`, headers: { "content-type": "application/json" } }));
      say(`ingest ${turn}/2: the hub (POST /v1/events: auth, validation, event + outbox, relayed to Kafka; router paused)…`);
      const cpu = cpuWindow(() => hub.pids());
      hubs.push(
        await httpLoad({
          ...load,
          url: `${hub.apiUrl}/v1/events`,
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        }),
      );
      shares.push(cpu());
    }
  } finally {
    await server.stop();
  }
  const base = merge(bases);
  const r = merge(hubs);
  const share = Object.fromEntries(
    Object.keys(shares[0] ?? {}).map((k) => [k, round(shares.reduce((s, x) => s + (x[k] ?? 0), 0) / shares.length, 2)]),
  );
  // Accepted means relayed: wait for the outbox to drain and say how long it took.
  const t0 = performance.now();
  for (;;) {
    const left = (await hub.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))?.n ?? 0;
    if (left === 0 || performance.now() - t0 > 60_000) break;
    await sleep(200);
  }
  const drained = (performance.now() - t0) / 1000;
  const ratio = round(r.rate / base.rate, 2);
  return {
    id: "ingest",
    title: "Ingest: POST /v1/events, 16 connections",
    hub: { ...lat(r), outboxDrainedAfterS: round(drained) },
    baseline: lat(base),
    baselineName: "Fastify + one pg INSERT",
    ratio,
    targets: [
      { label: "ratio ≥ 0.6", pass: ratio >= 0.6 },
      { label: "≥ 1,000 events/s", pass: r.rate >= 1000 },
      { label: "accept p99 ≤ 50 ms", pass: r.p99 <= 50 },
    ],
    cpu: share,
    note: `busiest: ${busiest(share)}`,
    samples: { hub: r.samples, baseline: base.samples },
  };
}

// ── 2. reads and growth ──────────────────────────────────────────────────────

interface ReadEndpoint {
  name: string;
  user: string;
  path: (hub: BenchHub) => string;
}

const READS: ReadEndpoint[] = [
  { name: "GET /v1/approvals?status=pending (head.us)", user: "head.us@teamkorea.dev", path: () => "/v1/approvals?status=pending&limit=20" },
  { name: "GET /v1/assignments (kotra.us)", user: "kotra.us@teamkorea.dev", path: () => "/v1/assignments?limit=20" },
  { name: "GET /v1/workflows?q=steel (hq)", user: "hq@teamkorea.dev", path: () => "/v1/workflows?q=steel&limit=20" },
  // Bulk task 7 is a mission plan in the United States (its kind and country follow from its number).
  {
    name: "GET /v1/workflows/{id}/history (hq)",
    user: "hq@teamkorea.dev",
    path: () => `/v1/workflows/${encodeURIComponent("mission-plan:US:BULK-7")}/history`,
  },
];

async function readAt(ctx: Ctx, e: ReadEndpoint, seconds: number): Promise<Latency> {
  const token = await ctx.hub.token(e.user);
  return httpLoad({
    url: `${ctx.hub.apiUrl}${e.path(ctx.hub)}`,
    headers: { authorization: `Bearer ${token}` },
    connections: 10,
    rate: 200,
    seconds,
    warmupSeconds: 2,
  });
}

/** Growth: ingest and read latency at 1×, 10× and 100× stored data; at 100× (100,000 tasks) the full read figure. */
export async function growthAndReads(ctx: Ctx): Promise<Figure[]> {
  const { hub, say } = ctx;
  const levels = [1_000, 10_000, 100_000];
  const token = await hub.token("kotra.us@teamkorea.dev");
  const at: Record<number, { ingest: Latency; read: Latency }> = {};
  for (const n of levels) {
    const secs = await growTasks(hub.db, n);
    say(`growth: ${n.toLocaleString("en")} tasks stored (loaded in ${round(secs)} s); ingest at 100/s and task search at 200/s…`);
    const ingestAt = await httpLoad({
      url: `${hub.apiUrl}/v1/events`,
      method: "POST",
      body: unknownDecision,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      connections: 8,
      rate: 100,
      seconds: 8,
      warmupSeconds: 2,
    });
    const readAtN = await readAt(ctx, READS[2] as ReadEndpoint, 8);
    at[n] = { ingest: ingestAt, read: readAtN };
  }
  const one = at[1_000] as { ingest: Latency; read: Latency };
  const hundred = at[100_000] as { ingest: Latency; read: Latency };
  const growth: Figure = {
    id: "growth",
    title: "Growth: latency at 1×, 10×, 100× stored data (1,000 / 10,000 / 100,000 tasks)",
    hub: Object.fromEntries(
      levels.flatMap((n) => [
        [`ingest p99 @${n}`, round((at[n] as { ingest: Latency }).ingest.p99)],
        [`search p99 @${n}`, round((at[n] as { read: Latency }).read.p99)],
      ]),
    ),
    baseline: null,
    baselineName: "the same figures at 1×",
    ratio: round(hundred.read.p99 / one.read.p99, 2),
    targets: [
      { label: "search p99 at 100× ≤ 1.5 × at 1×", pass: hundred.read.p99 <= 1.5 * one.read.p99 },
      { label: "ingest p99 at 100× ≤ 1.5 × at 1×", pass: hundred.ingest.p99 <= 1.5 * one.ingest.p99 },
    ],
    cpu: {},
    note: "keyset cursors and indexes: page cost does not grow with the table",
  };

  say("reads: the baseline (Fastify hello-world) at 200 requests/s…");
  const hello = await beside(ctx, "hello-server.mjs", (url) => httpLoad({ url, connections: 10, rate: 200, seconds: 10, warmupSeconds: 2 }));
  const figures: Figure[] = [growth];
  for (const e of READS) {
    say(`reads: ${e.name} at 200 requests/s with 100,000 tasks…`);
    const cpu = cpuWindow(() => hub.pids());
    const r = await readAt(ctx, e, 10);
    const share = cpu();
    figures.push({
      id: `read:${e.name}`,
      title: `Read ${e.name}, 200 requests/s, 100,000 tasks`,
      hub: lat(r),
      baseline: lat(hello),
      baselineName: "Fastify hello-world",
      ratio: round(hello.p99 / r.p99, 2),
      targets: [{ label: "p99 ≤ 20 ms", pass: r.p99 <= 20 }],
      cpu: share,
      note: `busiest: ${busiest(share)}`,
      samples: { hub: r.samples, baseline: hello.samples },
    });
  }
  return figures;
}

// ── 3. end to end, and 4. pipeline throughput ───────────────────────────────

/** Which Temporal the pipeline ran on: the stack's dev server (SQLite), or one in memory. */
export interface TemporalUnderTest {
  label: string;
  address: string;
}

/** The bare baseline: raw kafkajs produce → raw consumer → Temporal start → 3 activities each doing one INSERT. */
async function bare(ctx: Ctx, temporal: TemporalUnderTest) {
  const { hub } = ctx;
  const topic = `bare-${hub.runId}-${temporal.label.replace(/\W+/g, "-")}`;
  const kafka = connectKafka({ brokers: hub.ep.kafkaBrokers, sasl: hub.kafkaAdmin, clientId: "bench-bare", log: () => undefined });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const proc = await startBaseline(
    "bare-pipeline.mjs",
    [topic, topic],
    {
      DATABASE_URL: hub.databaseUrl,
      KAFKA_BROKERS: hub.ep.kafkaBrokers.join(","),
      ...(hub.kafkaAdmin ? { KAFKA_SASL_USERNAME: hub.kafkaAdmin.username, KAFKA_SASL_PASSWORD: hub.kafkaAdmin.password } : {}),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: hub.namespace,
    },
    ctx.log,
  );
  hub.watch("bare", proc.pid);
  const producer = await createProducer(kafka);
  return {
    send: async (id: string) => {
      await producer.send([{ topic, key: "US", value: JSON.stringify({ id }) }]);
      return id;
    },
    done: async (ids: string[]) =>
      (await hub.db.query<{ id: string }>(sql`SELECT id FROM bench_bare WHERE n = 3 AND id = ANY(${ids}::text[])`)).map((r) => r.id),
    async stop() {
      await producer.disconnect();
      await proc.stop();
      hub.watch("bare", undefined);
    },
  };
}

async function publishOne(hub: BenchHub, p: Publication, r: string): Promise<boolean> {
  const res = await fetch(`${hub.apiUrl}${p.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await hub.token(p.publisher)}` },
    body: JSON.stringify(p.body(r)),
  });
  return res.status === 202;
}

/** Task ids among `ids` whose approval is in the read model (what the head's inbox lists). */
const approvalsIn = async (hub: BenchHub, ids: string[]) =>
  (await hub.db.query<{ id: string }>(sql`SELECT DISTINCT workflow_id AS id FROM approvals WHERE workflow_id = ANY(${ids}::text[])`)).map(
    (r) => r.id,
  );

/**
 * Sustained throughput: keeps `inFlight` operations outstanding for `seconds` (a new one as each
 * completes, so no backlog builds up), and counts completions per second after a 10 s warm-up.
 */
async function sustained(o: {
  seconds: number;
  inFlight: number;
  send: (i: number) => Promise<string | null>;
  done: (keys: string[]) => Promise<string[]>;
}) {
  const t0 = performance.now();
  const open = new Set<string>();
  let i = 0;
  let counted = 0;
  const fill = async () => {
    const want = o.inFlight - open.size;
    const sent = await Promise.all(Array.from({ length: want }, () => o.send(i++)));
    for (const k of sent) if (k) open.add(k);
  };
  await fill();
  while (performance.now() - t0 < o.seconds * 1000) {
    await sleep(50);
    const done = open.size ? await o.done([...open]) : [];
    for (const k of done) open.delete(k);
    if (performance.now() - t0 >= 10_000) counted += done.length;
    await fill();
  }
  return counted / (o.seconds - 10);
}

/** End-to-end latency for each of `kinds` (none: only the pipeline figure), then the pipeline figure, each beside the bare baseline. */
export async function endToEndAndPipeline(ctx: Ctx, temporal: TemporalUnderTest, kinds: Publication[]): Promise<Figure[]> {
  const { hub, say } = ctx;
  const rate = 10;
  const pipelineSeconds = 60;
  const inFlight = Number(process.env.HUB_BENCH_IN_FLIGHT ?? 100);
  const tag = temporal.label === "sqlite" ? "" : `, Temporal ${temporal.label}`;

  say(
    kinds.length > 0
      ? `end to end${tag}: the bare baseline at ${rate}/s for 20 s (after 3 s of warm-up)…`
      : `pipeline${tag}: warming up the bare baseline…`,
  );
  const b = await bare(ctx, temporal);
  let bareE2e: Latency;
  let bareRate: number;
  try {
    const bareRun = (prefix: string, seconds: number) =>
      openLoop({
        rate,
        seconds,
        fire: async (i) => {
          const id = `${prefix}-${i}`;
          const t0 = performance.now();
          await b.send(id);
          for (let waited = 0; waited < 60_000; waited += 20) {
            if ((await b.done([id])).length) return performance.now() - t0;
            await sleep(20);
          }
          return null;
        },
      });
    await bareRun(`warm-${hub.runId}-${temporal.label}`, 3);
    bareE2e = kinds.length > 0 ? await bareRun(`e2e-${hub.runId}-${temporal.label}`, 20) : stats([], 1, 0);
    say(`pipeline${tag}: the bare baseline, ${inFlight} in flight for ${pipelineSeconds} s…`);
    bareRate = await sustained({ seconds: pipelineSeconds, inFlight, send: (i) => b.send(`pipe-${hub.runId}-${temporal.label}-${i}`), done: b.done });
  } finally {
    await b.stop();
  }

  const figures: Figure[] = [];
  for (const p of kinds) {
    const seconds = p.kind === "trade-restriction" ? 30 : 10;
    say(`end to end${tag}: ${p.kind} at ${rate}/s for ${seconds} s after 3 s of warm-up (publish → approval listed for ${p.head.split("@")[0]})…`);
    const watcher = approvalWatcher(hub, p.head);
    const run = (prefix: string, secs: number) =>
      openLoop({
        rate,
        seconds: secs,
        fire: async (i) => {
          const id = ref(`${prefix}-${temporal.label}-${p.kind.slice(0, 5)}`, i);
          const t0 = performance.now();
          const seen = watcher.seen(p.workflowId(id));
          if (!(await publishOne(hub, p, id))) return null;
          const at = await seen;
          return at === null ? null : at - t0;
        },
      });
    await run("WARM", 3);
    const cpu = cpuWindow(() => hub.pids());
    const r = await run("E2E", seconds);
    const share = cpu();
    await watcher.stop();
    const headline = p.kind === "trade-restriction";
    figures.push({
      id: `e2e:${p.kind}:${temporal.label}`,
      title: `End to end, ${p.kind}${tag}: event published → approval listed for the head, ${rate}/s open loop`,
      hub: lat(r),
      baseline: lat(bareE2e),
      baselineName: "bare kafkajs → consumer → Temporal start → 3 INSERT activities",
      ratio: round(bareE2e.p50 / r.p50, 2),
      targets: headline
        ? [
            { label: "p50 ≤ 150 ms", pass: r.p50 <= 150 },
            { label: "p99 ≤ 400 ms", pass: r.p99 <= 400 },
          ]
        : [],
      cpu: share,
      note: `busiest: ${busiest(share)}`,
      samples: { hub: r.samples, baseline: bareE2e.samples },
    });
  }

  say(`pipeline${tag}: the hub, ${inFlight} trade-restriction detections in flight through the API for ${pipelineSeconds} s…`);
  const trade = PUBLICATIONS[0] as Publication;
  const cpu = cpuWindow(() => hub.pids());
  const hubRate = await sustained({
    seconds: pipelineSeconds,
    inFlight,
    send: async (i) => {
      const id = `PIPE-${hub.runId}-${temporal.label}-${i}`;
      return (await publishOne(hub, trade, id)) ? trade.workflowId(id) : null;
    },
    done: (ids) => approvalsIn(hub, ids),
  });
  const share = cpu();
  const ratio = round(hubRate / bareRate, 2);
  figures.push({
    id: `pipeline:${temporal.label}`,
    title: `Pipeline${tag}: tasks/s from event to approval visible, sustained over ${pipelineSeconds} s (${inFlight} in flight)`,
    hub: { tasksPerS: round(hubRate) },
    baseline: { startsPerS: round(bareRate) },
    baselineName: "bare pipeline starts/s",
    ratio,
    targets: [
      { label: "≥ 30 tasks/s", pass: hubRate >= 30 },
      { label: "ratio ≥ 0.7", pass: ratio >= 0.7 },
    ],
    cpu: share,
    note: `busiest: ${busiest(share)}`,
  });
  return figures;
}

// ── 6. memory ────────────────────────────────────────────────────────────────

/** Opens tasks (keeping a few hundred in flight) until `want` wait for their heads, then reads each service's RSS. */
export async function memory(ctx: Ctx, temporal: TemporalUnderTest): Promise<Figure> {
  const { hub, say } = ctx;
  const want = 10_000;
  const trade = PUBLICATIONS[0] as Publication;
  const openTasks = async () =>
    (
      await hub.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM approvals a JOIN joint_tasks t ON t.id = a.workflow_id WHERE a.status = 'pending' AND t.case_ref NOT LIKE 'BULK-%'`,
      )
    )?.n ?? 0;
  const deadline = Date.now() + Number(process.env.HUB_BENCH_MEMORY_SECONDS ?? 360) * 1000;
  const inFlight = new Set<string>();
  let i = 0;
  let lastSay = 0;
  for (;;) {
    const n = await openTasks();
    if (n >= want || Date.now() > deadline) break;
    for (const id of await approvalsIn(hub, [...inFlight])) inFlight.delete(id);
    const room = Math.min(300 - inFlight.size, want - n - inFlight.size);
    const sent = await Promise.all(
      Array.from({ length: Math.max(0, room) }, async () => {
        const id = `MEM-${hub.runId}-${i++}`;
        return (await publishOne(hub, trade, id)) ? trade.workflowId(id) : null;
      }),
    );
    for (const id of sent) if (id) inFlight.add(id);
    if (Date.now() - lastSay > 15_000) {
      say(`memory: ${n.toLocaleString("en")} of ${want.toLocaleString("en")} tasks open…`);
      lastSay = Date.now();
    }
    await sleep(200);
  }
  const tasks = await openTasks();
  await sleep(3000);
  const pids = hub.pids();
  const rss = Object.fromEntries(["api", "relay", "router", "worker"].map((s) => [`${s} MB`, rssMb(pids[s] ?? -1)]));
  const others = ["api", "relay", "router"].map((s) => rss[`${s} MB`] as number);
  return {
    id: "memory",
    title: `Memory: RSS of each hub service with ${tasks.toLocaleString("en")} open tasks${temporal.label === "sqlite" ? "" : ` (Temporal ${temporal.label})`}`,
    hub: { openTasks: tasks, ...rss },
    baseline: null,
    baselineName: "",
    ratio: null,
    targets: [
      { label: "10,000 open tasks reached", pass: tasks >= want },
      { label: "worker ≤ 300 MB", pass: (rss["worker MB"] as number) <= 300 },
      { label: "api, relay, router ≤ 150 MB each", pass: others.every((m) => m <= 150) },
    ],
    cpu: {},
    note: "services run compiled (node, no TypeScript loader); the worker keeps at most HUB_WORKER_CACHED_WORKFLOWS workflows in memory",
  };
}
