/**
 * Static checks of docker-compose.yml (no Docker engine runs here): the services exist, the hub's
 * processes get the same variables the local launcher gives them, every endpoint in those
 * variables names a compose service and a port it listens on, the published ports equal the
 * cluster profile's ports (packages/devstack/src/cluster.ts), and the three brokers, the replicas and
 * the topic layout equal the launcher's cluster profile (kafka-cluster.ts, cluster-services.ts).
 * Each check is also run against a broken copy of the file, to show it can fail.
 */

import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ApiEnvSchema, apiConfig, readApiEnv } from "@hub/api";
import { KNOWN_JWT_SECRETS, parseEnv, SharedEnvSchema, serviceConfig } from "@hub/config";
import { readStackEnv, stackConfig } from "@hub/devstack";
import { CLUSTER_PARTITIONS, CLUSTER_REPLICAS, cluster, clusterPorts, KAFKA_BROKER_COUNT } from "@hub/devstack/cluster";
import { clusterServiceEnv } from "@hub/devstack/cluster-services";
import { KAFKA_VERSION, renderBrokerProperties } from "@hub/devstack/kafka-cluster";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RelayEnvSchema, relayConfig } from "../../services/relay/src/env";
import { RouterEnvSchema, routerConfig } from "../../services/router/src/env";
import { WorkerEnvSchema, workerConfig } from "../../services/worker/src/env";

type EnvBlock = Record<string, string | number | boolean | null> | string[];
type PortSpec = string | number | { target: number | string; published?: number | string; host_ip?: string };
type DependsOn = string[] | Record<string, { condition?: string } | null>;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: EnvBlock;
  ports?: PortSpec[];
  expose?: (string | number)[];
  depends_on?: DependsOn;
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  deploy?: { replicas?: number };
}
interface Compose {
  services: Record<string, Service>;
}

const composePath = fileURLToPath(new URL("../../docker-compose.yml", import.meta.url));
const repoRoot = path.dirname(composePath);
// Compose resolves YAML merge keys (`<<: *anchor`); YAML 1.2 parsers need to be told to.
const compose = parse(readFileSync(composePath, "utf8"), { merge: true }) as Compose;

const BROKERS = ["kafka-1", "kafka-2", "kafka-3"] as const;
const INFRA = ["postgres", ...BROKERS, "temporal", "temporal-ui", "entry"] as const;
const HUB = ["migrate", "api", "relay", "router", "worker"] as const;
const LONG_RUNNING = ["api", "relay", "router", "worker"] as const;
const ENDPOINT_VARS = ["DATABASE_URL", "KAFKA_BROKERS", "TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE"] as const;
const defaults = readStackEnv({});
/** The launcher's cluster profile at its default ports: what this file mirrors. */
const profile = clusterPorts(defaults.HUB_CLUSTER_PORT_BASE);
/** Each hub process's own config schema (its env module) and the config it builds from it. */
const SCHEMAS = {
  migrate: { schema: SharedEnvSchema, config: (e: NodeJS.ProcessEnv) => serviceConfig(parseEnv(SharedEnvSchema, e)) },
  api: { schema: ApiEnvSchema, config: (e: NodeJS.ProcessEnv) => apiConfig(readApiEnv(e)) },
  relay: { schema: RelayEnvSchema, config: (e: NodeJS.ProcessEnv) => relayConfig(parseEnv(RelayEnvSchema, e)) },
  router: { schema: RouterEnvSchema, config: (e: NodeJS.ProcessEnv) => routerConfig(parseEnv(RouterEnvSchema, e)) },
  worker: { schema: WorkerEnvSchema, config: (e: NodeJS.ProcessEnv) => workerConfig(parseEnv(WorkerEnvSchema, e)) },
} as const;
/** Variables the operator must set in the shell (`${VAR:?message}`): a secret of their own, as `openssl rand -base64 48` makes. */
const SHELL: Record<string, string> = {
  JWT_SECRET: randomBytes(48).toString("base64"),
  // The brokers' SASL/SCRAM-SHA-512 principals (docker/kafka-entry.sh formats the storage with them).
  ...Object.fromEntries(["ADMIN", "API", "RELAY", "ROUTER"].map((p) => [`HUB_KAFKA_${p}_PASSWORD`, randomBytes(24).toString("base64url")])),
};

// ---------------------------------------------------------------------------------------------
// Reading the compose model

function service(c: Compose, name: string): Service {
  const s = c.services?.[name];
  expect(s, `service ${name} is defined`).toBeTypeOf("object");
  return s as Service;
}

/**
 * Compose interpolation with a shell that sets only SHELL: `${VAR:-default}` and `${VAR-default}`
 * take the default; `${VAR:?message}` (required, compose refuses to start without it) takes SHELL's value.
 */
