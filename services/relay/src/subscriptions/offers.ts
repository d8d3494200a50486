/**
 * What each subscriber is owed: joint-task changes from the change feed, and events from Kafka,
 * each offered only to subscriptions whose creator may see it (the rules of GET /v1/events, the
 * lists and the live stream) and that asked for its type. Offers are rows of
 * subscription_deliveries, unique per (subscription, event id): a change or a message read
 * twice is offered once.
 */
import { CHANGE_EVENT_TYPES, fromKafkaMessage, HUB_EVENT_SOURCE, parseEvent, type TypedEvent, toStructured } from "@hub/contracts";
import {
  activeSubscriptions,
  type Change,
  changesAfter,
  type Db,
  loadDirectory,
  loggedEventTask,
  maySeeApprovals,
  maySeeEvent,
  type NewDelivery,
  offerDeliveries,
  type Queryable,
  sql,
  taskOfEvent,
  visibleSeqs,
  withChangeFeed,
} from "@hub/db";
import type { IncomingMessage } from "@hub/kafka";
import { classifyFailure } from "@hub/runtime";

const CHANGE_TYPES = Object.values(CHANGE_EVENT_TYPES);
const FEED_BATCH = 500;

/** A joint-task change as a CloudEvent: which thing changed; the subscriber reads it through the API. */
export function changeEvent(c: Change, now = new Date()) {
  return {
    specversion: "1.0",
    id: `change-${c.seq}`,
    source: HUB_EVENT_SOURCE,
    type: CHANGE_EVENT_TYPES[c.kind],
    subject: c.workflowId,
    time: now.toISOString(),
    datacontenttype: "application/json",
    data: { kind: c.kind, id: c.id, workflowId: c.workflowId },
  };
}

type Subscriber = Awaited<ReturnType<typeof activeSubscriptions>>[number];

/**
 * Which of the changes a subscriber may see. Asked for all at once; should that fail for a
 * reason no retry cures, asked change by change (each under a savepoint), and a change that
 * still fails is left out with `onSkipped`: one bad change never holds the feed for everyone.
 */
async function seenBy(q: Queryable, s: Subscriber, wanted: Change[], onSkipped: (c: Change, err: unknown) => void): Promise<Set<string>> {
  const ask = (seqs: string[]) => visibleSeqs(q, { principal: s.principal, approvals: maySeeApprovals(s.principal) }, seqs);
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    await q.run(sql`SAVEPOINT offer_changes`);
    try {
      const r = await fn();
      await q.run(sql`RELEASE SAVEPOINT offer_changes`);
      return r;
    } catch (err) {
      await q.run(sql`ROLLBACK TO SAVEPOINT offer_changes`);
      throw err;
    }
  };
  try {
    return await guarded(() => ask(wanted.map((c) => c.seq)));
  } catch (err) {
    if (classifyFailure(err) === "transient") throw err;
  }
  const seen = new Set<string>();
  for (const c of wanted) {
    try {
      for (const seq of await guarded(() => ask([c.seq]))) seen.add(seq);
    } catch (err) {
      if (classifyFailure(err) === "transient") throw err;
      onSkipped(c, err);
    }
  }
  return seen;
}

/** Reads the change feed on from where it was, offers what each subscriber may see; returns how many changes were read. */
export async function offerChanges(db: Db, onSkipped: (c: Change, err: unknown) => void = () => undefined): Promise<number> {
  let read = 0;
  await withChangeFeed(db, async (q, from) => {
    const changes = await changesAfter(q, from, FEED_BATCH);
    const last = changes[changes.length - 1];
    if (!last) return null;
    read = changes.length;
    const offers: NewDelivery[] = [];
    for (const s of await activeSubscriptions(q, CHANGE_TYPES)) {
      const wanted = changes.filter((c) => s.types.includes(CHANGE_EVENT_TYPES[c.kind]));
      if (wanted.length === 0) continue;
      const seen = await seenBy(q, s, wanted, onSkipped);
      for (const c of wanted.filter((w) => seen.has(w.seq))) {
        offers.push({ subscriptionId: s.id, ceId: `change-${c.seq}`, ceType: CHANGE_EVENT_TYPES[c.kind], body: JSON.stringify(changeEvent(c)) });
      }
    }
    await offerDeliveries(q, offers);
    return { xid: last.xid, seq: last.seq };
  });
  return read;
}

/** The structured-mode body of an event, as the relay publishes it to Kafka. */
export const eventBody = (e: TypedEvent) => JSON.stringify(toStructured({ ...e, data: e.data }));

/**
 * Offers an event read from Kafka. Invalid messages are the router's to dead-letter; here they
 * are skipped. Visibility is judged when the event arrives.
 */
export async function offerEvent(db: Db, m: IncomingMessage): Promise<void> {
  const bound = fromKafkaMessage(m.headers, m.value);
  if (!bound.ok) return;
  const parsed = parseEvent(bound.input);
  if (!parsed.ok) return;
  const e = parsed.event;
  const subs = await activeSubscriptions(db, [e.type]);
  if (subs.length === 0) return;
  // The log settles an event's task; one published straight to Kafka may reach here before the router logs it.
  const workflowId = (await loggedEventTask(db, e.source, e.id)) ?? (await taskOfEvent(db, await loadDirectory(db), e)).workflowId;
  const at = { source: e.source, country: e.data.country, workflowId };
  const offers: NewDelivery[] = [];
  for (const s of subs) {
    if (await maySeeEvent(db, s.principal, at))
      offers.push({ subscriptionId: s.id, ceId: `${e.source}/${e.id}`, ceType: e.type, body: eventBody(e) });
  }
  await offerDeliveries(db, offers);
}
