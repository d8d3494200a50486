/**
 * Kafka as a way in, against the real broker (issue 17 §2): the broker refuses who does not
 * authenticate; an organisation's principal writes its own ingress topic and nothing else; the
 * router takes the publisher from the topic and applies the HTTP publishing rules to it.
 */
import { randomUUID } from "node:crypto";
import { eventTopics, ingressTopic } from "@hub/contracts";
import { stackConfig } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { type OrgKafkaAccess, provisionOrgIngress } from "@hub/devstack/kafka-orgs";
import { connectKafka, createProducer, type KafkaCredentials } from "@hub/kafka";
import { beforeAll, describe, expect, it } from "vitest";
import { cfg, deadLetterWith, detectedEvent, pendingApproval, uniqueRef, workflowIdOf } from "./support/hub";

const prefix = cfg.service.topicPrefix;
const brokers = cfg.service.kafkaBrokers;

/** Sends one message as `who` (null: unauthenticated); resolves with the error, or null when the broker took it. */
async function sendAs(who: KafkaCredentials | null, topic: string, value: string): Promise<Error | null> {
  const kafka = connectKafka({ brokers, sasl: who, clientId: `kafka-auth-test-${randomUUID().slice(0, 8)}`, log: () => undefined });
  let producer: Awaited<ReturnType<typeof createProducer>> | undefined;
  try {
    producer = await createProducer(kafka);
    await producer.send([{ topic, key: "US", value }]);
    return null;
  } catch (err) {
    return err as Error;
  } finally {
    await producer?.disconnect().catch(() => undefined);
  }
}

describe.skipIf(!cfg.kafkaOwned)("Kafka authentication and ingress topics", () => {
  const orgs: Record<string, OrgKafkaAccess> = {};

  beforeAll(async () => {
    const stack = stackConfig(cfg.env, repoRoot);
    const target = { brokers, credentialsDir: cfg.service.hubHome };
    for (const org of ["EMB-US", "KOTRA-US"]) orgs[org] = await provisionOrgIngress(stack, target, { org, prefix, topics: cfg.service.kafkaTopics });
  }, 180_000);

  it("refuses a client that does not authenticate, or with a wrong password", async () => {
    const topic = ingressTopic("EMB-US", prefix);
    expect(await sendAs(null, topic, "{}")).toBeInstanceOf(Error);
    const wrong = await sendAs({ username: orgs["EMB-US"]?.username as string, password: "not-the-password" }, topic, "{}");
    expect(wrong?.message).toMatch(/SASL|authenticat/i);
  }, 120_000);

  it("lets an organisation write its own ingress topic and neither another's nor a domain topic", async () => {
    const kotra = orgs["KOTRA-US"] as OrgKafkaAccess;
    expect(await sendAs(kotra, kotra.topic, `not json ${uniqueRef("OWN")}`)).toBeNull();
    expect((await sendAs(kotra, ingressTopic("EMB-US", prefix), "{}"))?.message).toMatch(/authoriz/i);
    for (const domain of eventTopics(prefix)) expect((await sendAs(kotra, domain, "{}"))?.message, domain).toMatch(/authoriz/i);
  }, 120_000);

  it("dead-letters an event whose source is not the topic's organisation, or that the organisation may not publish", async () => {
    const kotra = orgs["KOTRA-US"] as OrgKafkaAccess;
    const spoofed = detectedEvent({ caseRef: uniqueRef("SPOOF"), source: "EMB-US" });
    expect(await sendAs(kotra, kotra.topic, JSON.stringify(spoofed))).toBeNull();
    const parked = await deadLetterWith(spoofed.id);
    expect(parked.topic).toBe(kotra.topic);
    expect(parked.reason).toContain(`refused on ${kotra.topic} (the topic of KOTRA-US)`);
    expect(parked.reason).toContain('publish with "source": "KOTRA-US", not "EMB-US"');

    // Its own source, but about another country: the HTTP rule (403 there) holds on Kafka too.
    const abroad = detectedEvent({ caseRef: uniqueRef("ABROAD"), source: "KOTRA-US", country: "JP" });
    expect(await sendAs(kotra, kotra.topic, JSON.stringify(abroad))).toBeNull();
    expect((await deadLetterWith(abroad.id)).reason).toContain("KOTRA-US acts for US; it cannot publish events about JP");
  }, 120_000);

  it("turns a valid event on the organisation's own ingress topic into a task", async () => {
    const emb = orgs["EMB-US"] as OrgKafkaAccess;
    const caseRef = uniqueRef("INGRESS");
    expect(await sendAs(emb, emb.topic, JSON.stringify(detectedEvent({ caseRef, source: "EMB-US" })))).toBeNull();
    const approval = await pendingApproval("head.us@teamkorea.dev", workflowIdOf("US", caseRef));
    expect(approval).toMatchObject({ kind: "trade-restriction", country: "US" });
  }, 120_000);
});
