import net from "node:net";
import { describe, expect, it } from "vitest";
import { StackError } from "./index.js";
import { portOwner, portTaken } from "./process.js";
import { preflight } from "./stack.js";
import { stackConfigFor as config, useCleanups } from "./test-fixtures.js";

/** Listens on a free port; the test closes it. */
async function listen(host = "127.0.0.1"): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as net.AddressInfo).port };
}

const closeServer = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function freePort(): Promise<number> {
  const { server, port } = await listen();
  await closeServer(server);
  return port;
}

const { cleanups, tempDir } = useCleanups();

describe("ports", () => {
  it("sees a port taken by a listener, and free once it closes", async () => {
    const { server, port } = await listen();
    expect(await portTaken(port)).toBe(true);
    await closeServer(server);
    expect(await portTaken(port)).toBe(false);
  });

  it("sees a listener on 0.0.0.0 as taking the loopback port", async () => {
    const { server, port } = await listen("0.0.0.0");
    cleanups.push(() => closeServer(server));
    expect(await portTaken(port)).toBe(true);
  });

  it.runIf(process.platform === "linux")("names the process listening on a port", async () => {
    const { server, port } = await listen();
    cleanups.push(() => closeServer(server));
    expect(portOwner(port)?.pid).toBe(process.pid);
  });

  it("refuses to start anything when a port is taken by another process, naming the variable to change", async () => {
    const { server, port } = await listen();
    cleanups.push(() => closeServer(server));
    const home = await tempDir();
    const cfg = config({
      home,
      ports: {
        postgres: await freePort(),
        kafka: port,
        kafkaController: await freePort(),
        temporal: await freePort(),
        temporalUi: await freePort(),
        keycloak: await freePort(),
        mailpit: await freePort(),
        smtp: await freePort(),
        minio: await freePort(),
        minioConsole: await freePort(),
      },
    });
    const err = await preflight(cfg, ["postgres", "kafka", "temporal"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackError);
    expect((err as StackError).component).toBe("kafka");
    expect((err as StackError).message).toMatch(
      new RegExp(`^kafka: port ${port} is taken by another process.* — stop it or set HUB_KAFKA_PORT to a free port$`),
    );
  });

  it("skips ports of external components", async () => {
    const { server, port } = await listen();
    cleanups.push(() => closeServer(server));
    const cfg = config({
      home: await tempDir(),
      ports: { ...config().ports, postgres: port },
      external: { databaseUrl: "postgresql://u:p@db:5432/x" },
    });
    await expect(preflight(cfg, ["postgres"])).resolves.toBeUndefined();
  });
});
