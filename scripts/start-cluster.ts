/**
 * `HUB_PROFILE=cluster npm start`: the production shape on one machine. Boots (or reuses) the
 * cluster profile's infrastructure (packages/devstack/src/cluster.ts), migrates and seeds its
 * database, runs two API processes behind one entry point, two routers, two workers and two
 * relays (one leads), and prints every address with the time it took and the memory it holds.
 * Ctrl-C stops the hub's processes and whatever part of the infrastructure this started.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDb, migrateDeploy } from "@hub/db";
import { readStackEnv as readEnv, stackConfig } from "@hub/devstack";
import { buildServices } from "@hub/devstack/build-services";
import { buildWeb } from "@hub/devstack/build-web";
import { CLUSTER_MEMBERS, type ClusterMember, cluster, clusterDown, clusterUp, memberPid, residentMiB } from "@hub/devstack/cluster";
import { type ClusterProcess, clusterServiceEnv, startClusterServices } from "@hub/devstack/cluster-services";
import { repoRoot, waitForHttp } from "@hub/devstack/hub-services";
import { grantHubKafkaAccess } from "@hub/devstack/kafka-orgs";
import { loadSeeds, publishDemoCases } from "@hub/seeds";
import { oneLine } from "./env";

const say = (m: string) => console.log(`[hub] ${m}`);
const t0 = Date.now();
const env = readEnv();
const cfg = stackConfig(env, repoRoot);
const c = cluster(cfg, env.HUB_CLUSTER_PORT_BASE);

let started: ClusterMember[] = [];
let services: ClusterProcess[] = [];
let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  say("stopping the hub's processes…");
  await Promise.all(services.map((s) => s.stop()));
  if (started.length > 0) await clusterDown(c, (l) => console.log(l), started);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  say(`cluster profile: ports from ${env.HUB_CLUSTER_PORT_BASE} (HUB_CLUSTER_PORT_BASE)`);
  started = await clusterUp(c, (l) => console.log(l));
  say("applying database migrations…");
  await migrateDeploy(c.databaseUrl);
  const db = createDb(c.databaseUrl, { max: 2 });
  const seeded = await loadSeeds(db);
  const demo = await publishDemoCases(db, env.HUB_TOPIC_PREFIX);
  await db.close();
  say(`seeds: ${seeded.orgs} organisations, ${seeded.users} accounts; ${demo.length} demo tasks`);

  const childEnv = clusterServiceEnv(c, c.databaseUrl, { HUB_WEB_DIR: await buildWeb(say), HUB_HOME: cfg.home });
  await grantHubKafkaAccess({ brokers: c.kafkaBrokers, credentialsDir: c.home }, env.HUB_TOPIC_PREFIX);
  const compiled = await buildServices(say);
  const logs = path.join(c.home, "logs");
  mkdirSync(logs, { recursive: true });
  services = startClusterServices(c, childEnv, compiled, {
    onLine: (l) => console.log(l),
    onGiveUp: (reason) => {
      console.error(`[hub] ${reason}`);
      void shutdown(1);
    },
    maxRestarts: 5,
  });
  await waitForHttp(`${c.apiUrl}/readyz`, 180_000);

  const pids = (await Promise.all(CLUSTER_MEMBERS.map((m) => memberPid(c, m)))).filter((p): p is number => p !== undefined);
  const apiPids = [1, 2].flatMap((n) => {
    try {
      return [Number(readFileSync(path.join(c.home, "run", `api-${n}.pid`), "utf8"))];
    } catch {
      return [];
    }
  });
  const servicePids = [...services.map((s) => s.pid()).filter((p): p is number => p !== undefined), ...apiPids];
  const rows: [string, string][] = [
    ["App", `${c.apiUrl}/`],
    ["API (entry)", `${c.apiUrl} → 2 API processes`],
    ["Temporal Web UI", c.temporalUiUrl],
    ["Temporal", `${c.temporalAddress} (the Temporal server on PostgreSQL)`],
    ["Postgres", c.databaseUrl.replace(/:[^:@/]+@/, ":****@")],
    ["Kafka", c.kafkaBrokers.join(",")],
    ["Processes", "2 routers, 2 workers, 2 relays (one leads)"],
  ];
  console.log("");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(16)} ${v}`);
  console.log(`\n  Sign in: curl -s -XPOST ${c.apiUrl}/v1/auth/dev-login -H 'content-type: application/json' -d '{"email":"head.us@teamkorea.dev"}'`);
  console.log(
    `\n[hub] cluster profile ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; resident memory ${residentMiB(pids)} MiB infrastructure + ${residentMiB(servicePids)} MiB hub processes — Ctrl-C stops what this started\n`,
  );
} catch (err) {
  if (!shuttingDown) {
    console.error(`[hub] cluster start failed: ${oneLine(err)}`);
    await shutdown(1);
  }
}
