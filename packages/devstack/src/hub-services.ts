/**
 * Runs the hub's own services (api, relay, router, worker) as child processes of the caller,
 * with their output prefixed by name. `npm start` and the end-to-end tests both use it, so the
 * tests exercise the very processes a user runs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { HubKafkaPrincipal } from "@hub/kafka";
import { type KafkaPrincipals, kafkaServiceEnv } from "./kafka-auth.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export type HubService = "api" | "relay" | "router" | "worker";
export const HUB_SERVICES: HubService[] = ["api", "relay", "router", "worker"];

/**
 * Node.js flags per service. The worker's heap is capped: it holds a bounded cache of workflows
 * (HUB_WORKER_CACHED_WORKFLOWS), and without a cap V8 lets its heaps grow under load long
 * before collecting — measured, 420 MB at 7,500 open tasks against 230 MB with these limits.
 */
export const SERVICE_NODE_ARGS: Record<HubService, string[]> = {
  api: [],
  relay: [],
  router: [],
  worker: ["--max-old-space-size=128", "--max-semi-space-size=4"],
};

/** The Kafka principal each service authenticates as (the worker does not talk to Kafka). */
export const SERVICE_KAFKA_PRINCIPAL: Record<HubService, HubKafkaPrincipal | null> = {
  api: "hub-api",
  relay: "hub-relay",
  router: "hub-router",
  worker: null,
};

/** KAFKA_SASL_USERNAME/PASSWORD of `name`'s own principal, from the stack's credentials. */
export function serviceKafkaEnv(name: HubService, principals: KafkaPrincipals | undefined): Record<string, string> {
  const who = SERVICE_KAFKA_PRINCIPAL[name];
  return principals && who ? kafkaServiceEnv(principals, who) : {};
}

export interface ServiceProcess {
  name: HubService;
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash, for fault tests. */
  kill(): Promise<void>;
}

/**
 * Starts a service: its compiled bundle when one is given (see build-services.ts), else its
 * TypeScript through tsx.
 */
export function spawnService(
  name: HubService,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void = (l) => console.log(l),
  compiled?: string,
  nodeArgs: string[] = [],
): ServiceProcess {
  // Source maps make stack traces point at the TypeScript, but each stack then costs a lookup:
  // the worker's workflow sandbox captures stacks constantly (measured: a tenth of its CPU), so
  // it runs without them.
  const sourceMaps = name === "worker" ? [] : ["--enable-source-maps"];
  const args = [
    ...SERVICE_NODE_ARGS[name],
    ...nodeArgs,
    ...(compiled ? [...sourceMaps, compiled] : ["--import", "tsx", path.join(repoRoot, "services", name, "src", "main.ts")]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pad = name.padEnd(6);
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (l) => onLine(`${pad}| ${l}`));
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signal = async (sig: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name, child, exited, stop: (graceMs = 10_000) => signal("SIGTERM", graceMs), kill: () => signal("SIGKILL", 0) };
}

/** Polls a URL until it answers 2xx, or throws after the timeout with the last status seen. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready after ${Math.round(timeoutMs / 1000)} s: ${last}`);
}

export interface Supervised {
  name: HubService;
  /** The pid of the process running now. */
  pid(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Keeps a service running the way a process manager would: a crashed process is started
 * again after a short pause, and its pid is written to pidFile each time, so a fault test can
 * kill it and watch the hub recover. Gives up after `maxRestarts` crashes within a minute.
 */
export function superviseService(
  name: HubService,
  env: NodeJS.ProcessEnv,
  opts: {
    pidFile?: string;
    onLine?: (line: string) => void;
    onGiveUp?: (reason: string) => void;
    maxRestarts?: number;
    compiled?: string;
    /** Extra Node.js flags (e.g. --cpu-prof for the bench's profiles). */
    nodeArgs?: string[];
    /** The stack's Kafka principals: the service gets its own (none: KAFKA_SASL_* from `env`, e.g. an external broker's). */
    kafka?: KafkaPrincipals;
  },
): Supervised {
  let current: ServiceProcess | null = null;
  let stopping = false;
  const crashes: number[] = [];
  const onLine = opts.onLine ?? ((l) => console.log(l));

  const start = () => {
    const proc = spawnService(name, { ...env, ...serviceKafkaEnv(name, opts.kafka) }, onLine, opts.compiled, opts.nodeArgs);
    current = proc;
    if (opts.pidFile && proc.child.pid) writeFileSync(opts.pidFile, String(proc.child.pid));
    void proc.exited.then((code) => {
      if (stopping) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && (crashes[0] as number) < now - 60_000) crashes.shift();
      if (crashes.length > (opts.maxRestarts ?? 5)) {
        opts.onGiveUp?.(`${name} exited ${crashes.length} times within a minute (last exit code ${code}); not restarting`);
        return;
      }
      onLine(`${name.padEnd(6)}| exited (code ${code}); restarting in 1 s`);
      setTimeout(() => !stopping && start(), 1000);
    });
  };
  start();

  return {
    name,
    pid: () => current?.child.pid,
    async stop() {
      stopping = true;
      await current?.stop();
    },
  };
}
