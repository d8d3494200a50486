/** The launcher's pure parts and plumbing; starting the real stack is covered by the end-to-end suites. */
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StackError, stackEndpoints } from "./index.js";
import { parseJavaMajor } from "./java.js";
import { newClusterId, renderLog4j, renderServerProperties } from "./kafka.js";
import { mailpit, mailpitArgs } from "./mailpit.js";
import { minio, minioArgs } from "./minio.js";
import { acquireLock, isAlive, ownedPid, parseHostPort, stopPid, writePid } from "./process.js";
import { startDevArgs } from "./temporal.js";
import { stackConfigFor as config, useCleanups } from "./test-fixtures.js";

function parseProperties(text: string): Map<string, string> {
  const entries = text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as [string, string]);
  return new Map(entries);
}

const { cleanups, tempDir } = useCleanups();

const principals = {
  "hub-admin": { username: "hub-admin", password: "pw-admin" },
  "hub-api": { username: "hub-api", password: "pw-api" },
  "hub-relay": { username: "hub-relay", password: "pw-relay" },
  "hub-router": { username: "hub-router", password: "pw-router" },
  "hub-test": { username: "hub-test", password: "pw-test" },
};

describe("kafka server.properties", () => {
  const props = parseProperties(renderServerProperties(config(), "/srv/hub/.hub/kafka/data", principals));

  it("runs one KRaft node as broker and controller on the configured ports", () => {
    expect(props.get("process.roles")).toBe("broker,controller");
    expect(props.get("node.id")).toBe("1");
    expect(props.get("controller.quorum.voters")).toBe("1@127.0.0.1:19093");
    expect(props.get("listeners")).toBe("SASL_PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    expect(props.get("advertised.listeners")).toBe("SASL_PLAINTEXT://127.0.0.1:19092");
    expect(props.get("controller.listener.names")).toBe("CONTROLLER");
    expect(props.get("log.dirs")).toBe("/srv/hub/.hub/kafka/data");
  });

  it("authenticates clients with SCRAM-SHA-512 and authorises them by ACLs only", () => {
    expect(props.get("listener.security.protocol.map")).toBe("CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
    expect(props.get("inter.broker.listener.name")).toBe("SASL_PLAINTEXT");
    expect(props.get("sasl.enabled.mechanisms")).toBe("SCRAM-SHA-512");
    expect(props.get("authorizer.class.name")).toBe("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    expect(props.get("allow.everyone.if.no.acl.found")).toBe("false");
    expect(props.get("super.users")).toBe("User:hub-admin;User:ANONYMOUS");
    expect(props.get("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config")).toContain('username="hub-admin" password="pw-admin"');
  });

  it("sizes internal topics for a single broker", () => {
    for (const key of [
      "offsets.topic.replication.factor",
      "transaction.state.log.replication.factor",
      "transaction.state.log.min.isr",
      "min.insync.replicas",
    ]) {
      expect(props.get(key), key).toBe("1");
    }
    expect(props.get("auto.create.topics.enable")).toBe("true");
    expect(props.get("num.partitions")).toBe("3");
    expect(props.get("group.initial.rebalance.delay.ms")).toBe("0");
  });

  it("follows the configured ports", () => {
    const moved = parseProperties(
      renderServerProperties(config({ ports: { ...config().ports, kafka: 29092, kafkaController: 29093 } }), "/d", principals),
    );
    expect(moved.get("advertised.listeners")).toBe("SASL_PLAINTEXT://127.0.0.1:29092");
    expect(moved.get("controller.quorum.voters")).toBe("1@127.0.0.1:29093");
  });

  it("logs to stdout through log4j at the given level", () => {
    expect(renderLog4j("WARN")).toContain("log4j.rootLogger=WARN, stdout");
    expect(renderLog4j("INFO")).toContain("org.apache.log4j.ConsoleAppender");
  });
});

describe("kafka helpers", () => {
  it("reads the Java major version from `java -version`", () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "25" 2025-09-16')).toBe(25);
    expect(parseJavaMajor('java version "1.8.0_292"')).toBe(8);
    expect(parseJavaMajor("bash: java: command not found")).toBeUndefined();
  });

  it("makes cluster ids Kafka accepts", () => {
    for (let i = 0; i < 200; i++) {
      const id = newClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, "base64url")).toHaveLength(16);
    }
  });
});

