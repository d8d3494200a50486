/**
 * `npm test`: every test tier (scripts/test-tiers.ts). The tiers that need no stack (unit,
 * workflow) run first, before anything boots, for quick feedback; then it boots (or reuses) the
 * real stack, prepares a separate test database, runs the hub's services against it (supervised,
 * with their logs in .hub/logs/test-services.log), and runs the other tiers against that one hub,
 * one after another — except that, on a machine with the cores for it, a tier marked `beside`
 * (the cluster's fault matrix, on a stack of its own) runs alongside them with its output in
 * .hub/logs/test-<tier>.log, shown when it fails. A failing tier does not stop the run: one run reports everything. Stops what it started,
 * then prints each tier's count and time and, last of all, the plain closing line.
 *
 * Extra arguments go to vitest: `npm test -- test/src/dead-letters.test.ts` runs that file only
 * (in its tier; the stack boots only when a selected file needs it), `npm test -- --project unit`
 * one tier (`npm run test:unit`).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Component } from "@hub/devstack";
import type { Supervised } from "@hub/devstack/hub-services";
import { anyFailed, closingLine, countTier, notRun, readReport, type TierResult, tierLines } from "./test-report";
import { TIERS, type Tier } from "./test-tiers";

const say = (m: string) => console.log(`[test] ${m}`);
const repoRoot = path.resolve(import.meta.dirname, "..");
const vitestBin = path.join(repoRoot, "node_modules", ".bin", "vitest");
const resultsDir = path.join(repoRoot, ".hub", "test-results");
const args = process.argv.slice(2);

/** The user's arguments without `--project`: each tier's run names its own project. */
function withoutProject(a: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === "--project") i++;
    else if (!a[i]?.startsWith("--project=")) out.push(a[i] as string);
  }
  return out;
}

/** The vitest processes running now (a tier beside the others makes two). */
const running = new Set<ChildProcess>();

