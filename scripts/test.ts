/**
 * `npm test`: boots (or reuses) the real stack, prepares a separate test database, runs the
 * hub's services against it (supervised, with their logs in .hub/logs/test-services.log), then
 * runs vitest. Stops what it started. Extra arguments go to vitest.
 */

import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { HARNESS_RATE_LIMITS, readEnv, stackConfig } from "@hub/config";
import { createDb, migrateDeploy } from "@hub/db";
import { ensureDatabase, stackDown } from "@hub/devstack";
import { buildServices } from "@hub/devstack/build-services";
import { buildWeb } from "@hub/devstack/build-web";
import { ensureChromium } from "@hub/devstack/chromium";
import { HUB_SERVICES, repoRoot, type Supervised, superviseService, waitForHttp } from "@hub/devstack/hub-services";
import { loadSeeds } from "@hub/seeds";
import { bootStack, hubKafkaAccess, oneLine, serviceEnv } from "./env";

const say = (m: string) => console.log(`[test] ${m}`);

/**
 * One plain closing line, whatever reporter is on screen: "Tests: N passed, N failed". It must be
 * the very last line printed (after the stack has stopped): CI reads the closing lines for it.
 */
function totalsLine(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  return `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""}`;
}
const env = readEnv();
const cfg = stackConfig(env, repoRoot);
const args = process.argv.slice(2);

// Keycloak always: test/src/oidc.test.ts signs in there (the hub under test itself stays on dev-login).
const ep = await bootStack(cfg, "test", true);

const services: Supervised[] = [];
async function finish(code: number, totals?: string): Promise<never> {
  await Promise.all(services.map((s) => s.stop()));
  if (ep.started.length > 0) {
    say(`stopping what the tests started: ${ep.started.join(", ")}`);
    await stackDown(cfg, undefined, ep.started);
  }
  if (totals) console.log(totals);
  process.exit(code);
}
process.on("SIGINT", () => void finish(130));

try {
  const testDb = `${cfg.database}_test`;
  const url = new URL(ep.databaseUrl);
  url.pathname = `/${testDb}`;
  const databaseUrl = url.toString();
  say(`preparing database ${testDb}…`);
  await ensureDatabase(ep.postgresAdminUrl, testDb);
  await migrateDeploy(databaseUrl);
  const db = createDb(databaseUrl, { max: 2 });
  await loadSeeds(db);
  await db.close();

  const apiPort = env.HUB_TEST_API_PORT;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const logs = path.join(cfg.home, "logs");
  mkdirSync(logs, { recursive: true });
  mkdirSync(path.join(cfg.home, "run"), { recursive: true });
  const logFile = path.join(logs, "test-services.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const testEnv = serviceEnv(ep, databaseUrl, cfg.home, {
    NODE_ENV: "test",
    HUB_AUTH: "dev",
    API_HOST: "127.0.0.1",
    API_PORT: String(apiPort),
    HUB_TOPIC_PREFIX: "test.",
    HUB_TASK_QUEUE: "hub-test",
    // A "day" on the task clock lasts 2 s in tests: approvals escalate after 6 s, a
    // fortnight's deadline falls due in half a minute.
    HUB_DAY_MS: "2000",
    HUB_RELAY_POLL_MS: "25",
    // An organisation's new ingress topic is read within a second (test/src/kafka-auth.test.ts).
    HUB_INGRESS_REFRESH_MS: "1000",
    HUB_LOG_LEVEL: "warn",
    // E-mail notices link to the hub under test; a digest gathers for 4 s and a failed send is
    // retried after 0.25 s, doubling, so a mail server down for a while is caught up within seconds.
    HUB_PUBLIC_URL: apiUrl,
    HUB_NOTICE_DIGEST_MS: "4000",
    HUB_NOTICE_RETRY_MS: "250",
    HUB_NOTICE_POLL_MS: "200",
    // Every test signs in and publishes from 127.0.0.1 as a handful of users, far beyond what a
    // person does: the hub under test lifts the abuse limits (test/src/abuse.test.ts builds its own API with low ones).
    ...HARNESS_RATE_LIMITS,
    HUB_WEB_DIR: await buildWeb(say),
  });
  const kafka = await hubKafkaAccess(cfg, ep, testEnv.HUB_TOPIC_PREFIX as string);
  const compiled = await buildServices(say);
  say(`starting api, relay, router and worker (logs: ${path.relative(repoRoot, logFile)})…`);
  for (const name of HUB_SERVICES) {
    services.push(
      superviseService(name, testEnv, {
        compiled: compiled[name],
        pidFile: path.join(cfg.home, "run", `test-${name}-${apiPort}.pid`),
        onLine: (l) => log.write(`${new Date().toISOString()} ${l}\n`),
        maxRestarts: 20,
        kafka,
      }),
    );
  }
  await waitForHttp(`${apiUrl}/readyz`, 120_000);
  // The browser tests (test/src/web.e2e.test.ts) drive Debian's chromium; they skip, said once here, where it cannot be installed.
  ensureChromium(say);
  say("hub under test is ready; running vitest");
  rmSync(path.join(repoRoot, ".hub", "test-results.json"), { force: true });

  const vitest = spawn(path.join(repoRoot, "node_modules", ".bin", "vitest"), ["run", ...args], {
    cwd: repoRoot,
    stdio: "inherit",
    env: {
      ...process.env,
      ...testEnv,
      HUB_TEST_API_URL: apiUrl,
      HUB_TEST_KAFKA_OWNED: cfg.external.kafkaBrokers ? "0" : "1",
      // The test files' own principal: the topics of their prefix (test.), as the relay's.
      ...(kafka ? { KAFKA_SASL_USERNAME: kafka["hub-test"].username, KAFKA_SASL_PASSWORD: kafka["hub-test"].password } : {}),
      ...(ep.mailpitUrl ? { HUB_TEST_MAILPIT_URL: ep.mailpitUrl, HUB_TEST_MAILPIT_OWNED: "1" } : {}),
    },
  });
  const code = await new Promise<number>((resolve) => vitest.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) say(`tests failed; the services' logs are in ${path.relative(repoRoot, logFile)}`);
  await finish(code, totalsLine(path.join(repoRoot, ".hub", "test-results.json")));
} catch (err) {
  console.error(`[test] ${oneLine(err)}`);
  await finish(1);
}
