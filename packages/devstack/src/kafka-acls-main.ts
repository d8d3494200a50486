/**
 * Grants the hub's services their ACLs on brokers the launcher does not run (docker-compose.yml's
 * one-shot kafka-acls): KAFKA_BROKERS, the super user's KAFKA_SASL_USERNAME/PASSWORD, HUB_TOPIC_PREFIX.
 * The launcher does the same itself before it starts the services (scripts/env.ts hubKafkaAccess).
 */

import { connectKafka, grantAcls, hubAcls } from "@hub/kafka";
import { kafkaAdminConfig } from "./env.js";

const cfg = kafkaAdminConfig();
const grants = hubAcls(cfg.topicPrefix);
await grantAcls(connectKafka({ brokers: cfg.brokers, sasl: cfg.sasl, clientId: "hub-kafka-acls" }), grants);
console.log(`[kafka-acls] granted ${grants.length} ACL entries to ${[...new Set(grants.map((g) => g.principal))].join(", ")}`);