function interpolate(value: string, where: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|:\?([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (m, braced, dash, dflt, required, bare) => {
      if (m === "$$") return "$";
      const name = braced ?? bare;
      if (required !== undefined) {
        expect(SHELL[name], `${where}: \${${name}:?} is required from the shell, and only secrets are`).toBeTypeOf("string");
        return SHELL[name] as string;
      }
      expect(
        dash,
        `${where}: \${${name}} needs a default (or \${${name}:?message} for a secret), or the stack depends on the caller's shell`,
      ).toBeTypeOf("string");
      return dflt as string;
    },
  );
}

/** The raw value in the file, before interpolation. */
function rawEnv(c: Compose, name: string, key: string): string | undefined {
  const block = service(c, name).environment ?? {};
  if (Array.isArray(block)) return block.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);
  const v = block[key];
  return v === null || v === undefined ? undefined : String(v);
}

function env(c: Compose, name: string): Record<string, string> {
  const block = service(c, name).environment ?? {};
  const entries: [string, string | undefined][] = Array.isArray(block)
    ? block.map((line) => {
        const i = line.indexOf("=");
        return i < 0 ? [line, undefined] : [line.slice(0, i), line.slice(i + 1)];
      })
    : Object.entries(block).map(([k, v]) => [k, v === null ? undefined : String(v)]);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    expect(v, `${name}.${k} has a value in the file (not taken from the shell)`).toBeTypeOf("string");
    out[k] = interpolate(v as string, `${name}.${k}`);
  }
  return out;
}

interface PortMapping {
  target: number;
  published?: number;
  hostIp?: string;
}

function portMappings(c: Compose, name: string): PortMapping[] {
  return (service(c, name).ports ?? []).map((p) => {
    if (typeof p === "object") {
      return { target: Number(p.target), published: p.published === undefined ? undefined : Number(p.published), hostIp: p.host_ip };
    }
    const parts = String(p)
      .replace(/\/(tcp|udp)$/, "")
      .split(":");
    const target = Number(parts.at(-1));
    const published = parts.length >= 2 ? Number(parts.at(-2)) : undefined;
    const hostIp = parts.length >= 3 ? parts.slice(0, -2).join(":") : undefined;
    return { target, published, hostIp };
  });
}

/** Ports the service listens on inside the compose network: `expose` plus the targets of `ports`. */
function containerPorts(c: Compose, name: string): number[] {
  const exposed = (service(c, name).expose ?? []).map((p) => Number(String(p).replace(/\/(tcp|udp)$/, "")));
  return [...new Set([...exposed, ...portMappings(c, name).map((m) => m.target)])];
}

function publishedPort(c: Compose, name: string, target: number): number | undefined {
  return portMappings(c, name).find((m) => m.target === target)?.published;
}

function dependsOn(c: Compose, name: string): Record<string, string> {
  const d = service(c, name).depends_on ?? {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((n) => [n, "service_started"]));
  return Object.fromEntries(Object.entries(d).map(([n, v]) => [n, v?.condition ?? "service_started"]));
}

function hostPort(value: string, what: string): { host: string; port: number } {
  const m = /^([^:/\s]+):(\d+)$/.exec(value.trim());
  expect(m, `${what} "${value}" is host:port`).not.toBeNull();
  return { host: (m as RegExpExecArray)[1] as string, port: Number((m as RegExpExecArray)[2]) };
}

/** KAFKA_LISTENERS / KAFKA_ADVERTISED_LISTENERS as listener name → host:port. */
function kafkaListeners(value: string | undefined, what: string): Map<string, { host: string; port: number }> {
  expect(value, `${what} is set`).toBeTypeOf("string");
  const out = new Map<string, { host: string; port: number }>();
  for (const entry of (value as string).split(",")) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*):\/\/([^:]*):(\d+)\s*$/.exec(entry);
    expect(m, `${what} entry "${entry}" is NAME://host:port`).not.toBeNull();
    const [, listener, host, port] = m as RegExpExecArray;
    out.set(listener as string, { host: host as string, port: Number(port) });
  }
  return out;
}

/** The host:port names a compose service, and that service listens on the port inside the network. */
function expectServiceEndpoint(c: Compose, host: string, port: number, what: string) {
  expect(Object.keys(c.services), `${what}: host "${host}" is a compose service`).toContain(host);
  expect(containerPorts(c, host), `${what}: ${host} listens on port ${port} in the compose network`).toContain(port);
}

// ---------------------------------------------------------------------------------------------
// The checks, each a function of the compose model so it can also be run on a broken copy

function checkServicesExist(c: Compose) {
  for (const name of [...INFRA, ...HUB]) {
    expect(Object.keys(c.services ?? {}), `service ${name} is defined`).toContain(name);
  }
}

