import path from "node:path";
import type { StackConfig } from "./env.js";
import type { Component, Log } from "./types.js";

export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  uid?: number;
  gid?: number;
  /** Added to the launcher's environment. */
  env?: Record<string, string>;
}

/** What the launcher needs to know about one component; index.ts does the rest the same way for all. */
export interface Driver {
  component: Component;
  /** Every port the component binds, with the variable that moves it. */
  ports(cfg: StackConfig): { port: number; env: string }[];
  address(cfg: StackConfig): string;
  /** The externally provided endpoint, when the launcher must start nothing. */
  external(cfg: StackConfig): string | undefined;
  /** Undefined when the external endpoint answers, else what is wrong. */
  checkExternal(cfg: StackConfig): Promise<string | undefined>;
  /** A string found only in the command line of this stack's process (a path under cfg.home). */
  marker(cfg: StackConfig): string;
  stopSignal: NodeJS.Signals;
  stopTimeoutMs: number;
  readyTimeoutMs: number;
  /** While a slow start runs, print a "still starting" line this often. */
  progressEveryMs?: number;
  /** Fetches, builds and initialises whatever the first start needs; returns the command to run. */
  prepare(cfg: StackConfig, log: Log): Promise<Launch>;
  /** True once the component answers requests (not merely accepts TCP). */
  probe(cfg: StackConfig): Promise<boolean>;
  afterReady?(cfg: StackConfig): Promise<void>;
}

export function stackPaths(cfg: StackConfig) {
  const run = path.join(cfg.home, "run");
  const logs = path.join(cfg.home, "logs");
  return {
    run,
    logs,
    lock: path.join(run, "stack.lock"),
    pidFile: (c: Component) => path.join(run, `${c}.pid`),
    logFile: (c: Component) => path.join(logs, `${c}.log`),
  };
}
