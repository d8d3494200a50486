/**
 * The live stream's fan-out: one poller per API process reads the change feed (packages/db
 * changes.ts) every pollMs with one indexed query, and hands each batch to the connected
 * clients, each filtered by the caller's visibility (one query per distinct caller per batch,
 * shared by that caller's tabs). Polling, not LISTEN/NOTIFY: NOTIFY takes a lock at commit that
 * serialises every writer's commits (measured −25% ingest when tried for the relay), while an
 * idle poll is one index probe. The poller runs only while someone is connected.
 *
 * Exactly once across reconnects: a client registers at the poller's current position P; what
 * it missed up to P is replayed from the database, everything after P comes live, and a
 * per-client position drops anything at or before what it has already been sent.
 */
import {
  type Change,
  changesAfter,
  comparePositions,
  type Db,
  type FeedPosition,
  feedHead,
  feedPositionOf,
  missedChanges,
  pruneChanges,
  pruneStreamTickets,
  type StreamScope,
  stillPosted,
  visibleSeqs,
} from "@hub/db";
import { sseComment, sseEvent, sseRetry } from "./sse";

export const HEARTBEAT_MS = 15_000;
const BATCH = 500;
const PRUNE_EVERY_MS = 10 * 60_000;
/** How often connected callers are checked against today's postings (a leaver's stream closes within this). */
const POSTED_CHECK_MS = 2_000;
/** A client this far behind on reading is cut off; it reconnects and resumes from its last id. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Where a client's events go: the response stream. */
export interface Sink {
  write(chunk: string): void;
  /** Bytes written but not yet sent to the client. */
  buffered(): number;
  end(): void;
}

interface Subscriber {
  scope: StreamScope;
  /** Callers with the same key see the same things: one visibility query serves them all. */
  key: string;
  sink: Sink;
  /** The last position this client has been sent (or told about). */
  position: FeedPosition;
  /** Writes happen in order: the replay first, then each live batch. */
  queue: Promise<void>;
  open: boolean;
}

export interface StreamHubOptions {
  db: Db;
  pollMs: number;
  maxPerUser: number;
  log: (msg: string, err?: unknown) => void;
}

const eventOf = (c: Change) =>
  sseEvent({ id: c.seq, event: `${c.kind}.changed`, data: { type: `${c.kind}.changed`, id: c.id, workflowId: c.workflowId } });
const later = (a: FeedPosition, b: FeedPosition) => (comparePositions(a, b) >= 0 ? a : b);
const scopeKey = ({ principal: p, approvals }: StreamScope) => `${p.userId}:${p.role}:${p.orgCode}:${approvals}`;

export class StreamHub {
  private position: FeedPosition = { xid: "0", seq: "0" };
  private readonly subs = new Set<Subscriber>();
  private readonly perUser = new Map<string, number>();
  private loop: { stop: boolean; wake: () => void } | null = null;
  private starting: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastPrune = 0;
  private lastPostedCheck = 0;
  private closed = false;

  constructor(private readonly o: StreamHubOptions) {}

  /** Whether the user may open one more stream on this process. */
  hasRoomFor(userId: string): boolean {
    return !this.closed && (this.perUser.get(userId) ?? 0) < this.o.maxPerUser;
  }

  /**
   * Connects a client. `lastSeq` is the last event id it saw (Last-Event-ID), or null for a fresh
   * start. Resolves to the function that disconnects it.
   */
  async open(scope: StreamScope, lastSeq: string | null, sink: Sink): Promise<() => void> {
    // Registration must happen while the poller runs, in the same turn as the check.
    while (!this.loop) {
      if (this.closed) throw new Error("the stream is shutting down");
      await this.start();
    }
    const sub: Subscriber = { scope, key: scopeKey(scope), sink, position: this.position, queue: Promise.resolve(), open: true };
    this.subs.add(sub);
    const user = scope.principal.userId;
    this.perUser.set(user, (this.perUser.get(user) ?? 0) + 1);
    sink.write(sseRetry(2_000));
    this.enqueue(sub, () => this.catchUp(sub, lastSeq));
    return () => this.drop(sub);
  }

