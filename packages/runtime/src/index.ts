/** Process lifecycle shared by every service: one-line logs, graceful shutdown, clear fatal errors. */
import { ConfigError } from "@hub/config";

export { classifyFailure, type FailureKind, isPermanentDbError, poisonGuard } from "./failures";

export type Log = (message: string) => void;

export function logger(service: string): Log {
  return (message) => console.log(`${new Date().toISOString()} [${service}] ${message}`);
}

/**
 * Starts a service and stops it on SIGINT/SIGTERM. A start-up failure prints one line saying
 * what failed (no stack trace for expected faults) and exits non-zero.
 */
export async function runService(service: string, start: (log: Log) => Promise<() => Promise<void>>): Promise<void> {
  const log = logger(service);
  let stop: (() => Promise<void>) | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    const timer = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await stop?.();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  try {
    stop = await start(log);
  } catch (err) {
    console.error(`[${service}] cannot start: ${describe(err)}`);
    if (!(err instanceof ConfigError) && process.env.HUB_DEBUG) console.error(err);
    process.exit(1);
  }
}

export function describe(err: unknown): string {
  if (err instanceof Error) return err.message.split("\n")[0] ?? err.name;
  return String(err);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