function checkHubImage(c: Compose) {
  for (const name of HUB) {
    const build = service(c, name).build;
    const dockerfile = typeof build === "object" ? build.dockerfile : undefined;
    expect(dockerfile, `${name} builds from docker/hub.Dockerfile`).toBe("docker/hub.Dockerfile");
    const context = typeof build === "object" ? (build.context ?? ".") : build;
    expect(path.resolve(repoRoot, context ?? "."), `${name} builds with the repo root as context`).toBe(repoRoot);
  }
  expect(existsSync(path.join(repoRoot, "docker/hub.Dockerfile")), "docker/hub.Dockerfile exists").toBe(true);
  const commandOf = (name: string) => {
    const cmd = service(c, name).command;
    return Array.isArray(cmd) ? cmd.join(" ") : String(cmd ?? "");
  };
  for (const name of LONG_RUNNING) {
    const entry = `services/${name}/src/main.ts`;
    expect(commandOf(name), `${name} command runs ${entry}`).toContain(`tsx ${entry}`);
    expect(existsSync(path.join(repoRoot, entry)), `${entry} exists`).toBe(true);
  }
  expect(commandOf("migrate"), "migrate command").toMatch(/prisma migrate deploy\s*&&\s*npx tsx seeds\/src\/main\.ts/);
  expect(["no", undefined], "migrate is one-shot (restart: no)").toContain(service(c, "migrate").restart);
}

function checkHubEndpoints(c: Compose) {
  const pg = env(c, "postgres");
  const temporalNamespace = env(c, "temporal").DEFAULT_NAMESPACE ?? "default";
  for (const name of HUB) {
    const e = env(c, name);
    for (const key of ENDPOINT_VARS) expect(Object.keys(e), `${name} sets ${key}`).toContain(key);

    const db = new URL(e.DATABASE_URL as string);
    expect(db.protocol, `${name} DATABASE_URL protocol`).toMatch(/^postgres(ql)?:$/);
    expectServiceEndpoint(c, db.hostname, Number(db.port || 5432), `${name} DATABASE_URL`);
    expect(decodeURIComponent(db.username), `${name} DATABASE_URL user is postgres' POSTGRES_USER`).toBe(pg.POSTGRES_USER);
    expect(decodeURIComponent(db.password), `${name} DATABASE_URL password is postgres' POSTGRES_PASSWORD`).toBe(pg.POSTGRES_PASSWORD);
    expect(db.pathname.slice(1), `${name} DATABASE_URL database is postgres' POSTGRES_DB`).toBe(pg.POSTGRES_DB);

    const brokers = (e.KAFKA_BROKERS as string).split(",").filter((b) => b.trim() !== "");
    expect(brokers.length, `${name} KAFKA_BROKERS lists a broker`).toBeGreaterThan(0);
    for (const broker of brokers) {
      const { host, port } = hostPort(broker, `${name} KAFKA_BROKERS`);
      expectServiceEndpoint(c, host, port, `${name} KAFKA_BROKERS`);
      // The broker must also advertise that address, or clients are redirected elsewhere after bootstrap.
      const advertised = [...kafkaListeners(env(c, host).KAFKA_ADVERTISED_LISTENERS, `${host} KAFKA_ADVERTISED_LISTENERS`).values()];
      expect(
        advertised.map((a) => `${a.host}:${a.port}`),
        `${name} KAFKA_BROKERS ${broker} is advertised by ${host}`,
      ).toContain(`${host}:${port}`);
    }

    const temporal = hostPort(e.TEMPORAL_ADDRESS as string, `${name} TEMPORAL_ADDRESS`);
    expectServiceEndpoint(c, temporal.host, temporal.port, `${name} TEMPORAL_ADDRESS`);
    expect(e.TEMPORAL_NAMESPACE, `${name} TEMPORAL_NAMESPACE is the namespace temporal registers`).toBe(temporalNamespace);
  }
}

function checkConfigKeys(c: Compose) {
  for (const name of HUB) {
    for (const key of Object.keys(env(c, name))) {
      expect(Object.keys(SCHEMAS[name].schema.shape), `${name} sets ${key}, which must be a key of its config schema (its env module)`).toContain(
        key,
      );
    }
  }
}

