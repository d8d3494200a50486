/** The cluster profile's layout: ports that cannot clash, brokers that form one quorum. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLUSTER_MEMBERS, cluster, clusterPorts, DEFAULT_CLUSTER_PORT_BASE } from "./cluster.js";
import { readStackEnv as readEnv, stackConfig } from "./env.js";
import { renderBrokerProperties } from "./kafka-cluster.js";

const allPorts = (base: number) => {
  const p = clusterPorts(base);
  const t = p.temporal;
  return [
    p.postgres,
    ...p.kafka.brokers,
    ...p.kafka.controllers,
    t.frontend,
    t.frontendHttp,
    t.history,
    t.matching,
    t.worker,
    ...t.membership,
    t.ui,
    p.api,
  ];
};

describe("cluster profile", () => {
  it("uses distinct ports, none of the single-node stack's, and membership ports Temporal can store", () => {
    const d = readEnv({});
    const single = [
      d.HUB_PG_PORT,
      d.HUB_KAFKA_PORT,
      d.HUB_KAFKA_CONTROLLER_PORT,
      d.HUB_TEMPORAL_PORT,
      d.HUB_TEMPORAL_UI_PORT,
      d.API_PORT,
      d.HUB_TEST_API_PORT,
    ];
    for (const base of [DEFAULT_CLUSTER_PORT_BASE, DEFAULT_CLUSTER_PORT_BASE + 1000]) {
      const ports = allPorts(base);
      expect(new Set(ports).size, `ports from ${base} are distinct`).toBe(ports.length);
      for (const p of single) expect(ports).not.toContain(p);
      // Temporal keeps membership ports in a SMALLINT column.
      for (const p of clusterPorts(base).temporal.membership) expect(p).toBeLessThan(32768);
    }
    // The fault tests' cluster (base + 1000) never shares a port with `npm start`'s.
    const a = new Set(allPorts(DEFAULT_CLUSTER_PORT_BASE));
    expect(allPorts(DEFAULT_CLUSTER_PORT_BASE + 1000).filter((p) => a.has(p))).toEqual([]);
  });

  it("binds no fixed port inside the machine's ephemeral range, where a client's outgoing connection may already hold it", () => {
    // Linux's default 32768–60999 where the file cannot be read.
    const [low, high] = (() => {
      try {
        return readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number) as [number, number];
      } catch {
        return [32768, 60999];
      }
    })();
    const d = readEnv({});
    const fixed = {
      HUB_PG_PORT: d.HUB_PG_PORT,
      HUB_KAFKA_PORT: d.HUB_KAFKA_PORT,
      HUB_KAFKA_CONTROLLER_PORT: d.HUB_KAFKA_CONTROLLER_PORT,
      HUB_TEMPORAL_PORT: d.HUB_TEMPORAL_PORT,
      HUB_TEMPORAL_UI_PORT: d.HUB_TEMPORAL_UI_PORT,
      HUB_KEYCLOAK_PORT: d.HUB_KEYCLOAK_PORT,
      HUB_MAILPIT_PORT: d.HUB_MAILPIT_PORT,
      HUB_SMTP_PORT: d.HUB_SMTP_PORT,
      API_PORT: d.API_PORT,
      HUB_TEST_API_PORT: d.HUB_TEST_API_PORT,
      HUB_TEST_OIDC_API_PORT: d.HUB_TEST_OIDC_API_PORT,
      ...Object.fromEntries(allPorts(DEFAULT_CLUSTER_PORT_BASE).map((p) => [`cluster ${p}`, p])),
      ...Object.fromEntries(allPorts(DEFAULT_CLUSTER_PORT_BASE + 1000).map((p) => [`fault tests' cluster ${p}`, p])),
    };
    const inside = Object.entries(fixed).filter(([, p]) => p >= low && p <= high);
    expect(inside, `inside ${low}–${high}`).toEqual([]);
  });

  it("gives every member its own folder", () => {
    const c = cluster(stackConfig(readEnv({}), "/repo"));
    const homes = CLUSTER_MEMBERS.map((m) => c.member(m).cfg.home);
    expect(new Set(homes).size).toBe(CLUSTER_MEMBERS.length);
    for (const h of homes) expect(h.startsWith("/repo/.hub/cluster/")).toBe(true);
  });

  it("renders three brokers of one quorum, three copies and two in sync", () => {
    const ports = clusterPorts().kafka;
    const props = [0, 1, 2].map(
      (i) =>
        new Map(
          renderBrokerProperties(ports, i, "/d", 6, {
            "hub-admin": { username: "hub-admin", password: "a" },
            "hub-api": { username: "hub-api", password: "b" },
            "hub-relay": { username: "hub-relay", password: "c" },
            "hub-router": { username: "hub-router", password: "d" },
            "hub-test": { username: "hub-test", password: "e" },
          })
            .split("\n")
            .map((l) => l.split("=") as [string, string]),
        ),
    );
    expect(props.map((p) => p.get("node.id"))).toEqual(["1", "2", "3"]);
    for (const p of props) {
      expect(p.get("controller.quorum.voters")).toBe(
        `1@127.0.0.1:${ports.controllers[0]},2@127.0.0.1:${ports.controllers[1]},3@127.0.0.1:${ports.controllers[2]}`,
      );
      expect([p.get("default.replication.factor"), p.get("offsets.topic.replication.factor"), p.get("min.insync.replicas")]).toEqual(["3", "3", "2"]);
      expect(p.get("unclean.leader.election.enable")).toBe("false");
      expect(p.get("inter.broker.listener.name")).toBe("SASL_PLAINTEXT");
      expect(p.get("authorizer.class.name")).toBe("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    }
  });
});
