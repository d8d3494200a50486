/**
 * Admin work on the hub's brokers, as the stack's admin principal: the hub's own ACLs, and an
 * organisation's way in over Kafka (its ingress topic, its SCRAM principal, its one ACL).
 * kafkajs creates topics and ACLs; it cannot set SCRAM credentials (AlterUserScramCredentials),
 * so Kafka's own ConfigCommand from the launcher's jars does that.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ingressTopic, ORG_CODE_PATTERN } from "@hub/contracts";
import { connectKafka, ensureTopics, grantAcls, hubAcls, type KafkaCredentials, orgAcls, orgPrincipal, type TopicSettings } from "@hub/kafka";
import type { StackConfig } from "./env.js";
import { ensureJars } from "./kafka.js";
import { adminClientProperties, readKafkaCredentials } from "./kafka-auth.js";
import { lastLines, runCommand } from "./process.js";
import type { Log } from "./types.js";

export interface KafkaAdminTarget {
  brokers: string[];
  /** Where the stack's kafka-credentials.json is: the stack's home, or the cluster profile's. */
  credentialsDir: string;
}

const adminClient = (t: KafkaAdminTarget, clientId: string) =>
  connectKafka({ brokers: t.brokers, clientId, sasl: readKafkaCredentials(t.credentialsDir)["hub-admin"], log: () => undefined });

/** Grants the hub's services what they need for topics of `prefix` (idempotent; the launcher runs it before starting them). */
export async function grantHubKafkaAccess(t: KafkaAdminTarget, prefix: string): Promise<void> {
  await grantAcls(adminClient(t, "hub-launcher"), hubAcls(prefix));
}

/** Sets (or resets) a principal's SCRAM-SHA-512 password with Kafka's ConfigCommand. */
export async function setScramPassword(cfg: StackConfig, t: KafkaAdminTarget, user: KafkaCredentials, log: Log = () => undefined): Promise<void> {
  const libs = await ensureJars(cfg, log);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "hub-kafka-admin-"));
  try {
    const props = path.join(dir, "admin.properties");
    await fs.writeFile(props, adminClientProperties(readKafkaCredentials(t.credentialsDir)["hub-admin"]), { mode: 0o600 });
    const log4j = path.join(dir, "log4j.properties");
    await fs.writeFile(
      log4j,
      "log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n",
    );
    const result = await runCommand(
      "java",
      [
        `-Dlog4j.configuration=file:${log4j}`,
        "-cp",
        `${libs}/*`,
        "kafka.admin.ConfigCommand",
        "--bootstrap-server",
        t.brokers.join(","),
        "--command-config",
        props,
        "--alter",
        "--add-config",
        `SCRAM-SHA-512=[password=${user.password}]`,
        "--entity-type",
        "users",
        "--entity-name",
        user.username,
      ],
      { cwd: dir, timeoutMs: 120_000 },
    );
    if (result.code !== 0)
      throw new Error(`ConfigCommand could not set ${user.username}'s password (exit ${result.code}): ${lastLines(result.output, 5).join(" | ")}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export interface OrgKafkaAccess {
  org: string;
  topic: string;
  username: string;
  /** Shown once: the broker keeps only its salted SCRAM hash. */
  password: string;
  brokers: string[];
}

/**
 * Gives an organisation its way in: its ingress topic, a principal with a new random password,
 * and the one ACL that lets that principal write that topic. Running it again resets the password.
 */
export async function provisionOrgIngress(
  cfg: StackConfig,
  t: KafkaAdminTarget,
  opts: { org: string; prefix: string; topics?: TopicSettings; log?: Log },
): Promise<OrgKafkaAccess> {
  if (!ORG_CODE_PATTERN.test(opts.org)) throw new Error(`"${opts.org}" is no organisation code (capitals, digits and "-", e.g. KOTRA-US)`);
  const topic = ingressTopic(opts.org, opts.prefix);
  const user = { username: orgPrincipal(opts.org, opts.prefix), password: randomBytes(24).toString("base64url") };
  const admin = adminClient(t, "hub-org-admin");
  // On three brokers a new topic's leaders take a moment to be known everywhere ("does not host this
  // topic-partition"); once created, a second call finds it and only waits for it.
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureTopics(admin, [topic], opts.topics);
      break;
    } catch (err) {
      if (attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  await setScramPassword(cfg, t, user, opts.log);
  await grantAcls(admin, orgAcls(opts.org, opts.prefix));
  return { org: opts.org, topic, username: user.username, password: user.password, brokers: t.brokers };
}
