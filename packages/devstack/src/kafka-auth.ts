/**
 * The local brokers' principals (SASL/SCRAM-SHA-512): the admin super user, one per hub service,
 * each with a random password generated once per stack home and kept in
 * <home>/kafka-credentials.json (mode 600, under the git-ignored .hub/, never committed).
 * Organisations' principals are added later (kafka-orgs.ts); only their ACLs live in the broker.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { HUB_KAFKA_PRINCIPALS, type HubKafkaPrincipal, KAFKA_ADMIN_PRINCIPAL, type KafkaCredentials } from "@hub/kafka";

export type KafkaPrincipals = Record<typeof KAFKA_ADMIN_PRINCIPAL | HubKafkaPrincipal, KafkaCredentials>;

export const kafkaCredentialsFile = (dir: string) => path.join(dir, "kafka-credentials.json");

/** Base64url: no character SCRAM's `[name=…,password=…]` syntax or a properties file would choke on. */
const newPassword = () => randomBytes(24).toString("base64url");

function fresh(): KafkaPrincipals {
  const all = [KAFKA_ADMIN_PRINCIPAL, ...HUB_KAFKA_PRINCIPALS] as const;
  return Object.fromEntries(all.map((name) => [name, { username: name, password: newPassword() }])) as KafkaPrincipals;
}

/** The principals of the stack whose home is `dir`, generated on first use (concurrent callers agree on one set). */
export async function ensureKafkaCredentials(dir: string): Promise<KafkaPrincipals> {
  const file = kafkaCredentialsFile(dir);
  if (!existsSync(file)) {
    await fs.mkdir(dir, { recursive: true });
    // When three brokers prepare at once, the first to link its complete file in place wins and the
    // others read that one. Written whole first and then linked: a file created in place ("wx") is
    // empty for a moment, and a broker that read it then failed the cluster's start.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await fs.writeFile(tmp, `${JSON.stringify(fresh(), null, 2)}\n`, { mode: 0o600 });
    try {
      await fs.link(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
  return readKafkaCredentials(dir);
}

export function readKafkaCredentials(dir: string): KafkaPrincipals {
  const file = kafkaCredentialsFile(dir);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<KafkaPrincipals>;
  for (const name of [KAFKA_ADMIN_PRINCIPAL, ...HUB_KAFKA_PRINCIPALS] as const) {
    if (!parsed[name]?.password) throw new Error(`${file} has no password for ${name}: remove the file and the Kafka data to start over`);
  }
  return parsed as KafkaPrincipals;
}

/** What the credentials the storage was formatted with look like (a changed file means the storage must be formatted anew). */
export const credentialsStamp = (p: KafkaPrincipals) => createHash("sha256").update(JSON.stringify(p)).digest("hex");

/** The broker settings of a SASL_PLAINTEXT client listener with SCRAM-SHA-512 and the Standard Authorizer. */
export function saslBrokerProperties(admin: KafkaCredentials): Record<string, string> {
  return {
    "sasl.enabled.mechanisms": "SCRAM-SHA-512",
    "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`,
    "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    "allow.everyone.if.no.acl.found": "false",
    // ANONYMOUS is the PLAINTEXT controller listener's principal (brokers and controllers on loopback).
    "super.users": `User:${admin.username};User:ANONYMOUS`,
  };
}

/** `kafka-storage format` arguments that create every principal's SCRAM credential with the metadata. */
export function addScramArgs(p: KafkaPrincipals): string[] {
  return Object.values(p).flatMap((c) => ["--add-scram", `SCRAM-SHA-512=[name=${c.username},password=${c.password}]`]);
}

/** A client properties file for Kafka's Java tools (ConfigCommand), as the admin. */
export function adminClientProperties(admin: KafkaCredentials): string {
  return [
    "security.protocol=SASL_PLAINTEXT",
    "sasl.mechanism=SCRAM-SHA-512",
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`,
    "",
  ].join("\n");
}

/** The environment a hub service authenticates with: its own principal. */
export function kafkaServiceEnv(p: KafkaPrincipals, who: HubKafkaPrincipal): Record<string, string> {
  return { KAFKA_SASL_USERNAME: p[who].username, KAFKA_SASL_PASSWORD: p[who].password };
}