function checkConfigAccepts(c: Compose) {
  for (const name of HUB) {
    // Each process's real schema and config function accept what compose gives it.
    const e = env(c, name);
    expect(() => SCHEMAS[name].config(e), `config of ${name} is valid`).not.toThrow();
  }
  const api = apiConfig(readApiEnv(env(c, "api")));
  expect(api.api.host, "api API_HOST listens on every interface inside its container").toBe("0.0.0.0");
  expect(containerPorts(c, "api"), "api API_PORT is the api's container port").toContain(api.api.port);
  const ui = new URL(api.temporalUiUrl ?? "http://missing.invalid");
  expect(["localhost", "127.0.0.1"], "api TEMPORAL_UI_URL is a browser URL on this host").toContain(ui.hostname);
  expect(Number(ui.port), "api TEMPORAL_UI_URL port is temporal-ui's published port").toBe(publishedPort(c, "temporal-ui", 8080));
}

/** Production mode everywhere, and the API's signing secret only from the operator, never a default in the file. */
function checkProduction(c: Compose) {
  for (const name of HUB) expect(env(c, name).NODE_ENV, `${name} runs with NODE_ENV=production`).toBe("production");
  const raw = rawEnv(c, "api", "JWT_SECRET") ?? "";
  expect(raw, `api JWT_SECRET must come from the shell as ${ref("JWT_SECRET:?message")}, with no default`).toMatch(/^\$\{JWT_SECRET:\?[^}]+\}$/);
  const api = apiConfig(readApiEnv(env(c, "api")));
  expect(api.api.auth.mode === "dev" && api.api.auth.devLogin, "api has dev-login off").toBe(false);
  for (const secret of KNOWN_JWT_SECRETS) {
    expect(() => apiConfig(readApiEnv({ ...env(c, "api"), JWT_SECRET: secret })), `api refuses the published secret ${secret}`).toThrow(/JWT_SECRET/);
  }
}

function checkPublishedPorts(c: Compose) {
  // The host sees the cluster profile's ports: the entry point, PostgreSQL, Temporal and its UI, each broker.
  expect(publishedPort(c, "entry", 8080), "entry published port = the cluster profile's API entry").toBe(profile.api);
  expect(publishedPort(c, "postgres", 5432), "postgres published port = the cluster profile's").toBe(profile.postgres);
  expect(publishedPort(c, "temporal", 7233), "temporal published port = the cluster profile's frontend").toBe(profile.temporal.frontend);
  expect(publishedPort(c, "temporal-ui", 8080), "temporal-ui published port = the cluster profile's").toBe(profile.temporal.ui);
  expect(service(c, "api").ports ?? [], "api replicas publish no host port (the entry point does)").toEqual([]);

  // Kafka: each broker advertises localhost:<its profile port> to the host and publishes that same
  // port (clients reconnect to the advertised address after bootstrap).
  BROKERS.forEach((name, i) => {
    const k = env(c, name);
    const advertised = kafkaListeners(k.KAFKA_ADVERTISED_LISTENERS, `${name} KAFKA_ADVERTISED_LISTENERS`);
    const listeners = kafkaListeners(k.KAFKA_LISTENERS, `${name} KAFKA_LISTENERS`);
    const external = [...advertised].find(([, a]) => a.host === "localhost" || a.host === "127.0.0.1");
    expect(external, `${name} advertises a listener on localhost for host clients`).toBeDefined();
    const [externalName, externalAddr] = external as [string, { host: string; port: number }];
    expect(externalAddr.port, `${name} host listener advertised port = the cluster profile's`).toBe(profile.kafka.brokers[i]);
    const bound = listeners.get(externalName);
    expect(bound, `${name} KAFKA_LISTENERS binds ${externalName}`).toBeDefined();
    expect(publishedPort(c, name, (bound as { port: number }).port), `${name} published port = the cluster profile's`).toBe(profile.kafka.brokers[i]);
    // And the in-network listener is what the hub uses: INTERNAL advertised as <name>:9092.
    expect(advertised.get("INTERNAL"), `${name} INTERNAL advertised as ${name}:9092`).toEqual({ host: name, port: 9092 });
    expect(listeners.get("INTERNAL")?.port, `${name} INTERNAL listener binds 9092`).toBe(9092);
  });
}

/** Compose's KAFKA_* variable for a server property (the apache/kafka image's convention). */
const kafkaVar = (property: string) => `KAFKA_${property.toUpperCase().replace(/\./g, "_")}`;
/** Properties whose values must equal the launcher's brokers' (kafka-cluster.ts renderBrokerProperties). */
const SHARED_BROKER_SETTINGS = [
  "process.roles",
  "node.id",
  "offsets.topic.replication.factor",
  "transaction.state.log.replication.factor",
  "transaction.state.log.min.isr",
  "default.replication.factor",
  "min.insync.replicas",
  "unclean.leader.election.enable",
  "num.partitions",
  "broker.session.timeout.ms",
  // Authentication and authorisation as the launcher's brokers run them.
  "sasl.enabled.mechanisms",
  "sasl.mechanism.inter.broker.protocol",
  "authorizer.class.name",
  "allow.everyone.if.no.acl.found",
  "super.users",
];
const SOME_PRINCIPALS = Object.fromEntries(
  ["hub-admin", "hub-api", "hub-relay", "hub-router", "hub-test"].map((n) => [n, { username: n, password: "x" }]),
) as Parameters<typeof renderBrokerProperties>[4];

