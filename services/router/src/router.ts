/**
 * Kafka → Temporal, from the kind registry. An event that starts a task starts its kind's
 * workflow under the business id, so redelivery starts nothing twice; an event for a running
 * task is delivered as an Update, which the task may refuse. Anything that cannot be routed —
 * invalid, claimed by no kind, refused — is parked as a dead letter with its reason and its
 * offset committed, so one bad message never stalls a partition.
 */
import {
  type Actor,
  deadLetterTopic,
  eventTopics,
  fromKafkaMessage,
  type JointTaskInput,
  parseEvent,
  type TaskPolicy,
  type Timing,
  type TypedEvent,
} from "@hub/contracts";
import type { Db } from "@hub/db";
import * as store from "@hub/db";
import { dayOf, deliverEventUpdate, describePlanIssues } from "@hub/joint-task";
import { createProducer, type IncomingMessage, type Kafka, runConsumer } from "@hub/kafka";
import { routeOf } from "@hub/kinds";
import { classifyFailure, describe, type Log, poisonGuard } from "@hub/runtime";
import type { Client } from "@hub/temporal";
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
} from "@temporalio/client";
import { followIngressTopics, ingressRefusal } from "./ingress";

const CONSUMER = "router";
/** How long a delivery waits for the task to take it before the message is retried (no worker, say). */
const DELIVERY_WAIT_MS = 20_000;
/** Times a message may fail for a reason of no known kind (a bug, most likely) before it is parked instead of retried. */
const UNKNOWN_FAILURES_BEFORE_PARKING = 5;

export interface RouterOptions {
  db: Db;
  kafka: Kafka;
  temporal: Client;
  taskQueue: string;
  topicPrefix: string;
  /** How often to look for organisations' new ingress topics. */
  ingressRefreshMs: number;
  timing: Timing;
  policy: TaskPolicy;
  log: Log;
}

class Unroutable extends Error {}
/** The task did not take a delivery in time (no worker running, say): a transient fault, retried. */
class DeliveryLate extends Error {}