describe("temporal", () => {
  it("persists to SQLite with WAL and binds loopback only", () => {
    const args = startDevArgs(config({ temporalNamespace: "hub" }), "/srv/hub/.hub/temporal/temporal.db");
    expect(args.slice(0, 2)).toEqual(["server", "start-dev"]);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag("--ip")).toBe("127.0.0.1");
    expect(flag("--port")).toBe("17233");
    expect(flag("--ui-port")).toBe("18233");
    expect(flag("--db-filename")).toBe("/srv/hub/.hub/temporal/temporal.db");
    expect(flag("--namespace")).toBe("hub");
    expect(args.join(" ")).toContain("--sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=NORMAL");
  });
});

describe("processes and pid files", () => {
  const sleeper = (script = "sleep 30") => {
    const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
    child.unref();
    cleanups.push(() => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
    });
    return child.pid as number;
  };

  it("keeps a pid file only while its process runs and carries the marker", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "x.pid");
    const pid = sleeper("sleep 30; exit 0 # marker-abc");
    await new Promise((r) => setTimeout(r, 100));
    await writePid(file, pid);
    expect(await ownedPid(file, "marker-abc")).toBe(pid);
    expect(await ownedPid(file, "some-other-home")).toBeUndefined(); // a recycled pid is not ours
    await expect(readFile(file, "utf8")).rejects.toThrow(); // and its pid file is cleaned up

    await writePid(file, 2 ** 22 + 12345); // above pid_max: certainly gone
    expect(await ownedPid(file, "")).toBeUndefined();
  });

  it("stops a process with its signal, and kills one that ignores it", async () => {
    const polite = sleeper();
    expect(await stopPid(polite, "SIGTERM", 5000)).toBe("stopped");
    expect(isAlive(polite)).toBe(false);

    const stubborn = sleeper("trap '' TERM; sleep 30 & wait");
    await new Promise((r) => setTimeout(r, 100));
    expect(await stopPid(stubborn, "SIGTERM", 300)).toBe("killed");
    expect(isAlive(stubborn)).toBe(false);
  });

  it("lets one holder at a time take a lock and takes over a dead holder's", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "stack.lock");
    await writeFile(file, `${2 ** 22 + 12345}\n`);
    const release = await acquireLock(file, 1000);
    expect((await readFile(file, "utf8")).trim()).toBe(String(process.pid));
    await release();
    await expect(readFile(file, "utf8")).rejects.toThrow();

    const holder = sleeper();
    await writeFile(file, `${holder}\n`);
    let waitedFor: number | undefined;
    await expect(acquireLock(file, 300, (h) => (waitedFor = h))).rejects.toThrow(/held by pid/);
    expect(waitedFor).toBe(holder);
  });
});

