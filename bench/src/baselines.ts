/** The raw baselines, each a process of its own started beside the hub in the same run. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../baselines/", import.meta.url));

export interface Baseline {
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts `bench/baselines/<file>` and waits for it to print "ready". */
export async function startBaseline(file: string, args: string[], env: Record<string, string>, log: (l: string) => void): Promise<Baseline> {
  const child: ChildProcess = spawn(process.execPath, [`${dir}${file}`, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within 120 s`)), 120_000);
    child.stdout?.on("data", (b: Buffer) => {
      if (b.toString().includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on("data", (b: Buffer) => log(`${file}: ${b.toString().trim()}`));
    child.once("exit", (code) => reject(new Error(`${file} exited with code ${code} before it was ready`)));
  });
  return {
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