function checkKafkaCluster(c: Compose) {
  const ids = new Set<string>();
  BROKERS.forEach((name, i) => {
    const k = env(c, name);
    expect(service(c, name).image, `${name} image`).toBe(`apache/kafka:${KAFKA_VERSION}`);
    const launcher = new Map(
      renderBrokerProperties(profile.kafka, i, "/data", CLUSTER_PARTITIONS, SOME_PRINCIPALS)
        .split("\n")
        .filter((l) => l.includes("=") && !l.startsWith("#"))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const),
    );
    for (const property of SHARED_BROKER_SETTINGS) {
      expect(k[kafkaVar(property)], `${name} ${kafkaVar(property)} = the launcher's ${property}`).toBe(launcher.get(property));
    }
    // Every broker votes in one quorum of all three controllers, each voter at its CONTROLLER listener.
    const voters = (k.KAFKA_CONTROLLER_QUORUM_VOTERS ?? "").split(",").map((v) => v.trim());
    expect(voters.length, `${name} KAFKA_CONTROLLER_QUORUM_VOTERS lists ${KAFKA_BROKER_COUNT} voters`).toBe(KAFKA_BROKER_COUNT);
    for (const voter of voters) {
      const m = /^(\d+)@([^:]+):(\d+)$/.exec(voter);
      expect(m, `${name} voter "${voter}" is id@host:port`).not.toBeNull();
      const [, id, host, port] = m as RegExpExecArray;
      expect(env(c, host as string).KAFKA_NODE_ID, `${name} voter ${voter}: ${host} has node id ${id}`).toBe(id);
      const controller = kafkaListeners(env(c, host as string).KAFKA_LISTENERS, `${host} KAFKA_LISTENERS`).get("CONTROLLER");
      expect(controller?.port, `${name} voter ${voter}: ${host}'s CONTROLLER listener`).toBe(Number(port));
    }
    ids.add(k.KAFKA_NODE_ID as string);
    expect(k.CLUSTER_ID, `${name} CLUSTER_ID is the cluster's one id`).toBe(env(c, "kafka-1").CLUSTER_ID);
  });
  expect(ids.size, "each broker has its own node id").toBe(KAFKA_BROKER_COUNT);
}

/** Replicas and the topic layout as the launcher's profile runs them (cluster.ts, cluster-services.ts). */
function checkReplicas(c: Compose) {
  for (const name of LONG_RUNNING) {
    expect(service(c, name).deploy?.replicas ?? 1, `${name} replicas = the cluster profile's`).toBe(CLUSTER_REPLICAS[name]);
  }
  const launcher = clusterServiceEnv(cluster(stackConfig(defaults, repoRoot), defaults.HUB_CLUSTER_PORT_BASE), "postgresql://x@y/z");
  for (const name of HUB) {
    const e = env(c, name);
    for (const key of ["HUB_KAFKA_PARTITIONS", "HUB_KAFKA_REPLICATION_FACTOR", "HUB_KAFKA_MIN_INSYNC_REPLICAS"]) {
      expect(e[key], `${name} ${key} = the cluster profile's`).toBe(launcher[key]);
    }
    const brokers = (e.KAFKA_BROKERS ?? "").split(",").filter(Boolean);
    expect(brokers.length, `${name} KAFKA_BROKERS names all ${KAFKA_BROKER_COUNT} brokers`).toBe(KAFKA_BROKER_COUNT);
  }
}

/** The entry point proxies to the API replicas' port, from a config file in the repository. */
function checkEntry(c: Compose) {
  const mount = (service(c, "entry") as Service & { volumes?: string[] }).volumes?.find((v) => v.includes("nginx"));
  expect(mount, "entry mounts its nginx configuration").toBeDefined();
  const file = path.resolve(repoRoot, (mount as string).split(":")[0] as string);
  expect(existsSync(file), `${file} exists`).toBe(true);
  const conf = readFileSync(file, "utf8");
  const apiPort = Number(env(c, "api").API_PORT);
  expect(conf, "entry's upstream is the api service on its API_PORT").toMatch(new RegExp(`server\\s+api:${apiPort}\\b`));
  expect(conf, "entry listens on the port it publishes").toMatch(/listen\s+8080;/);
  expect(conf, "entry retries the next replica when one is down").toMatch(/proxy_next_upstream\s+error/);
  expect(dependsOn(c, "entry").api, "entry waits for healthy API replicas").toBe("service_healthy");
}

