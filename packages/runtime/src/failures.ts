/**
 * Which failures a retry can cure. A queue (the outbox relay, the router's partitions, the
 * notice and subscription loops, a workflow's activities) holds for a transient fault — a
 * broker, database or Temporal server that is down or busy — and sets aside, with its reason,
 * an item that fails for a reason of its own: retried at the head of the queue for ever, one
 * such item would stop everything behind it. Judged by the error's shape (SQLSTATE codes, gRPC
 * status codes, kafkajs error names), so this module imports none of the clients.
 */

export type FailureKind = "transient" | "permanent" | "unknown";

/**
 * SQLSTATE classes that depend only on the data written, never on the moment: 22 data exception
 * (bad encoding, value too long, date out of range, invalid JSON text) and the check/not-null
 * violations of 23. Connection loss, deadlocks and serialization failures stay retryable.
 */
export function isPermanentDbError(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return code.startsWith("22") || code === "23502" || code === "23514";
}

/** SQLSTATEs of a database that is away or busy: connection (08), shutdown (57P), resources (53), retry (40). */
const TRANSIENT_SQLSTATE = /^(08|53|57P|40)/;
const TRANSIENT_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** gRPC status codes Temporal answers while it is away or busy: CANCELLED, UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE. */
const TRANSIENT_GRPC = new Set([1, 2, 4, 8, 10, 14]);
/** gRPC status codes no retry changes: INVALID_ARGUMENT, OUT_OF_RANGE. */
const PERMANENT_GRPC = new Set([3, 11]);
/** kafkajs errors of a broker that is away, electing or slow. */
const TRANSIENT_KAFKA = new Set(["KafkaJSConnectionError", "KafkaJSRequestTimeoutError", "KafkaJSConnectionClosedError", "KafkaJSBrokerNotFound"]);

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let e: unknown = err;
  while (e && typeof e === "object" && chain.length < 8 && !chain.includes(e)) {
    chain.push(e);
    const o = e as { cause?: unknown; originalError?: unknown };
    e = o.originalError ?? o.cause;
  }
  return chain;
}

/** Transient, permanent, or not known to be either (a bug, most likely). */
export function classifyFailure(err: unknown): FailureKind {
  for (const e of causes(err)) {
    const o = e as { code?: unknown; name?: unknown; retriable?: unknown };
    const name = typeof o.name === "string" ? o.name : "";
    if (name.startsWith("KafkaJS")) {
      if (TRANSIENT_KAFKA.has(name)) return "transient";
      // A protocol error says itself whether a retry can help (MESSAGE_TOO_LARGE,
      // INVALID_TOPIC_EXCEPTION, TOPIC_AUTHORIZATION_FAILED cannot; LEADER_NOT_AVAILABLE can).
      // Its numeric code is Kafka's, not gRPC's.
      if (name === "KafkaJSProtocolError" && typeof o.retriable === "boolean") return o.retriable ? "transient" : "permanent";
      continue;
    }
    if (isPermanentDbError(e)) return "permanent";
    if (typeof o.code === "string" && (TRANSIENT_SQLSTATE.test(o.code) || TRANSIENT_NODE_CODES.has(o.code))) return "transient";
    if (typeof o.code === "number" && TRANSIENT_GRPC.has(o.code)) return "transient";
    if (typeof o.code === "number" && PERMANENT_GRPC.has(o.code)) return "permanent";
  }
  return "unknown";
}

/**
 * What a queue does with an item that failed: "retry" it (a transient fault, or a failure of no
 * known kind that has not repeated `limit` times yet) or "set-aside" (a permanent failure, or
 * one of no known kind that keeps coming back: a bug no retry fixes). Counts per item key, in
 * memory: a restart gives an item its tries again, which is harmless.
 */
export function poisonGuard(limit = 5) {
  const unknown = new Map<string, number>();
  return {
    judge(key: string, err: unknown, kind: FailureKind = classifyFailure(err)): { action: "retry" | "set-aside"; kind: FailureKind; tries: number } {
      if (kind === "transient") return { action: "retry", kind, tries: 0 };
      const tries = kind === "unknown" ? (unknown.get(key) ?? 0) + 1 : limit;
      if (tries >= limit) {
        unknown.delete(key);
        return { action: "set-aside", kind, tries };
      }
      unknown.set(key, tries);
      return { action: "retry", kind, tries };
    },
    succeeded(key: string) {
      unknown.delete(key);
    },
    limit,
  };
}
