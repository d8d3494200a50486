/**
 * Who may do what on the hub's Kafka: one principal per hub service, one per organisation that
 * publishes over Kafka, each with only the ACLs it needs (the broker runs the Standard
 * Authorizer with allow.everyone.if.no.acl.found=false, so anything not granted here is refused).
 */
import { deadLetterTopic, eventTopics, ingressTopic, ingressTopicPrefix } from "@hub/contracts";
import kafkajs, { type Kafka } from "kafkajs";

// kafkajs is CommonJS: Node's ESM loader does not see these enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** The super user: the brokers talk to each other as it, and the launcher's admin commands run as it. */
export const KAFKA_ADMIN_PRINCIPAL = "hub-admin";
/** The hub's own principals, one per process kind; `hub-test` is the test files' own (npm test). */
export const HUB_KAFKA_PRINCIPALS = ["hub-api", "hub-relay", "hub-router", "hub-test"] as const;
export type HubKafkaPrincipal = (typeof HUB_KAFKA_PRINCIPALS)[number];

/** The principal of an organisation's system; the prefix keeps a test run's organisations apart from the demo's. */
export const orgPrincipal = (org: string, prefix = "") => `${prefix}${org}`;

type Op = keyof typeof AclOperationTypes;
export interface AclGrant {
  principal: string;
  resource: "topic" | "group";
  name: string;
  pattern: "literal" | "prefixed";
  operations: Op[];
}

const topics = (principal: string, names: string[], operations: Op[]): AclGrant[] =>
  names.map((name) => ({ principal, resource: "topic", name, pattern: "literal", operations }));

/** Every grant of the hub's own principals for one topic prefix (HUB_TOPIC_PREFIX). */
export function hubAcls(prefix = ""): AclGrant[] {
  const domain = eventTopics(prefix);
  const dlq = deadLetterTopic(prefix);
  return [
    // The relay alone writes the domain topics (the outbox), and reads them for subscriptions.
    ...topics("hub-relay", domain, ["WRITE", "READ", "DESCRIBE", "CREATE"]),
    ...topics("hub-relay", [dlq], ["DESCRIBE", "CREATE"]),
    // A replayed dead letter goes back to the topic it came from, ingress topics included (the router checks it again).
    { principal: "hub-relay", resource: "topic", name: ingressTopicPrefix(prefix), pattern: "prefixed", operations: ["WRITE", "DESCRIBE"] },
    { principal: "hub-relay", resource: "group", name: `${prefix}hub-subscriptions`, pattern: "literal", operations: ["READ"] },
    // The router reads the domain topics and every organisation's ingress topic, and writes dead letters.
    ...topics("hub-router", domain, ["READ", "DESCRIBE", "CREATE"]),
    ...topics("hub-router", [dlq], ["WRITE", "DESCRIBE", "CREATE"]),
    { principal: "hub-router", resource: "topic", name: ingressTopicPrefix(prefix), pattern: "prefixed", operations: ["READ", "DESCRIBE"] },
    { principal: "hub-router", resource: "group", name: `${prefix}hub-router`, pattern: "prefixed", operations: ["READ"] },
    // The API only asks the cluster whether it answers (GET /readyz): no topic at all.
    // The test files (npm test, always with a prefix) write straight to the topics of their own prefix, as the relay would.
    ...(prefix
      ? ([
          { principal: "hub-test", resource: "topic", name: prefix, pattern: "prefixed", operations: ["ALL"] },
          { principal: "hub-test", resource: "group", name: "*", pattern: "literal", operations: ["READ", "DESCRIBE"] },
        ] satisfies AclGrant[])
      : []),
  ];
}

/** An organisation's grant: write (and see) its own ingress topic, nothing else. */
export function orgAcls(org: string, prefix = ""): AclGrant[] {
  return topics(orgPrincipal(org, prefix), [ingressTopic(org, prefix)], ["WRITE", "DESCRIBE"]);
}

/** Creates the grants (creating an existing ACL again changes nothing). Needs an admin client. */
export async function grantAcls(kafka: Kafka, grants: AclGrant[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: grants.flatMap((g) =>
        g.operations.map((op) => ({
          resourceType: g.resource === "topic" ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
          resourceName: g.name,
          resourcePatternType: g.pattern === "literal" ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
          principal: `User:${g.principal}`,
          host: "*",
          operation: AclOperationTypes[op],
          permissionType: AclPermissionTypes.ALLOW,
        })),
      ),
    });
  } finally {
    await admin.disconnect();
  }
}
