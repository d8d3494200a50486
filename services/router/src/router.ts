/**
 * Kafka → Temporal. Each valid event starts or signals its joint task under a business id, so
 * redelivery starts nothing twice; anything that cannot be routed is parked as a dead letter
 * with its reason and its offset committed, so one bad message never stalls a partition.
 */
import type { Timing } from "@hub/contracts";
import { deadLetterTopic, eventTopics, parseEvent, TRADE_RESTRICTION_DECIDED, TRADE_RESTRICTION_DETECTED, type TypedEvent } from "@hub/contracts";
import type { Db } from "@hub/db";
import * as store from "@hub/db";
import { createProducer, type IncomingMessage, type Kafka, runConsumer } from "@hub/kafka";
import type { Log } from "@hub/runtime";
import type { Client } from "@hub/temporal";
import { caseDecidedSignal, type TradeRestrictionInput, tradeRestrictionWorkflowId, WORKFLOW_TYPE } from "@hub/wf-trade-restriction";
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from "@temporalio/client";

const CONSUMER = "router";

export interface RouterOptions {
  db: Db;
  kafka: Kafka;
  temporal: Client;
  taskQueue: string;
  topicPrefix: string;
  timing: Timing;
  log: Log;
}

class Unroutable extends Error {}

export async function startRouter(o: RouterOptions) {
  const dlq = await createProducer(o.kafka);

  async function park(m: IncomingMessage, reason: string) {
    await store.parkDeadLetter(o.db, { topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, payload: m.value ?? "", reason });
    await dlq.send([{ topic: deadLetterTopic(o.topicPrefix), key: m.key, value: m.value ?? "", headers: { reason, "original-topic": m.topic } }]);
    o.log(`dead letter ${m.topic}/${m.partition}@${m.offset}: ${reason}`);
  }

  async function route(e: TypedEvent): Promise<void> {
    const workflowId = tradeRestrictionWorkflowId(e.data.country, e.data.caseRef);
    const ref = { id: e.id, source: e.source, type: e.type, time: e.time };
    if (e.type === TRADE_RESTRICTION_DETECTED) {
      const team = await store.countryTeam(o.db, e.data.country);
      if (!team.mission) throw new Unroutable(`no mission leads Team Korea in ${e.data.country}; add one, then replay this event`);
      const email = await store.eventSubmitter(o.db, e.source, e.id);
      const input: TradeRestrictionInput = {
        event: { ...ref, data: e.data },
        publishedBy: email ? { email, org: e.source } : null,
        timing: o.timing,
      };
      try {
        await o.temporal.workflow.start(WORKFLOW_TYPE, {
          workflowId,
          taskQueue: o.taskQueue,
          args: [input],
          workflowIdConflictPolicy: "USE_EXISTING",
          workflowIdReusePolicy: "REJECT_DUPLICATE",
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      return;
    }
    if (e.type === TRADE_RESTRICTION_DECIDED) {
      try {
        await o.temporal.workflow.getHandle(workflowId).signal(caseDecidedSignal, { ...ref, data: e.data });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) {
          throw new Unroutable(`no open trade-restriction task ${workflowId} to receive this decision`);
        }
        throw err;
      }
    }
  }

  async function handle(m: IncomingMessage): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(m.value ?? "");
    } catch {
      return park(m, "the message is not JSON");
    }
    const parsed = parseEvent(json);
    if (!parsed.ok) return park(m, parsed.error);
    const e = parsed.event;
    const messageId = `${e.source}/${e.id}`;
    if (await store.alreadyProcessed(o.db, CONSUMER, messageId)) return;
    await store.recordConsumedEvent(o.db, e);
    try {
      await route(e);
    } catch (err) {
      if (err instanceof Unroutable) return park(m, err.message);
      throw err; // transient (Temporal or Postgres unavailable): redelivered
    }
    await store.markProcessed(o.db, CONSUMER, messageId);
  }

  const consumer = await runConsumer(o.kafka, { groupId: `${o.topicPrefix}hub-router`, topics: eventTopics(o.topicPrefix), handle });
  return {
    async stop() {
      await consumer.stop();
      await dlq.disconnect();
    },
  };
}
