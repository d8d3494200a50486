/**
 * `npm start`: boots (or reuses) the stack, migrates, seeds the demo, runs the four services
 * and prints every address. Ctrl-C stops the services and whatever part of the stack it started.
 */
import net from "node:net";
import { createDb, migrateDeploy } from "@hub/db";
import { minioConsoleUrl, readStackEnv as readEnv, stackConfig, stackDown } from "@hub/devstack";
import { buildServices } from "@hub/devstack/build-services";
import { buildWeb } from "@hub/devstack/build-web";
import { HUB_SERVICES, repoRoot, type Supervised, superviseService, waitForHttp } from "@hub/devstack/hub-services";
import { DEV_PASSWORD, loadSeeds, publishDemoCases } from "@hub/seeds";
import { bootStack, hubKafkaAccess, oneLine, serviceEnv } from "./env";

const say = (m: string) => console.log(`[hub] ${m}`);
const t0 = Date.now();
const env = readEnv();
const cfg = stackConfig(env, repoRoot);

async function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer().once("error", () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

if (!(await portFree(env.API_HOST, env.API_PORT))) {
  console.error(`[hub] api: port ${env.API_PORT} is taken by another process — stop it or set API_PORT to a free port`);
  process.exit(1);
}

const oidc = env.HUB_AUTH === "oidc";
const ep = await bootStack(cfg, "hub", oidc);

const services: Supervised[] = [];
let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  say("stopping the hub's services…");
  await Promise.all(services.map((s) => s.stop()));
  if (ep.started.length > 0) await stackDown(cfg, undefined, ep.started);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  say("applying database migrations…");
  await migrateDeploy(ep.databaseUrl);
  const db = createDb(ep.databaseUrl, { max: 2 });
  const seeded = await loadSeeds(db);
  const demo = await publishDemoCases(db, env.HUB_TOPIC_PREFIX);
  await db.close();
  say(`seeds: ${seeded.orgs} organisations, ${seeded.users} accounts, ${seeded.duties} duties; one demo task of each kind:`);
  for (const d of demo) say(`  ${d.label}: ${d.status === "accepted" ? "published" : "already in flight"}`);

  const childEnv = serviceEnv(ep, ep.databaseUrl, cfg.home, { HUB_WEB_DIR: await buildWeb(say) });
  const kafka = await hubKafkaAccess(cfg, ep, env.HUB_TOPIC_PREFIX);
  const compiled = await buildServices(say);
  for (const name of HUB_SERVICES) {
    services.push(
      superviseService(name, childEnv, {
        compiled: compiled[name],
        kafka,
        onGiveUp: (reason) => {
          console.error(`[hub] ${reason}`);
          void shutdown(1);
        },
      }),
    );
  }
  const api = `http://${env.API_HOST}:${env.API_PORT}`;
  await waitForHttp(`${api}/readyz`, 120_000);

  const rows: [string, string][] = [
    ["App", `${api}/`],
    ["API", api],
    ["API docs", `${api}/docs`],
    ["Temporal Web UI", ep.temporalUiUrl ?? "(external Temporal)"],
    ["Temporal", ep.temporalAddress],
    ["Postgres", ep.databaseUrl.replace(/:[^:@/]+@/, ":****@")],
    ["Kafka", ep.kafkaBrokers.join(",")],
    ["Mail (Mailpit)", ep.mailpitUrl ?? `(external SMTP ${ep.smtpUrl.replace(/:[^:@/]+@/, ":****@")})`],
    ["Files (MinIO)", ep.s3Credentials ? `${ep.s3Url} (console ${minioConsoleUrl(cfg)})` : `(external S3 ${ep.s3Url})`],
    ...(ep.oidcIssuer ? ([["Sign-in (OIDC)", ep.oidcIssuer]] as [string, string][]) : []),
  ];
  console.log("");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(16)} ${v}`);
  if (oidc) {
    const local = cfg.external.oidcIssuer ? "" : ` (every seeded e-mail, password ${DEV_PASSWORD})`;
    console.log(`\n  Sign in through ${ep.oidcIssuer}${local}: the client ${env.OIDC_CLIENT_ID}, authorization code + PKCE`);
  } else {
    console.log(`\n  Sign in: curl -s -XPOST ${api}/v1/auth/dev-login -H 'content-type: application/json' -d '{"email":"head.us@teamkorea.dev"}'`);
  }
  console.log(`\n[hub] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s — Ctrl-C stops what this started\n`);
} catch (err) {
  // A Ctrl-C during start-up interrupts whatever was running; that is not a failure to report.
  if (!shuttingDown) {
    console.error(`[hub] start failed: ${oneLine(err)}`);
    await shutdown(1);
  }
}
