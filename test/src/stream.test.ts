/**
 * The live stream (GET /v1/stream) against the hub under test: real changes made through the
 * API and the workflows, seen by each caller as their lists would show them, resumed with
 * Last-Event-ID without losing or repeating anything.
 */
import { afterAll, describe, expect, it } from "vitest";
import { apiUrl, assignmentsOf, call, eventually, login, openCase, uniqueRef } from "./support/hub";

interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

interface Stream {
  status: number;
  events: SseEvent[];
  /** Waits for an event that matches, and returns it. */
  next(what: string, match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}
const open: Stream[] = [];
afterAll(() => {
  for (const s of open) s.close();
});

async function ticketFor(email: string): Promise<string> {
  const r = await call("POST", "/v1/stream/ticket", { token: await login(email) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.ticket;
}

/** Opens the stream as EventSource would, parsing the events as they arrive. */
async function connect(query: string, headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${apiUrl}/v1/stream?${query}`, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const stream: Stream = {
    status: res.status,
    events,
    next: (what, match, timeoutMs = 20_000) => eventually(what, async () => events.find(match), timeoutMs, 50),
    close: () => abort.abort(),
  };
  open.push(stream);
  if (res.status !== 200 || !res.body) {
    await res.text();
    return stream;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          const e: Partial<SseEvent> & { data?: string } = {};
          for (const line of block.split("\n")) {
            const m = /^(id|event|data): (.*)$/.exec(line);
            if (m) (e as Record<string, string>)[m[1] as string] = m[2] as string;
          }
          if (e.event) events.push({ id: e.id, event: e.event, data: JSON.parse(e.data ?? "null") });
        }
      }
    } catch {
      // aborted
    }
  })();
  return stream;
}

const streamAs = async (email: string, lastEventId?: string) =>
  connect(`ticket=${await ticketFor(email)}${lastEventId ? `&lastEventId=${lastEventId}` : ""}`);
const ready = (s: Stream) => s.next("ready", (e) => e.event === "ready");
const about = (workflowId: string) => (e: SseEvent) => e.data?.workflowId === workflowId;

describe("GET /v1/stream", () => {
  it("a head sees a new approval of their mission, KOTRA its assignment once approved, another mission's head nothing of it", async () => {
    const [head, kotra, otherHead] = await Promise.all([
      streamAs("head.us@teamkorea.dev"),
      streamAs("kotra.us@teamkorea.dev"),
      streamAs("head.jp@teamkorea.dev"),
    ]);
    expect([head.status, kotra.status, otherHead.status]).toEqual([200, 200, 200]);
    await Promise.all([ready(head), ready(kotra), ready(otherHead)]);

    const c = await openCase(uniqueRef("STREAM"));
    const seen = await head.next("approval.changed for the new approval", (e) => e.event === "approval.changed" && e.data.id === c.approval.id);
    expect(seen.data).toEqual({ type: "approval.changed", id: c.approval.id, workflowId: c.workflowId });
    expect(head.events.some((e) => e.event === "task.changed" && e.data.id === c.workflowId)).toBe(true);

    const decided = await call("POST", `/v1/approvals/${c.approval.id}/decision`, { token: c.head, body: { decision: "approve" } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const mine = await eventually("KOTRA-US's assignment", async () => (await assignmentsOf(c.workflowId)).find((a) => a.org === "KOTRA-US"));
    await kotra.next("assignment.changed for KOTRA-US's assignment", (e) => e.event === "assignment.changed" && e.data.id === mine.id);
    // KOTRA-US does not use the approvals list, so it hears of no approval; nor of the other organisations' assignments.
    const others = (await assignmentsOf(c.workflowId)).filter((a) => a.org !== "KOTRA-US").map((a) => a.id);
    expect(kotra.events.filter((e) => e.event === "approval.changed" || others.includes(e.data?.id))).toEqual([]);

    // By the time the head has heard of the assignments, the other head's stream has passed them too.
    await head.next("assignment.changed on the head's stream", (e) => e.event === "assignment.changed" && about(c.workflowId)(e));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(otherHead.events.filter(about(c.workflowId))).toEqual([]);
  }, 90_000);

  it("resuming with Last-Event-ID replays what was missed, and nothing twice", async () => {
    const first = await streamAs("head.us@teamkorea.dev");
    const caseA = await openCase(uniqueRef("STREAM-A"));
    await first.next("approval of case A", (e) => e.event === "approval.changed" && e.data.id === caseA.approval.id);
    const lastId = [...first.events].reverse().find((e) => e.id)?.id as string;
    first.close();

    // Missed while disconnected.
    const caseB = await openCase(uniqueRef("STREAM-B"));
    const resumed = await connect(`ticket=${await ticketFor("head.us@teamkorea.dev")}`, { "last-event-id": lastId });
    expect(resumed.status).toBe(200);
    await ready(resumed);
    // Case B comes in the replay, or just after `ready` when a transaction still open elsewhere
    // held the settled horizon back (changes.ts): either way, the resumed stream carries it.
    await resumed.next("case B's approval on the resumed stream", (e) => e.event === "approval.changed" && e.data.id === caseB.approval.id);
    const replayed = resumed.events.filter((e) => e.event.endsWith(".changed"));
    // Nothing the first connection delivered comes again, and ids only go up.
    const firstIds = new Set(first.events.filter((e) => e.event.endsWith(".changed")).map((e) => e.id));
    const ids = replayed.map((e) => BigInt(e.id as string));
    expect(replayed.filter((e) => firstIds.has(e.id))).toEqual([]);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(ids.every((id) => id > BigInt(lastId))).toBe(true);
    // Case A is not replayed: it was seen.
    expect(replayed.filter((e) => e.data?.id === caseA.approval.id && e.event === "approval.changed")).toEqual([]);
  }, 90_000);

  it("an unknown Last-Event-ID gets a reset: the client reloads its lists", async () => {
    const s = await streamAs("head.us@teamkorea.dev", "999999999999999");
    const reset = await s.next("reset", (e) => e.event === "reset");
    expect(reset.id).toMatch(/^\d+$/);
  });

  it("no ticket, an unknown ticket, a used one or a bearer token instead → 401 in the API's error shape", async () => {
    for (const query of ["", "ticket=not-a-ticket"]) {
      const s = await connect(query);
      expect(s.status, query).toBe(401);
    }
    const ticket = await ticketFor("staff.us@teamkorea.dev");
    const once = await connect(`ticket=${ticket}`);
    expect(once.status).toBe(200);
    const twice = await call("GET", `/v1/stream?ticket=${ticket}`);
    expect(twice.status).toBe(401);
    expect(twice.body.message).toMatch(/ticket/);
    const bearer = await call("GET", "/v1/stream", { token: await login("staff.us@teamkorea.dev") });
    expect(bearer.status).toBe(401);
    expect((await call("POST", "/v1/stream/ticket")).status).toBe(401);
    expect((await call("GET", "/v1/stream?lastEventId=abc")).status).toBe(400);
  });
});
