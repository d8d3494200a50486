/**
 * Asks one broker for the cluster's brokers, authenticated as the stack's admin (the hub's
 * brokers refuse unauthenticated clients, SASL/SCRAM-SHA-512). KRaft brokers enable request
 * processing only once they are unfenced, so an answer means ready.
 */
import type { KafkaCredentials } from "@hub/kafka";
import { Kafka, logLevel } from "kafkajs";

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
}

export async function kafkaMetadata(host: string, port: number, timeoutMs: number, admin: KafkaCredentials): Promise<BrokerInfo[]> {
  const client = new Kafka({
    clientId: "hub-devstack",
    brokers: [`${host}:${port}`],
    sasl: { mechanism: "scram-sha-512", username: admin.username, password: admin.password },
    connectionTimeout: timeoutMs,
    authenticationTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin({ retry: { retries: 0 } });
  try {
    await client.connect();
    const { brokers } = await client.describeCluster();
    return brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port }));
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}
