/**
 * Issue 10: the AsyncAPI 3 description of the Kafka topics, served at /asyncapi.json, parses
 * with the AsyncAPI parser and names every event type the registry knows, with its channel,
 * the country as the message key, and the dead-letter topic.
 */
import { Parser } from "@asyncapi/parser";
import { deadLetterTopic, ingressTopicPrefix, KNOWN_EVENT_TYPES, topicFor } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { call, cfg } from "./support/hub";

describe("/asyncapi.json", () => {
  it("is a valid AsyncAPI 3 document naming every known event type, its topic, the key and the dead-letter topic", async () => {
    const r = await call("GET", "/asyncapi.json");
    expect(r.status).toBe(200);
    expect(r.body.asyncapi).toMatch(/^3\./);

    const { document, diagnostics } = await new Parser().parse(JSON.stringify(r.body));
    // Severity 0 is an error, 1 a warning; hints (such as "a newer 3.x exists") are fine.
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join(".")}: ${d.message}`)).toEqual([]);
    expect(document).toBeDefined();
    if (!document) return;

    const messages = document.allMessages().all();
    const names = messages.map((m) => m.name());
    for (const type of KNOWN_EVENT_TYPES) expect(names).toContain(type);
    const addresses = document
      .allChannels()
      .all()
      .map((c) => c.address());
    for (const type of KNOWN_EVENT_TYPES) expect(addresses).toContain(topicFor(type, cfg.service.topicPrefix));
    expect(addresses).toContain(deadLetterTopic(cfg.service.topicPrefix));

    // The payloads come from the zod contracts: the envelope's type is pinned, the data's required fields listed.
    const detected = messages.find((m) => m.name() === KNOWN_EVENT_TYPES[0]);
    const payload = detected?.payload()?.json() as { properties: { type: { const: string }; data: { required: string[] } } };
    expect(payload.properties.type.const).toBe(KNOWN_EVENT_TYPES[0]);
    expect(payload.properties.data.required).toContain("country");
    expect(detected?.contentType()).toBe("application/cloudevents+json");
    const kafka = detected?.bindings().get("kafka")?.value() as { key?: { description?: string } } | undefined;
    expect(kafka?.key?.description).toContain("country");
  });

  it("describes the organisations' ingress channels, their security scheme and who may write them", async () => {
    const r = await call("GET", "/asyncapi.json");
    const doc = r.body;
    const prefix = cfg.service.topicPrefix;
    expect(doc.components.securitySchemes.scramSha512.type).toBe("scramSha512");
    expect(doc.channels.ingress.address).toBe(`${ingressTopicPrefix(prefix)}{org}`);
    expect(Object.keys(doc.channels.ingress.parameters)).toEqual(["org"]);
    expect(Object.keys(doc.channels.ingress.messages).length).toBe(KNOWN_EVENT_TYPES.length);
    // Who writes: the organisation's principal alone on its ingress topic, the relay alone on the domain topics.
    expect(doc.operations.publishIngress.summary).toContain(`Only the principal ${prefix}<ORG> may write`);
    expect(doc.operations.publishIngress.security).toEqual([{ $ref: "#/components/securitySchemes/scramSha512" }]);
    expect(doc.operations.publishTradeEvents.summary).toContain("relay alone writes here");
    expect(doc.operations.routeIngress.bindings.kafka.groupId.enum).toEqual([`${prefix}hub-router-ingress`]);
    expect(doc.channels.ingress.description).toContain("dead-letters an event whose source is not the topic's organisation");
  });
});