function runVitest(vitestArgs: string[], env: NodeJS.ProcessEnv, capture: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(vitestBin, vitestArgs, { cwd: repoRoot, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit", env });
    running.add(child);
    let output = "";
    child.stdout?.on("data", (b: Buffer) => {
      output += b.toString("utf8");
    });
    child.stderr?.on("data", (b: Buffer) => {
      output += b.toString("utf8");
    });
    child.on("error", (err) => {
      output += String(err);
    });
    child.on("close", (code) => {
      running.delete(child);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** How many selected test files each tier holds (vitest's own globbing, the user's filters applied). */
async function selectedFiles(): Promise<Map<string, number>> {
  const listFile = path.join(resultsDir, "selected.json");
  rmSync(listFile, { force: true });
  const r = await runVitest(["list", "--filesOnly", `--json=${listFile}`, ...args], process.env, true);
  const counts = new Map<string, number>();
  if (r.code !== 0) {
    if (/No test files found/i.test(r.output)) return counts;
    process.stdout.write(r.output);
    throw new Error(`vitest could not list the test files (exit code ${r.code})`);
  }
  const listed = JSON.parse(readFileSync(listFile, "utf8")) as { file: string; projectName?: string }[];
  for (const f of listed) counts.set(f.projectName ?? "", (counts.get(f.projectName ?? "") ?? 0) + 1);
  return counts;
}

const results: TierResult[] = [];
let stopStack: () => Promise<void> = async () => undefined;
let servicesLog = path.join(".hub", "logs", "test-services.log");
let finishing = false;

async function runTier(tier: Tier, env: NodeJS.ProcessEnv, beside = false): Promise<void> {
  if (finishing) return; // interrupted: no further tier
  const report = path.join(resultsDir, `${tier.name}.json`);
  rmSync(report, { force: true });
  const t0 = Date.now();
  // A tier beside the others writes to its own log: two vitest runs on one terminal are unreadable.
  const log = beside ? path.join(path.dirname(servicesLog), `test-${tier.name}.log`) : undefined;
  say(log ? `${tier.name} tier, beside the others (its output: ${path.relative(repoRoot, log)})…` : `${tier.name} tier…`);
  const { code, output } = await runVitest(["run", "--project", tier.name, ...withoutProject(args)], { ...env, HUB_TEST_REPORT: report }, !!log);
  const r = countTier(tier.name, readReport(report), code, (Date.now() - t0) / 1000, repoRoot);
  results.push(r);
  for (const line of tierLines(r)) say(line);
  if (log) {
    writeFileSync(log, output);
    if (r.failed > 0) failedBeside.push({ tier: tier.name, log, output });
  }
}

/**
 * A tier runs beside the others only with this many cores. Measured on 2 cores (one commit, two
 * fresh-clone runs): beside, 16 min 11 s; after the others, 16 min 50 s. The 4 % came at the price
 * of every tier beside it running 1.5–2× slower (browser 344 s instead of 202 s), which is where
 * timeouts and flakes live: the two took turns on the CPU rather than overlapping waits.
 */
const CORES_FOR_BESIDE = 4;

/** Output of the tiers beside the others that failed, shown once the others are done. */
const failedBeside: { tier: string; log: string; output: string }[] = [];

async function finish(code?: number): Promise<never> {
  if (finishing) return new Promise<never>(() => undefined);
  finishing = true;
  for (const child of running) child.kill("SIGTERM");
  await stopStack().catch((err: unknown) => say(`stopping the stack failed: ${String(err)}`));
  const failed = anyFailed(results);
  if (results.length > 0) {
    // In the tiers' order, whichever finished first (a tier beside the others ends when it ends).
    const order = (r: TierResult) => {
      const i = TIERS.findIndex((t) => t.name === r.tier);
      return i < 0 ? TIERS.length : i;
    };
    results.sort((a, b) => order(a) - order(b));
    say("per tier:");
    for (const r of results) for (const line of tierLines(r)) say(`  ${line}`);
    // The last line of all (CI reads it): nothing may be printed after it.
    console.log(closingLine(results));
  }
  process.exit(code ?? (failed ? 1 : 0));
}
process.on("SIGINT", () => void finish(130));
process.on("SIGTERM", () => void finish(143));

try {
  mkdirSync(resultsDir, { recursive: true });
  const selected = await selectedFiles();
  const tiers = TIERS.filter((t) => (selected.get(t.name) ?? 0) > 0);
  if (tiers.length === 0) {
    say(`no test file matches ${args.length ? args.join(" ") : "the tiers"}`);
    process.exit(1);
  }
  for (const tier of tiers.filter((t) => !t.needsStack)) await runTier(tier, process.env);

  const stackTiers = tiers.filter((t) => t.needsStack);
  if (stackTiers.length > 0) {
    let env: NodeJS.ProcessEnv | undefined;
    try {
      env = await startHubUnderTest(stackTiers);
    } catch (err) {
      const { oneLine } = await import("./env");
      const why = oneLine(err);
      console.error(`[test] ${why}`);
      for (const tier of stackTiers) results.push(notRun(tier.name, `the stack did not start (${why})`));
    }
    if (env) {
      const readyEnv = env;
      let besideDone = false;
      const besideTiers = stackTiers.filter((t) => t.beside && CORES_FOR_BESIDE <= os.availableParallelism());
      const beside = Promise.all(besideTiers.map((t) => runTier(t, readyEnv, true))).then(() => {
        besideDone = true;
      });
      for (const tier of stackTiers.filter((t) => !besideTiers.includes(t))) await runTier(tier, env);
      if (!besideDone && besideTiers.length > 0) say(`waiting for the ${besideTiers.map((t) => t.name).join(" and ")} tier beside the others…`);
      await beside;
      for (const f of failedBeside) {
        say(`${f.tier} tier failed; its output follows (also in ${path.relative(repoRoot, f.log)})`);
        process.stdout.write(f.output);
      }
      if (anyFailed(results)) say(`tests failed; the services' logs are in ${path.relative(repoRoot, servicesLog)}`);
    }
  }
} catch (err) {
  console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
  results.push(notRun("npm test", err instanceof Error ? err.message : String(err)));
}
await finish();

/**
 * Boots (or reuses) the stack with Keycloak (test/src/oidc.test.ts signs in there; the hub under
 * test itself stays on dev-login), prepares the test database and starts the hub's services on
 * it. Resolves to the environment the stack's tiers run in; sets `stopStack`.
 */
async function startHubUnderTest(stackTiers: readonly Tier[]): Promise<NodeJS.ProcessEnv> {
  const { HARNESS_RATE_LIMITS, readStackEnv: readEnv, stackConfig } = await import("@hub/devstack");
  const { createDb, migrateDeploy } = await import("@hub/db");
  const { ensureDatabase, stackDown } = await import("@hub/devstack");
  const { buildServices } = await import("@hub/devstack/build-services");
  const { buildWeb } = await import("@hub/devstack/build-web");
  const { ensureChromium } = await import("@hub/devstack/chromium");
  const { HUB_SERVICES, superviseService, waitForHttp } = await import("@hub/devstack/hub-services");
  const { loadSeeds } = await import("@hub/seeds");
  const { bootStack, hubKafkaAccess, serviceEnv } = await import("./env");

  const env = readEnv();
  const cfg = stackConfig(env, repoRoot);
  const services: Supervised[] = [];
  let started: Component[] = [];
  stopStack = async () => {
    await Promise.all(services.map((s) => s.stop()));
    if (started.length > 0) {
      say(`stopping what the tests started: ${started.join(", ")}`);
      await stackDown(cfg, undefined, started);
    }
  };

  const ep = await bootStack(cfg, "test", true);
  started = ep.started;
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
  servicesLog = logFile;
  const log = createWriteStream(logFile, { flags: "a" });
  const testEnv = serviceEnv(ep, databaseUrl, cfg.home, {
    NODE_ENV: "test",
    HUB_AUTH: "dev",
    API_HOST: "127.0.0.1",
    API_PORT: String(apiPort),
    HUB_TOPIC_PREFIX: "test.",
    // The test database's files, kept apart from `npm start`'s in the same store.
    HUB_S3_BUCKET: "team-korea-hub-test",
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
  // The browser tests (test/src/web*.e2e.test.ts) drive Debian's chromium; they skip, said once here, where it cannot be installed.
  if (stackTiers.some((t) => t.name === "browser")) ensureChromium(say);
  say("hub under test is ready");
  return {
    ...process.env,
    ...testEnv,
    HUB_TEST_API_URL: apiUrl,
    HUB_TEST_KAFKA_OWNED: cfg.external.kafkaBrokers ? "0" : "1",
    // The test files' own principal: the topics of their prefix (test.), as the relay's.
    ...(kafka ? { KAFKA_SASL_USERNAME: kafka["hub-test"].username, KAFKA_SASL_PASSWORD: kafka["hub-test"].password } : {}),
    ...(ep.mailpitUrl ? { HUB_TEST_MAILPIT_URL: ep.mailpitUrl, HUB_TEST_MAILPIT_OWNED: "1" } : {}),
    HUB_TEST_S3_OWNED: ep.s3Credentials ? "1" : "0",
  };
}
