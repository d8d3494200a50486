/**
 * Organisations' ingress topics (teamkorea.ingress.<ORG>): each is written by its organisation's
 * principal alone (an ACL, set by `npm run kafka:org`), so the topic names the publisher. An
 * event on one is routed like any other once it passes the rules HTTP publishers pass
 * (publishRefusal in @hub/contracts); anything else is parked with the reason. The domain
 * topics need no such check: only the relay writes them (ACL), with events the API admitted.
 */
import { eventSpec, ingressOrgOf, ingressTopicPrefix, publishRefusal, type TypedEvent } from "@hub/contracts";
import type { Db } from "@hub/db";
import * as store from "@hub/db";
import { type ConsumerHandle, type IncomingMessage, type Kafka, runConsumer } from "@hub/kafka";
import type { Log } from "@hub/runtime";

/** Why the event on `m`'s ingress topic may not be taken, or null (also for a message on a domain topic). */
export async function ingressRefusal(db: Db, m: IncomingMessage, e: TypedEvent, prefix: string): Promise<string | null> {
  const org = ingressOrgOf(m.topic, prefix);
  if (org === null) return null;
  const dir = await store.loadDirectory(db);
  const o = dir.orgs.get(org);
  const refusal = o
    ? publishRefusal(
        { orgCode: org, orgCountry: o.country, actsAsMission: o.kind === "MISSION", duties: o.country ? [] : store.dutiesOf(dir, org) },
        e,
        eventSpec(e.type).publish,
      )
    : `${org} is not an organisation of the directory`;
  return refusal && `refused on ${m.topic} (the topic of ${org}): ${refusal}`;
}

/**
 * Reads every ingress topic of the prefix with a consumer group of its own, and looks for new
 * ones every `refreshMs` (kafkajs resolves a subscription once): a changed set restarts the
 * consumer, which goes on from the group's committed offsets (a new topic from its start).
 */
export function followIngressTopics(o: {
  kafka: Kafka;
  topicPrefix: string;
  groupId: string;
  refreshMs: number;
  handle: (m: IncomingMessage) => Promise<void>;
  log: Log;
}): { stop(): Promise<void> } {
  const head = ingressTopicPrefix(o.topicPrefix);
  const admin = o.kafka.admin();
  let connected = false;
  let consumer: ConsumerHandle | null = null;
  let current = "";
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function refresh() {
    if (!connected) {
      await admin.connect();
      connected = true;
    }
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(head) && t.length > head.length).sort();
    const key = topics.join(",");
    if (key === current || stopped) return;
    await consumer?.stop();
    consumer = null;
    current = key;
    if (topics.length === 0) return;
    consumer = await runConsumer(o.kafka, { groupId: o.groupId, topics, fromBeginning: true, handle: o.handle });
    o.log(`reading ${topics.length} ingress topic(s): ${topics.join(", ")}`);
  }

  const tick = async () => {
    try {
      await refresh();
    } catch (err) {
      current = ""; // try the whole set again next time
      o.log(`ingress topics not followed yet (${err instanceof Error ? err.message : String(err)}); trying again`);
    }
    if (!stopped) timer = setTimeout(tick, o.refreshMs);
  };
  void tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await consumer?.stop();
      if (connected) await admin.disconnect().catch(() => undefined);
    },
  };
}
