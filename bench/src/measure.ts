/** Load generation and latency statistics: autocannon for closed-loop and rate-capped HTTP load, a plain scheduler for open-loop pipelines. */
import autocannon from "autocannon";

export interface Latency {
  /** Completed operations per second over the measured window. */
  rate: number;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Failed operations (non-2xx, errors, timeouts). */
  failed: number;
  /** A sample of the latencies (ms) for the chart. */
  samples: number[];
  /** Every latency, sorted (to merge runs). */
  all: number[];
}

export function stats(ms: number[], seconds: number, failed: number): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) : Number.NaN);
  const step = Math.max(1, Math.floor(s.length / 2000));
  return {
    rate: s.length / seconds,
    count: s.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: s[s.length - 1] ?? Number.NaN,
    failed,
    samples: s.filter((_, i) => i % step === 0),
    all: s,
  };
}

export interface HttpLoad {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A fresh body per request (unique ids). */
  body?: () => string;
  connections: number;
  seconds: number;
  /** Requests per second across all connections (rate-capped load); none: as fast as answers come. */
  rate?: number;
  /** Seconds of load before measuring starts (JIT, pools, caches). */
  warmupSeconds?: number;
}

/** HTTP load with autocannon, recording every response's latency ourselves (p95 included). */
export async function httpLoad(o: HttpLoad): Promise<Latency> {
  const run = async (seconds: number) => {
    const ms: number[] = [];
    let failed = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: o.url,
          method: o.method ?? "GET",
          headers: o.headers,
          connections: o.connections,
          duration: seconds,
          ...(o.rate ? { overallRate: o.rate } : {}),
          timeout: 10,
          requests: o.body ? [{ setupRequest: (req) => ({ ...req, body: (o.body as () => string)() }) }] : undefined,
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on("response", (_client, status, _bytes, responseTime) => {
        if (status >= 200 && status < 300) ms.push(responseTime);
        else failed++;
      });
    });
    return stats(ms, seconds, failed + result.errors + result.timeouts);
  };
  if (o.warmupSeconds) await run(o.warmupSeconds);
  return run(o.seconds);
}

/**
 * Open-loop load: starts `fire` at a fixed rate whatever the answers do (so a slow system
 * queues work, as real traffic would), and collects each operation's latency.
 */
export async function openLoop(o: { rate: number; seconds: number; fire: (i: number) => Promise<number | null> }): Promise<Latency> {
  const total = Math.round(o.rate * o.seconds);
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  const ms: number[] = [];
  let failed = 0;
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      o.fire(i).then(
        (v) => {
          if (v === null) failed++;
          else ms.push(v);
        },
        () => {
          failed++;
        },
      ),
    );
  }
  await Promise.all(pending);
  return stats(ms, o.seconds, failed);
}

/** Several runs as one: their latencies pooled, their rates averaged. */
export function merge(runs: Latency[]): Latency {
  const pooled = stats(
    runs.flatMap((r) => r.all),
    1,
    runs.reduce((n, r) => n + r.failed, 0),
  );
  return { ...pooled, rate: runs.reduce((n, r) => n + r.rate, 0) / Math.max(1, runs.length) };
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