  /** Ends every stream (clients reconnect to another process, or to this one when it is back). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.loop) {
      this.loop.stop = true;
      this.loop.wake();
    }
    for (const sub of [...this.subs]) this.drop(sub);
  }

  private drop(sub: Subscriber) {
    if (!sub.open) return;
    sub.open = false;
    this.subs.delete(sub);
    const user = sub.scope.principal.userId;
    const n = (this.perUser.get(user) ?? 1) - 1;
    if (n > 0) this.perUser.set(user, n);
    else this.perUser.delete(user);
    sub.sink.end();
  }

  private enqueue(sub: Subscriber, step: () => Promise<void>) {
    sub.queue = sub.queue
      .then(() => (sub.open ? step() : undefined))
      .catch((err) => {
        // The client reconnects with its last id and is replayed what this one could not send.
        this.o.log("stream: dropping a client after an error", err);
        this.drop(sub);
      });
  }

  private send(sub: Subscriber, chunk: string) {
    sub.sink.write(chunk);
    if (sub.sink.buffered() > MAX_BUFFERED_BYTES) this.drop(sub);
  }

  /** The replay (or a reset), then `ready` carrying the id the client is now at. */
  private async catchUp(sub: Subscriber, lastSeq: string | null) {
    if (lastSeq !== null) {
      const from = await feedPositionOf(this.o.db, lastSeq);
      const missed = from && comparePositions(from, sub.position) < 0 ? await missedChanges(this.o.db, sub.scope, from, sub.position) : [];
      if (!from || !missed) {
        const reason = from ? "more changes were missed than the stream replays" : "the last event id is unknown or older than the replay window";
        this.send(sub, sseEvent({ id: sub.position.seq, event: "reset", data: { reason } }));
        return;
      }
      for (const c of missed) this.send(sub, eventOf(c));
      sub.position = later(from, sub.position);
    }
    this.send(sub, sseEvent({ id: sub.position.seq, event: "ready", data: {} }));
  }

  private async start() {
    this.starting ??= (async () => {
      try {
        this.position = await feedHead(this.o.db);
        const loop = { stop: false, wake: () => undefined };
        this.loop = loop;
        this.heartbeat = setInterval(() => {
          for (const sub of this.subs) this.send(sub, sseComment("keep-alive"));
        }, HEARTBEAT_MS);
        void this.run(loop);
      } finally {
        this.starting = null;
      }
    })();
    await this.starting;
  }

  private async run(loop: { stop: boolean; wake: () => void }) {
    let full = false;
    while (!loop.stop) {
      // Sleep first: the client that started the poller registers meanwhile.
      if (!full) await this.sleep(loop);
      if (loop.stop || this.subs.size === 0) break;
      try {
        await this.dropTheDeparted().catch((err) => this.o.log("stream: checking connected callers' postings failed; retrying", err));
        full = await this.pollOnce();
        await this.maybePrune();
      } catch (err) {
        full = false;
        this.o.log("stream: polling the change feed failed; retrying", err);
      }
    }
    // Stopped (closed, or nobody left): the next client starts afresh from the head.
    if (this.loop === loop) this.loop = null;
    if (this.heartbeat && !this.loop) clearInterval(this.heartbeat);
    if (!this.loop) this.heartbeat = null;
  }

  private sleep(loop: { wake: () => void }) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, this.o.pollMs);
      loop.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /** One batch to every client, each filtered for its caller; true when more may be waiting. */
  private async pollOnce(): Promise<boolean> {
    const batch = await changesAfter(this.o.db, this.position, BATCH);
    const last = batch[batch.length - 1];
    if (!last) return false;
    this.position = { xid: last.xid, seq: last.seq };
    const end = this.position;
    const seqs = batch.map((c) => c.seq);
    const byKey = new Map<string, Promise<Set<string>>>();
    for (const sub of this.subs) {
      let visible = byKey.get(sub.key);
      if (!visible) {
        visible = visibleSeqs(this.o.db, sub.scope, seqs);
        visible.catch(() => undefined); // each subscriber's queue handles the failure
        byKey.set(sub.key, visible);
      }
      const seen = visible;
      this.enqueue(sub, async () => {
        const ids = await seen;
        for (const c of batch) if (ids.has(c.seq) && comparePositions(c, sub.position) > 0) this.send(sub, eventOf(c));
        sub.position = later(end, sub.position);
      });
    }
    return batch.length === BATCH;
  }

  /** Closes the streams of callers no longer posted as they were when they connected (they left, moved or were deactivated). */
  private async dropTheDeparted() {
    if (Date.now() - this.lastPostedCheck < POSTED_CHECK_MS || this.subs.size === 0) return;
    this.lastPostedCheck = Date.now();
    const callers = [...this.subs].map((s) => s.scope.principal);
    const posted = await stillPosted(this.o.db, callers);
    for (const sub of [...this.subs]) {
      const p = sub.scope.principal;
      if (!posted.has(`${p.userId}:${p.role}:${p.orgCode}`)) {
        this.send(
          sub,
          sseEvent({ id: sub.position.seq, event: "revoked", data: { reason: "your posting has ended or your account was deactivated" } }),
        );
        this.drop(sub);
      }
    }
  }

  private async maybePrune() {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await pruneChanges(this.o.db);
    await pruneStreamTickets(this.o.db);
  }
}
