/**
 * The cluster profile's one entry point in front of the API processes: Node's cluster module.
 * The primary owns the listening socket (API_PORT) and hands each new connection to the next
 * live API process in turn (round-robin); a process that dies gets no more connections and is
 * replaced. In production a load balancer does this job in front of API replicas on many hosts.
 *
 * Run as `node --import tsx api-balancer.ts` with HUB_API_BUNDLE (the compiled API), HUB_API_REPLICAS
 * and HUB_API_PID_DIR (each process's pid in api-<n>.pid, for fault tests).
 */
import cluster, { type Worker } from "node:cluster";
import { writeFileSync } from "node:fs";
import path from "node:path";

const bundle = process.env.HUB_API_BUNDLE;
const replicas = Number(process.env.HUB_API_REPLICAS ?? "2");
const pidDir = process.env.HUB_API_PID_DIR;
if (!bundle || !Number.isInteger(replicas) || replicas < 1) {
  console.error("[api-balancer] HUB_API_BUNDLE and HUB_API_REPLICAS (≥ 1) must be set");
  process.exit(2);
}

// Round-robin in the primary (Linux's default too): the kernel's own spreading favours one process.
cluster.schedulingPolicy = cluster.SCHED_RR;
cluster.setupPrimary({ exec: bundle, execArgv: ["--enable-source-maps"] });

let stopping = false;
const slots = new Map<Worker, number>();

function fork(slot: number): void {
  const worker = cluster.fork({ HUB_API_REPLICA: String(slot) });
  slots.set(worker, slot);
  if (pidDir && worker.process.pid) writeFileSync(path.join(pidDir, `api-${slot}.pid`), String(worker.process.pid));
}

cluster.on("exit", (worker, code, signal) => {
  const slot = slots.get(worker) ?? 0;
  slots.delete(worker);
  if (stopping) {
    if (slots.size === 0) process.exit(0);
    return;
  }
  console.log(
    `[api-balancer] api ${slot} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); the others take its connections, replacing it in 1 s`,
  );
  setTimeout(() => !stopping && fork(slot), 1000);
});

for (let slot = 1; slot <= replicas; slot++) fork(slot);
console.log(`[api-balancer] ${replicas} API processes behind one port (pid ${process.pid})`);

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    if (slots.size === 0) process.exit(0);
    for (const w of slots.keys()) w.process.kill("SIGTERM");
    setTimeout(() => process.exit(1), 15_000).unref();
  });
}
