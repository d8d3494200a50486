/**
 * Where the time went: CPU seconds of each process (and its children, for PostgreSQL's backends
 * and Temporal's) over a measured window, from /proc. Each scenario reports the busiest, so the
 * report says what limits each figure.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK = 100; // USER_HZ on Linux

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    // utime + stime, and cutime + cstime: what its exited children used (PostgreSQL backends come and go).
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

function treeTicks(root: number): number {
  const all = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const pid of all) {
    const s = stat(pid);
    if (s) {
      parent.set(pid, s.ppid);
      ticks.set(pid, s.ticks);
    }
  }
  let sum = 0;
  for (const pid of all) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        sum += ticks.get(pid) ?? 0;
        break;
      }
    }
  }
  return sum;
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface CpuShare {
  /** Cores used on average over the window (1.0 = one core busy all the time). */
  [process: string]: number;
}

/** Starts a window; the returned function ends it and gives each process's average cores used. */
export function cpuWindow(pids: () => Record<string, number | undefined>): () => CpuShare {
  const t0 = performance.now();
  const start = Object.fromEntries(Object.entries(pids()).map(([k, pid]) => [k, pid ? treeTicks(pid) : 0]));
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const out: CpuShare = {};
    for (const [k, pid] of Object.entries(pids())) {
      if (!pid) continue;
      out[k] = Math.round(((treeTicks(pid) - (start[k] ?? 0)) / TICK / seconds) * 100) / 100;
    }
    return out;
  };
}

/** "api 0.95 cores, postgres 0.40, …" — the three busiest. */
export function busiest(share: CpuShare): string {
  return Object.entries(share)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(", ");
}