function checkTemporal(c: Compose) {
  const t = env(c, "temporal");
  expect(t.DB, "temporal DB plugin").toBe("postgres12");
  expectServiceEndpoint(c, t.POSTGRES_SEEDS ?? "", Number(t.DB_PORT), "temporal POSTGRES_SEEDS/DB_PORT");
  const pg = env(c, "postgres");
  expect(t.POSTGRES_USER, "temporal POSTGRES_USER").toBe(pg.POSTGRES_USER);
  expect(t.POSTGRES_PWD, "temporal POSTGRES_PWD").toBe(pg.POSTGRES_PASSWORD);
  const ui = hostPort(env(c, "temporal-ui").TEMPORAL_ADDRESS ?? "", "temporal-ui TEMPORAL_ADDRESS");
  expectServiceEndpoint(c, ui.host, ui.port, "temporal-ui TEMPORAL_ADDRESS");
}

function checkStartOrder(c: Compose) {
  const conditions = ["service_started", "service_healthy", "service_completed_successfully"];
  for (const name of Object.keys(c.services)) {
    for (const [dep, condition] of Object.entries(dependsOn(c, name))) {
      expect(Object.keys(c.services), `${name} depends_on ${dep}, a compose service`).toContain(dep);
      expect(conditions, `${name} depends_on ${dep} condition`).toContain(condition);
      if (condition === "service_healthy") {
        const hc = service(c, dep).healthcheck;
        expect(hc?.test !== undefined && hc.disable !== true, `${name} waits for ${dep} to be healthy, so ${dep} has a healthcheck`).toBe(true);
      }
    }
  }
  expect(dependsOn(c, "migrate").postgres, "migrate waits for postgres healthy").toBe("service_healthy");
  for (const name of LONG_RUNNING) {
    const deps = dependsOn(c, name);
    expect(deps.migrate, `${name} waits for migrate to complete`).toBe("service_completed_successfully");
    // Every service named in the process's endpoints is up and healthy before it starts.
    const e = env(c, name);
    const hosts = [
      new URL(e.DATABASE_URL as string).hostname,
      ...(e.KAFKA_BROKERS as string).split(",").map((b) => hostPort(b, `${name} KAFKA_BROKERS`).host),
      hostPort(e.TEMPORAL_ADDRESS as string, `${name} TEMPORAL_ADDRESS`).host,
    ];
    for (const host of hosts) expect(deps[host], `${name} waits for ${host} healthy`).toBe("service_healthy");
  }
}

// ---------------------------------------------------------------------------------------------

