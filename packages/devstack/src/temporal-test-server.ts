/**
 * Temporal's time-skipping test server, for the `workflow` test tier: the Java SDK's own
 * io.temporal:temporal-test-server, fetched once from Maven Central with the pom beside this
 * package (as Kafka's jars are) and cached in HUB_CACHE_DIR, where @temporalio/testing's
 * createTimeSkipping would download a build from temporal.download, which an offline machine
 * cannot reach. It is started here too: createTimeSkipping, even given the path of an existing
 * executable, gives the server 5 s to listen, and a JVM on a busy 2-core machine takes longer.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { requireJava } from "./java.js";
import { acquireLock, lastLines, runCommand, seconds, sleep, tcpReachable } from "./process.js";
import { type Log, StackError } from "./types.js";

export const TEMPORAL_TEST_SERVER_VERSION = "1.31.0";
const POM = fileURLToPath(new URL("../temporal-test-server/pom.xml", import.meta.url));
const FETCH_TIMEOUT_MS = 10 * 60_000;
const FOR = "for the workflow tier's time-skipping tests";

function paths(cacheDir: string) {
  const dir = path.join(cacheDir, `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}`);
  // The wrapper is written last, so a folder without it is never taken for a complete fetch.
  return { dir, wrapper: path.join(dir, "temporal-test-server"), lock: `${dir}.lock` };
}

/**
 * Finds the jars beside itself, so the cache folder may move. A small heap, the serial collector and
 * the C1 compiler only: the server holds a test's few workflows and must start fast on 2 cores.
 */
const WRAPPER = `#!/bin/sh
# Written by @hub/devstack (src/temporal-test-server.ts): Temporal's time-skipping test server; the port is the first argument.
dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
exec java -Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -cp "$dir/libs/*" io.temporal.testserver.TestServer "$@"
`;

/** The wrapper script that runs the pinned test server (the port its one argument), fetching its jars first when this machine has none. */
export async function ensureTemporalTestServer(cacheDir: string, log: Log): Promise<string> {
  // Checked on every call, cached or not: the wrapper runs the PATH's java.
  await requireJava("temporal", FOR);
  const p = paths(cacheDir);
  if (existsSync(p.wrapper)) return p.wrapper;
  const release = await acquireLock(p.lock, FETCH_TIMEOUT_MS, (holder) =>
    log(`[stack] temporal: waiting for pid ${holder}, which is fetching the test server…`),
  );
  try {
    if (existsSync(p.wrapper)) return p.wrapper;
    const started = Date.now();
    log(`[stack] temporal: fetching the time-skipping test server ${TEMPORAL_TEST_SERVER_VERSION} from Maven Central (first run only)…`);
    // Fetched beside the cache and renamed into place, so an interrupted fetch is never taken for a complete one.
    const partial = `${p.dir}.partial-${process.pid}`;
    await fs.rm(partial, { recursive: true, force: true });
    await fs.mkdir(partial, { recursive: true });
    const result = await runCommand(
      "mvn",
      ["-q", "-B", "-f", POM, "dependency:copy-dependencies", "-DincludeScope=runtime", `-DoutputDirectory=${path.join(partial, "libs")}`],
      { timeoutMs: FETCH_TIMEOUT_MS, onTick: () => log(`[stack] temporal: still fetching the test server… ${seconds(started)}`) },
    );
    if (result.code !== 0) {
      await fs.rm(partial, { recursive: true, force: true });
      if (result.spawnError) {
        throw new StackError(
          "temporal",
          `the time-skipping test server ${TEMPORAL_TEST_SERVER_VERSION} is not cached and Maven was not found`,
          `install Maven (apt-get install maven) ${FOR}`,
        );
      }
      for (const line of lastLines(result.output, 10)) log(`[stack]   ${line}`);
      throw new StackError(
        "temporal",
        `Maven could not fetch the time-skipping test server (exit ${result.code})`,
        "check access to Maven Central (output above)",
      );
    }
    await fs.writeFile(path.join(partial, "temporal-test-server"), WRAPPER, { mode: 0o755 });
    // Held under the lock: no twin fetch can rename its copy into place meanwhile.
    await fs.rm(p.dir, { recursive: true, force: true });
    await fs.rename(partial, p.dir);
    log(`[stack] temporal: test server cached in ${p.dir} (${seconds(started)})`);
    return p.wrapper;
  } finally {
    await release();
  }
}

export interface RunningTestServer {
  /** host:port, for a Temporal connection with the test service. */
  address: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** A port nobody listens on now (the OS's pick; the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the test server (fetched first when needed) on a free port, once it accepts connections. */
export async function startTemporalTestServer(cacheDir: string, log: Log): Promise<RunningTestServer> {
  const wrapper = await ensureTemporalTestServer(cacheDir, log);
  const port = await freePort();
  const child = spawn(wrapper, [String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => {
    stderr = (stderr + b.toString("utf8")).slice(-4000);
  });
  let exit: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exit = code;
      resolve();
    }),
  );
  // A test process that ends without stopping it (a crash, a timeout) must not leave a JVM behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (exit !== undefined) return;
    child.kill("SIGTERM");
    const killed = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
    if (killed) {
      child.kill("SIGKILL");
      await exited;
    }
  };
  const started = Date.now();
  while (!(await tcpReachable("127.0.0.1", port, 1000))) {
    const why =
      exit !== undefined
        ? `exited (code ${exit}) before it listened`
        : Date.now() - started > START_TIMEOUT_MS
          ? `did not listen on port ${port} within ${START_TIMEOUT_MS / 1000} s`
          : undefined;
    if (why) {
      await stop();
      throw new StackError("temporal", `the time-skipping test server ${why}`, lastLines(stderr, 3).join(" ") || `run ${wrapper} ${port} to see why`);
    }
    await sleep(100);
  }
  return { address: `127.0.0.1:${port}`, stop };
}
