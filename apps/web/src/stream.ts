/**
 * The API's live stream (GET /v1/stream, Server-Sent Events) while someone is signed in: each
 * change event names what changed, and the lists showing it are refetched through the normal
 * routes. A ticket (POST /v1/stream/ticket) opens the stream, since EventSource cannot send the
 * bearer token; it is single use, so after a drop the app takes a new one and resumes from the
 * last event id itself rather than letting EventSource retry with a spent ticket.
 */
import type { StreamChange, StreamEventType, StreamTicketBody } from "@hub/contracts";
import type { QueryClient } from "@tanstack/react-query";
import { api } from "./api";

export type StreamState = "off" | "connecting" | "live";
const CHANGE_EVENTS: StreamEventType[] = ["approval.changed", "assignment.changed", "task.changed"];
const MAX_BACKOFF_MS = 30_000;

/** Which cached queries show a change. */
function refresh(queries: QueryClient, c: StreamChange) {
  if (c.type === "approval.changed") void queries.invalidateQueries({ queryKey: ["approvals"] });
  if (c.type === "assignment.changed") void queries.invalidateQueries({ queryKey: ["assignments"] });
  // The board counts the country's tasks and assignments: any change to one of them moves it.
  void queries.invalidateQueries({ queryKey: ["board"] });
  void queries.invalidateQueries({ queryKey: ["workflow", c.workflowId] });
}

export class LiveStream {
  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private running = false;
  private current: StreamState = "off";
  private readonly listeners = new Set<() => void>();

  constructor(private readonly queries: QueryClient) {}

  state = () => this.current;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  start() {
    if (this.running) return;
    this.running = true;
    void this.open();
  }

  stop() {
    this.running = false;
    this.source?.close();
    this.source = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastEventId = null;
    this.set("off");
  }

  private set(s: StreamState) {
    if (s === this.current) return;
    this.current = s;
    for (const l of this.listeners) l();
  }

  private async open() {
    this.set("connecting");
    let ticket: string;
    try {
      ticket = (await api<StreamTicketBody>("POST", "/v1/stream/ticket")).ticket;
    } catch {
      return this.retryLater();
    }
    if (!this.running) return;
    const query = new URLSearchParams({ ticket });
    if (this.lastEventId) query.set("lastEventId", this.lastEventId);
    const source = new EventSource(`/v1/stream?${query}`);
    this.source = source;
    const seen = (e: MessageEvent) => {
      if (e.lastEventId) this.lastEventId = e.lastEventId;
    };
    for (const type of CHANGE_EVENTS) {
      source.addEventListener(type, (e) => {
        seen(e);
        refresh(this.queries, JSON.parse(e.data) as StreamChange);
      });
    }
    source.addEventListener("ready", (e) => {
      seen(e);
      this.failures = 0;
      this.set("live");
    });
    // What was missed cannot be replayed: every list reloads.
    source.addEventListener("reset", (e) => {
      seen(e);
      void this.queries.invalidateQueries();
    });
    // The caller left or was deactivated: the lists reload, and their 401 signs the app out.
    source.addEventListener("revoked", () => {
      void this.queries.invalidateQueries();
    });
    source.onerror = () => {
      source.close();
      if (this.source === source) this.source = null;
      this.retryLater();
    };
  }

  private retryLater() {
    if (!this.running) return;
    this.set("connecting");
    const delay = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** this.failures++);
    this.timer = setTimeout(() => {
      this.timer = null;
      // Whatever happened while the stream was down is fetched again.
      void this.queries.invalidateQueries();
      void this.open();
    }, delay);
  }
}