describe("docker-compose.yml", () => {
  it("defines postgres, three Kafka brokers, temporal, temporal-ui, the entry point and the hub's migrate, api, relay, router, worker", () => {
    checkServicesExist(compose);
  });
  it("builds every hub process from docker/hub.Dockerfile and runs its entry point", () => {
    checkHubImage(compose);
  });
  it("gives every hub process DATABASE_URL, KAFKA_BROKERS, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE pointing at compose services", () => {
    checkHubEndpoints(compose);
  });
  it("sets only variables the config schema knows", () => {
    checkConfigKeys(compose);
  });
  it("passes the config schema for each hub process", () => {
    checkConfigAccepts(compose);
  });
  it("runs in production mode, dev-login off, with the signing secret required from the shell", () => {
    checkProduction(compose);
  });
  it("gives the api, relay and router each its own Kafka principal, its password from the shell", () => {
    for (const name of ["api", "relay", "router"]) {
      expect(env(compose, name).KAFKA_SASL_USERNAME, `${name} KAFKA_SASL_USERNAME`).toBe(`hub-${name}`);
      expect(rawEnv(compose, name, "KAFKA_SASL_PASSWORD"), `${name} KAFKA_SASL_PASSWORD from the shell`).toMatch(
        new RegExp(`^\\$\\{HUB_KAFKA_${name.toUpperCase()}_PASSWORD:\\?[^}]+\\}$`),
      );
    }
    expect(env(compose, "kafka-1").KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe("false");
  });
  it("publishes the cluster profile's ports", () => {
    checkPublishedPorts(compose);
  });
  it("runs three brokers configured as the launcher's (RF 3, min.insync 2, one quorum)", () => {
    checkKafkaCluster(compose);
  });
  it("runs the hub's processes with the cluster profile's replicas and topic layout", () => {
    checkReplicas(compose);
  });
  it("puts one entry point in front of the API replicas", () => {
    checkEntry(compose);
  });
  it("points Temporal at the compose Postgres and the UI at Temporal", () => {
    checkTemporal(compose);
  });
  it("starts the hub after its dependencies are healthy and migrated", () => {
    checkStartOrder(compose);
  });
});

/** A deep, unshared copy (YAML aliases parse to shared objects) with one change applied. */
function broken(change: (c: Compose) => void): Compose {
  const copy = JSON.parse(JSON.stringify(compose)) as Compose;
  change(copy);
  return copy;
}
const envOf = (c: Compose, name: string) => c.services[name]?.environment as Record<string, string>;
/** A compose `${...}` reference, written without a "${" string literal. */
const ref = (body: string) => `\${${body}}`;

describe("the checks catch a broken compose file", () => {
  const cases: [string, (c: Compose) => void, (c: Compose) => void, RegExp][] = [
    ["a missing service", (c) => delete c.services["kafka-2"], checkServicesExist, /service kafka-2 is defined/],
    [
      "another Dockerfile",
      (c) => ((c.services.relay as Service).build = { context: ".", dockerfile: "Dockerfile" }),
      checkHubImage,
      /relay builds from/,
    ],
    [
      "a wrong entry point",
      (c) => ((c.services.router as Service).command = ["npx", "tsx", "services/router/src/index.ts"]),
      checkHubImage,
      /router command/,
    ],
    ["a missing variable", (c) => delete envOf(c, "worker").TEMPORAL_NAMESPACE, checkHubEndpoints, /worker sets TEMPORAL_NAMESPACE/],
    [
      "a broker that is not a service",
      (c) => (envOf(c, "api").KAFKA_BROKERS = "localhost:9092"),
      checkHubEndpoints,
      /api KAFKA_BROKERS: host "localhost"/,
    ],
    [
      "a broker port nothing listens on",
      (c) => (envOf(c, "relay").KAFKA_BROKERS = "kafka-1:9094,kafka-2:9092,kafka-3:9092"),
      checkHubEndpoints,
      /relay KAFKA_BROKERS: kafka-1 listens on port 9094/,
    ],
    [
      "a broker address kafka does not advertise",
      (c) => (envOf(c, "relay").KAFKA_BROKERS = "kafka-1:22092,kafka-2:9092,kafka-3:9092"),
      checkHubEndpoints,
      /is advertised by kafka-1/,
    ],
    [
      "a database host port",
      (c) => (envOf(c, "migrate").DATABASE_URL = "postgresql://postgres:postgres@postgres:54329/teamkorea"),
      checkHubEndpoints,
      /migrate DATABASE_URL: postgres listens on port 54329/,
    ],
    [
      "another database",
      (c) => (envOf(c, "api").DATABASE_URL = "postgresql://postgres:postgres@postgres:5432/other"),
      checkHubEndpoints,
      /DATABASE_URL database/,
    ],
    [
      "a Temporal address that is not a service",
      (c) => (envOf(c, "worker").TEMPORAL_ADDRESS = "temporal-server:7233"),
      checkHubEndpoints,
      /worker TEMPORAL_ADDRESS: host/,
    ],
    ["another namespace", (c) => (envOf(c, "router").TEMPORAL_NAMESPACE = "hub"), checkHubEndpoints, /router TEMPORAL_NAMESPACE/],
    [
      "a variable the schema does not know",
      (c) => (envOf(c, "router").HUB_KAFKA_BROKERS = "kafka:9092"),
      checkConfigKeys,
      /router sets HUB_KAFKA_BROKERS/,
    ],
    ["a JWT secret the schema rejects", (c) => (envOf(c, "api").JWT_SECRET = ref("JWT_SECRET:-short")), checkConfigAccepts, /config of api is valid/],
    ["a default-less variable from the shell", (c) => (envOf(c, "api").JWT_SECRET = ref("JWT_SECRET")), checkConfigAccepts, /needs a default/],
    [
      "a required variable that is not a secret",
      (c) => (envOf(c, "relay").TEMPORAL_NAMESPACE = ref("TEMPORAL_NAMESPACE:?set it")),
      checkHubEndpoints,
      /only secrets are/,
    ],
    [
      "the old default secret",
      (c) => (envOf(c, "api").JWT_SECRET = ref("JWT_SECRET:-change-me-in-production-please")),
      checkProduction,
      /must come from the shell/,
    ],
    ["development mode", (c) => delete envOf(c, "worker").NODE_ENV, checkProduction, /worker runs with NODE_ENV=production/],
    ["an API bound to loopback", (c) => (envOf(c, "api").API_HOST = "127.0.0.1"), checkConfigAccepts, /API_HOST/],
    [
      "a Temporal UI link to the wrong port",
      (c) => (envOf(c, "api").TEMPORAL_UI_URL = "http://localhost:8080"),
      checkConfigAccepts,
      /TEMPORAL_UI_URL port/,
    ],
    ["another postgres port", (c) => ((c.services.postgres as Service).ports = ["5432:5432"]), checkPublishedPorts, /postgres published port/],
    ["another Temporal port", (c) => ((c.services.temporal as Service).ports = ["7233:7233"]), checkPublishedPorts, /temporal published port/],
    [
      "another Temporal UI port",
      (c) => ((c.services["temporal-ui"] as Service).ports = ["8080:8080"]),
      checkPublishedPorts,
      /temporal-ui published port/,
    ],
    ["another Kafka host port", (c) => ((c.services["kafka-2"] as Service).ports = ["9092:22094"]), checkPublishedPorts, /kafka-2 published port/],
    [
      "a Kafka host listener advertised elsewhere",
      (c) => (envOf(c, "kafka-1").KAFKA_ADVERTISED_LISTENERS = "INTERNAL://kafka-1:9092,EXTERNAL://localhost:9092"),
      checkPublishedPorts,
      /advertised port/,
    ],
    [
      "an offsets topic with one copy",
      (c) => (envOf(c, "kafka-2").KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR = "1"),
      checkKafkaCluster,
      /kafka-2 KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR/,
    ],
    [
      "min.insync.replicas of 1",
      (c) => (envOf(c, "kafka-3").KAFKA_MIN_INSYNC_REPLICAS = "1"),
      checkKafkaCluster,
      /kafka-3 KAFKA_MIN_INSYNC_REPLICAS/,
    ],
    ["min.insync.replicas unset", (c) => delete envOf(c, "kafka-1").KAFKA_MIN_INSYNC_REPLICAS, checkKafkaCluster, /MIN_INSYNC_REPLICAS/],
    ["two brokers with one id", (c) => (envOf(c, "kafka-3").KAFKA_NODE_ID = "2"), checkKafkaCluster, /node id|KAFKA_NODE_ID/],
    [
      "a quorum without the third voter",
      (c) => (envOf(c, "kafka-1").KAFKA_CONTROLLER_QUORUM_VOTERS = "1@kafka-1:9093,2@kafka-2:9093"),
      checkKafkaCluster,
      /lists 3 voters/,
    ],
    ["another Kafka image", (c) => ((c.services["kafka-2"] as Service).image = "apache/kafka:4.0.0"), checkKafkaCluster, /kafka-2 image/],
    ["one router", (c) => delete (c.services.router as Service).deploy, checkReplicas, /router replicas/],
    ["topics with one copy", (c) => (envOf(c, "worker").HUB_KAFKA_REPLICATION_FACTOR = "1"), checkReplicas, /worker HUB_KAFKA_REPLICATION_FACTOR/],
    [
      "a hub process that knows one broker",
      (c) => (envOf(c, "api").KAFKA_BROKERS = "kafka-1:9092"),
      checkReplicas,
      /api KAFKA_BROKERS names all 3 brokers/,
    ],
    ["an API replica on a host port", (c) => ((c.services.api as Service).ports = ["3000:3000"]), checkPublishedPorts, /publish no host port/],
    ["another entry port", (c) => ((c.services.entry as Service).ports = ["3000:8080"]), checkPublishedPorts, /entry published port/],
    [
      "an entry point that does not wait for the API",
      (c) => ((c.services.entry as Service).depends_on = {}),
      checkEntry,
      /entry waits for healthy API replicas/,
    ],
    ["Temporal on another database host", (c) => (envOf(c, "temporal").POSTGRES_SEEDS = "db"), checkTemporal, /POSTGRES_SEEDS/],
    [
      "the UI pointed at a wrong port",
      (c) => (envOf(c, "temporal-ui").TEMPORAL_ADDRESS = "temporal:7234"),
      checkTemporal,
      /temporal-ui TEMPORAL_ADDRESS/,
    ],
    [
      "a hub process not waiting for migrations",
      (c) => ((c.services.worker as Service).depends_on = { postgres: { condition: "service_healthy" } }),
      checkStartOrder,
      /worker waits for migrate/,
    ],
    [
      "a hub process started before Kafka is healthy",
      (c) =>
        ((c.services.relay as Service).depends_on = {
          migrate: { condition: "service_completed_successfully" },
          postgres: { condition: "service_healthy" },
          temporal: { condition: "service_healthy" },
          "kafka-1": { condition: "service_healthy" },
          "kafka-2": { condition: "service_started" },
          "kafka-3": { condition: "service_healthy" },
        }),
      checkStartOrder,
      /relay waits for kafka-2 healthy/,
    ],
    [
      "waiting on health a service cannot report",
      (c) => delete (c.services["kafka-3"] as Service).healthcheck,
      checkStartOrder,
      /so kafka-3 has a healthcheck/,
    ],
  ];

  it.each(cases)("%s", (_label, change, check, message) => {
    const copy = broken(change);
    expect(() => check(copy)).toThrow(message);
  });
});