export async function startRouter(o: RouterOptions) {
  const dlq = await createProducer(o.kafka);

  /**
   * Sets a message aside: a dead-letter row (listed and replayable at /v1/dead-letters) and a
   * copy on the dead-letter topic. A message PostgreSQL cannot store as text (a NUL byte) is
   * stored with that byte escaped, and said so, rather than failing the parking itself.
   */
  async function park(m: IncomingMessage, reason: string) {
    const row = { topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, payload: m.value ?? "", reason: reason.slice(0, 2000) };
    try {
      await store.parkDeadLetter(o.db, row);
    } catch (err) {
      if (classifyFailure(err) !== "permanent") throw err;
      const escaped = (t: string) => t.replaceAll("\u0000", "\\u0000");
      await store.parkDeadLetter(o.db, {
        ...row,
        key: row.key === null ? null : escaped(row.key),
        payload: escaped(row.payload),
        reason: `${escaped(row.reason)} (stored with NUL bytes written as \\u0000: ${describe(err)})`,
      });
    }
    const headers = { reason: row.reason, "original-topic": m.topic };
    await dlq.send([{ topic: deadLetterTopic(o.topicPrefix), key: m.key, value: m.value ?? "", headers }]).catch((err) => {
      // The row above is the record admins list and replay; a copy the broker refuses for good is not worth a stalled partition.
      if (classifyFailure(err) !== "permanent") throw err;
      o.log(`dead letter ${m.topic}/${m.partition}@${m.offset} kept in the database only: the dead-letter topic refused it (${describe(err)})`);
    });
    o.log(`dead letter ${m.topic}/${m.partition}@${m.offset}: ${reason}`);
  }

  /** Starts or delivers to the task `at` names (the events log settled it: `taskOfEvent`). */
  async function route(e: TypedEvent, dir: store.Directory, at: { workflowId: string; lead: string | null }): Promise<void> {
    const r = routeOf(e.type, e.data);
    if (!r) throw new Unroutable(`no joint-task kind claims events of type ${e.type}`);
    const workflowId = at.workflowId;
    const email = await store.eventSubmitter(o.db, e.source, e.id);
    const publishedBy: Actor | null = email ? { email, org: e.source } : null;
    const ref = { id: e.id, source: e.source, type: e.type, time: e.time, data: e.data };

    if (r.role === "start") {
      const team = store.teamOf(dir, e.data.country, at.lead);
      if (!team.mission) throw new Unroutable(`no mission leads Team Korea in ${e.data.country}; add one, then replay this event`);
      const issues = r.module.checkStart?.(e.data, store.planContext(dir, e.data.country, dayOf(Date.now()), at.lead)) ?? [];
      if (issues.length > 0) throw new Unroutable(`the event cannot open a ${r.kind} task: ${describePlanIssues(issues)}`);
      const input: JointTaskInput = { event: ref, publishedBy, timing: o.timing, policy: o.policy, ...(at.lead ? { team: at.lead } : {}) };
      try {
        await o.temporal.workflow.start(r.workflowType, {
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

    try {
      // A redelivered event is the same update: Temporal takes it once. A refusal by the task's
      // validator surfaces in the update's result, so the delivery waits for that.
      const update = o.temporal.workflow
        .getHandle(workflowId)
        .startUpdate(deliverEventUpdate, {
          args: [{ ...ref, publishedBy }],
          updateId: `${e.source}/${e.id}`,
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        })
        .then((u) => u.result());
      const late = new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new DeliveryLate(`task ${workflowId} did not take and record the event within ${DELIVERY_WAIT_MS / 1000} s`)),
          DELIVERY_WAIT_MS,
        ).unref(),
      );
      update.catch(() => undefined);
      await Promise.race([update, late]);
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        throw new Unroutable(`${workflowId} refused the event: ${err.cause.message}`);
      }
      if (err instanceof WorkflowNotFoundError) throw new Unroutable(`no open ${r.kind} task ${workflowId} to receive this event`);
      throw err;
    }
  }

  const guard = poisonGuard(UNKNOWN_FAILURES_BEFORE_PARKING);

  /**
   * Handles a message, parking it when it fails for a reason no retry cures — data the
   * database refuses, a request Temporal calls invalid, or a failure of no known kind that
   * repeats — so the messages behind it go on. Only a transient fault (PostgreSQL or Temporal
   * away, no worker yet) holds the partition, and the consumer retries it with backoff.
   */
  async function handle(m: IncomingMessage): Promise<void> {
    const at = `${m.topic}/${m.partition}@${m.offset}`;
    try {
      await handleOnce(m);
      guard.succeeded(at);
    } catch (err) {
      const verdict = guard.judge(at, err, err instanceof DeliveryLate ? "transient" : undefined);
      if (verdict.action === "set-aside") return park(m, `the hub could not take the event: ${describe(err)}`);
      if (verdict.kind === "unknown") o.log(`${at} failed (${describe(err)}); try ${verdict.tries} of ${guard.limit} before it is parked`);
      throw err; // transient (Temporal or Postgres unavailable, no worker yet): redelivered
    }
  }

  async function handleOnce(m: IncomingMessage): Promise<void> {
    // Binary mode (ce_ headers) or structured mode, both to the one envelope parseEvent checks.
    const bound = fromKafkaMessage(m.headers, m.value);
    if (!bound.ok) return park(m, bound.error);
    const parsed = parseEvent(bound.input);
    if (!parsed.ok) return park(m, parsed.error);
    const e = parsed.event;
    // On an organisation's ingress topic the topic names the publisher, and HTTP's rules apply (ingress.ts).
    const refusal = await ingressRefusal(o.db, m, e, o.topicPrefix);
    if (refusal) return park(m, refusal);
    const messageId = `${e.source}/${e.id}`;
    if (await store.alreadyProcessed(o.db, CONSUMER, messageId)) return;
    const dir = await store.loadDirectory(o.db);
    const found = await store.taskOfEvent(o.db, dir, e);
    // An event the API accepted already names its task; the log's word stands.
    const workflowId = await store.recordConsumedEvent(o.db, e, found.workflowId);
    const lead = workflowId === found.workflowId ? found.lead : store.teamOfTask(dir, e, workflowId);
    try {
      await route(e, dir, { workflowId, lead });
    } catch (err) {
      if (err instanceof Unroutable) return park(m, err.message);
      throw err;
    }
    await store.markProcessed(o.db, CONSUMER, messageId);
  }

  const consumer = await runConsumer(o.kafka, { groupId: `${o.topicPrefix}hub-router`, topics: eventTopics(o.topicPrefix), handle });
  const ingress = followIngressTopics({ ...o, groupId: `${o.topicPrefix}hub-router-ingress`, refreshMs: o.ingressRefreshMs, handle });
  return {
    async stop() {
      await ingress.stop();
      await consumer.stop();
      await dlq.disconnect();
    },
  };
}
