/**
 * The AsyncAPI 3.0 description of the hub's Kafka topics, built from the same zod contracts the
 * API and the router validate with (zod → JSON Schema, as the OpenAPI side does), so it cannot
 * drift from what is enforced. Served by the API at /asyncapi.json.
 */
import { z } from "zod";
import { deadLetterTopic, EventEnvelope, ingressTopicPrefix, topicFor } from "./envelope";
import { EVENT_TYPES, type EventType, KNOWN_EVENT_TYPES } from "./types";

const KAFKA_BINDING = "0.5.0";

/** JSON Schema (draft 7, which AsyncAPI's default schema format extends) of a zod schema. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-7", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

/** An AsyncAPI id: a component or channel name may hold letters, digits, '.', '-' and '_'. */
const messageName = (type: string) => type.replace(/[^A-Za-z0-9._-]/g, "_");

const KEY = {
  type: "string",
  pattern: "^[A-Z]{2}$",
  description: "The country the event is about (data.country): one country's events share a partition, so they stay in order.",
};

function eventMessage(type: EventType) {
  const spec = EVENT_TYPES[type];
  return {
    name: messageName(type),
    title: type,
    summary: `${type}: ${spec.role === "start" ? "opens (or joins) a" : "is delivered to the running"} ${spec.kind} joint task.`,
    contentType: "application/cloudevents+json",
    payload: jsonSchema(EventEnvelope.extend({ type: z.literal(type), data: spec.data })),
    bindings: { kafka: { key: KEY, bindingVersion: KAFKA_BINDING } },
  };
}

const DEAD_LETTER = {
  name: "deadLetter",
  title: "Dead letter",
  summary: "A message the router could not route, as it arrived, with the reason in a header.",
  contentType: "application/octet-stream",
  payload: { type: "string", description: "The original message value, unchanged." },
  headers: {
    type: "object",
    required: ["reason", "original-topic"],
    properties: {
      reason: {
        type: "string",
        description: "Why the router parked it: invalid (with each field's issue), claimed by no task, or refused by its task.",
      },
      "original-topic": { type: "string" },
    },
  },
  bindings: { kafka: { key: { type: "string", description: "The original message's key." }, bindingVersion: KAFKA_BINDING } },
};

const MODES = [
  "Messages are CloudEvents 1.0 in either Kafka content mode.",
  "Structured mode (what the hub's relay publishes): the value is the whole event as JSON, header content-type: application/cloudevents+json.",
  "Binary mode (accepted from publishers): the attributes are ce_-prefixed headers (ce_specversion, ce_id, ce_source, ce_type, ce_time ...),",
  "header content-type is the data's (application/json) and the value is the data.",
  "The message key is the country (data.country). Invalid or unroutable messages go to the dead-letter topic with the reason.",
].join(" ");

const SECURITY = {
  scramSha512: {
    type: "scramSha512",
    description:
      "Every client authenticates with SASL/SCRAM-SHA-512 (SASL_PLAINTEXT; put TLS in front outside one host) and is authorised by ACLs only: " +
      "nothing unauthenticated produces or consumes. The hub's services each have their own principal; an organisation gets its own with its ingress topic.",
  },
};

export interface AsyncApiOptions {
  topicPrefix?: string;
  /** Kafka bootstrap servers (host:port), listed as the document's servers. */
  brokers?: string[];
}