describe("endpoints and errors", () => {
  it("reports local addresses from the configured ports", () => {
    const e = stackEndpoints(config(), ["kafka"]);
    expect(e).toEqual({
      databaseUrl: "postgresql://postgres:postgres@127.0.0.1:15432/teamkorea",
      postgresAdminUrl: "postgresql://postgres:postgres@127.0.0.1:15432/postgres",
      kafkaBrokers: ["127.0.0.1:19092"],
      temporalAddress: "127.0.0.1:17233",
      temporalNamespace: "default",
      temporalUiUrl: "http://127.0.0.1:18233",
      smtpUrl: "smtp://127.0.0.1:11025",
      mailpitUrl: "http://127.0.0.1:18025",
      s3Url: "http://127.0.0.1:19000",
      s3Credentials: { accessKeyId: "hub-minio", secretAccessKey: "hub-minio-dev-secret" },
      started: ["kafka"],
    });
  });

  it("keeps files in HUB_S3_URL and starts no MinIO when one is given (its credentials are the services' own)", () => {
    const cfg = config({ external: { s3Url: "https://s3.ap-northeast-2.amazonaws.com" } });
    const e = stackEndpoints(cfg);
    expect(e.s3Url).toBe("https://s3.ap-northeast-2.amazonaws.com");
    expect(e.s3Credentials).toBeUndefined();
    expect(minio.external(cfg)).toBe("https://s3.ap-northeast-2.amazonaws.com");
    expect(minio.external(config())).toBeUndefined();
  });

  it("runs MinIO on loopback with its objects under HUB_HOME (they survive a restart)", () => {
    const args = minioArgs(config(), "/srv/hub/.hub/minio/data");
    expect(args.join(" ")).toBe("server /srv/hub/.hub/minio/data --address 127.0.0.1:19000 --console-address 127.0.0.1:19001 --quiet");
    expect(minio.marker(config())).toBe("/srv/hub/.hub/minio/data");
    expect(minio.ports(config())).toEqual([
      { port: 19000, env: "HUB_MINIO_PORT" },
      { port: 19001, env: "HUB_MINIO_CONSOLE_PORT" },
    ]);
  });

  it("sends mail to HUB_SMTP_URL and starts no Mailpit when one is given", () => {
    const e = stackEndpoints(config({ external: { smtpUrl: "smtp://mail.example:25" } }));
    expect(e.smtpUrl).toBe("smtp://mail.example:25");
    expect(e.mailpitUrl).toBeUndefined();
    expect(mailpit.external(config({ external: { smtpUrl: "smtp://mail.example:25" } }))).toBe("smtp://mail.example:25");
  });

  it("runs Mailpit on loopback with its messages in a file under HUB_HOME (they survive a restart)", () => {
    const args = mailpitArgs(config(), "/srv/hub/.hub/mailpit/mailpit.db");
    expect(args.join(" ")).toContain("--listen 127.0.0.1:18025 --smtp 127.0.0.1:11025 --database /srv/hub/.hub/mailpit/mailpit.db");
    expect(mailpit.marker(config())).toBe("/srv/hub/.hub/mailpit/mailpit.db");
  });

  it("passes external endpoints through", () => {
    const e = stackEndpoints(
      config({ external: { databaseUrl: "postgresql://u:p@db.example:5432/hub", kafkaBrokers: "k1:9092, k2:9092", temporalAddress: "t:7233" } }),
    );
    expect(e.databaseUrl).toBe("postgresql://u:p@db.example:5432/hub");
    expect(e.postgresAdminUrl).toBe("postgresql://u:p@db.example:5432/postgres");
    expect(e.kafkaBrokers).toEqual(["k1:9092", "k2:9092"]);
    expect(e.temporalAddress).toBe("t:7233");
    expect(e.temporalUiUrl).toBeUndefined();
  });

  it("parses host:port forms", () => {
    expect(parseHostPort("k1:9093", 9092)).toEqual({ host: "k1", port: 9093 });
    expect(parseHostPort("k1", 9092)).toEqual({ host: "k1", port: 9092 });
    expect(parseHostPort("[::1]:7233", 1)).toEqual({ host: "::1", port: 7233 });
  });

  it("puts what is wrong and what to do on one line", () => {
    const err = new StackError("kafka", "port 19092 is taken by another process", "set HUB_KAFKA_PORT to a free port");
    expect(err.message).toBe("kafka: port 19092 is taken by another process — set HUB_KAFKA_PORT to a free port");
    expect(err.message).not.toContain("\n");
    expect(err.component).toBe("kafka");
    expect(err.hint).toBe("set HUB_KAFKA_PORT to a free port");
  });
});