export function asyncApiDocument(o: AsyncApiOptions = {}): Record<string, unknown> {
  const prefix = o.topicPrefix ?? "";
  const domains = [...new Set(KNOWN_EVENT_TYPES.map((t) => EVENT_TYPES[t].domain))];
  const typesOf = (domain: string) => KNOWN_EVENT_TYPES.filter((t) => EVENT_TYPES[t].domain === domain);
  const messages = Object.fromEntries(KNOWN_EVENT_TYPES.map((t) => [messageName(t), eventMessage(t)]));
  const ref = (path: string) => ({ $ref: path });

  const channels: Record<string, unknown> = Object.fromEntries(
    domains.map((d) => [
      `${d}Events`,
      {
        address: topicFor(typesOf(d)[0] as EventType, prefix),
        title: `${d} events`,
        description: MODES,
        messages: Object.fromEntries(typesOf(d).map((t) => [messageName(t), ref(`#/components/messages/${messageName(t)}`)])),
        bindings: { kafka: { partitions: 3, bindingVersion: KAFKA_BINDING } },
      },
    ]),
  );
  channels.ingress = {
    address: `${ingressTopicPrefix(prefix)}{org}`,
    title: "An organisation's ingress topic",
    description:
      `How an organisation's system publishes over Kafka: on its own topic, which its principal alone may write (ACL), given with its credentials by the hub's admin (npm run kafka:org -- <ORG>). ${MODES} ` +
      "The topic names the publisher: the router dead-letters an event whose source is not the topic's organisation, or that the organisation may not publish " +
      "(the rules of POST /v1/events: its own country, the event types its kind of organisation publishes).",
    parameters: { org: { description: "The organisation's code in the hub's directory, e.g. KOTRA-US." } },
    messages: Object.fromEntries(KNOWN_EVENT_TYPES.map((t) => [messageName(t), ref(`#/components/messages/${messageName(t)}`)])),
  };
  channels.deadLetters = {
    address: deadLetterTopic(prefix),
    title: "Dead letters",
    description: "Messages the router parked, each with the reason; operators list and replay them through the API (/v1/dead-letters).",
    messages: { deadLetter: ref("#/components/messages/deadLetter") },
  };

  const operations: Record<string, unknown> = {};
  for (const d of domains) {
    const msgs = typesOf(d).map((t) => ref(`#/channels/${d}Events/messages/${messageName(t)}`));
    operations[`publish${cap(d)}Events`] = {
      action: "send",
      title: `Publish ${d} events`,
      summary:
        "The hub's relay alone writes here (ACL): the events the API accepted over HTTP. Organisations' systems publish on their ingress topic.",
      channel: ref(`#/channels/${d}Events`),
      messages: msgs,
      security: [ref("#/components/securitySchemes/scramSha512")],
    };
    operations[`route${cap(d)}Events`] = {
      action: "receive",
      title: `Route ${d} events`,
      summary: "The router (consumer group hub-router) validates each event and starts or signals its joint task.",
      channel: ref(`#/channels/${d}Events`),
      messages: msgs,
      bindings: { kafka: { groupId: { type: "string", enum: [`${prefix}hub-router`] }, bindingVersion: KAFKA_BINDING } },
    };
  }
  const ingressMessages = KNOWN_EVENT_TYPES.map((t) => ref(`#/channels/ingress/messages/${messageName(t)}`));
  operations.publishIngress = {
    action: "send",
    title: "Publish as an organisation",
    summary: `Only the principal ${prefix}<ORG> may write ${ingressTopicPrefix(prefix)}<ORG> (ACL); every other principal is refused by the broker.`,
    channel: ref("#/channels/ingress"),
    messages: ingressMessages,
    security: [ref("#/components/securitySchemes/scramSha512")],
  };
  operations.routeIngress = {
    action: "receive",
    title: "Check and route organisations' events",
    summary:
      "The router (consumer group hub-router-ingress) takes the publisher from the topic, applies the HTTP publishing rules, then routes the event as any other; a refused one is dead-lettered with the reason.",
    channel: ref("#/channels/ingress"),
    messages: ingressMessages,
    bindings: { kafka: { groupId: { type: "string", enum: [`${prefix}hub-router-ingress`] }, bindingVersion: KAFKA_BINDING } },
  };
  operations.parkDeadLetters = {
    action: "send",
    title: "Park dead letters",
    channel: ref("#/channels/deadLetters"),
    messages: [ref("#/channels/deadLetters/messages/deadLetter")],
  };

  return {
    asyncapi: "3.0.0",
    info: {
      title: "Team Korea Hub events",
      version: "1.0.0",
      description: `The hub's Kafka topics. ${MODES} The same events are published over HTTP (POST /v1/events, see /openapi.json).`,
    },
    ...(o.brokers && o.brokers.length > 0
      ? {
          servers: Object.fromEntries(
            o.brokers.map((b, i) => [
              `kafka${i + 1}`,
              {
                host: b,
                protocol: "kafka",
                description: "A Kafka bootstrap server (SASL_PLAINTEXT, SCRAM-SHA-512)",
                security: [ref("#/components/securitySchemes/scramSha512")],
              },
            ]),
          ),
        }
      : {}),
    defaultContentType: "application/cloudevents+json",
    channels,
    operations,
    components: { messages: { ...messages, deadLetter: DEAD_LETTER }, securitySchemes: SECURITY },
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
