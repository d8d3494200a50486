/** What the launcher's tests of devstack.test.ts and ports.int.test.ts share. */
import type { StackConfig } from "@hub/config";

/** A stack configuration with fixed, made-up paths and ports. */
export function stackConfigFor(overrides: Partial<StackConfig> = {}): StackConfig {
  return {
    home: "/srv/hub/.hub",
    cacheDir: "/srv/cache",
    database: "teamkorea",
    ports: {
      postgres: 15432,
      kafka: 19092,
      kafkaController: 19093,
      temporal: 17233,
      temporalUi: 18233,
      keycloak: 18080,
      mailpit: 18025,
      smtp: 11025,
    },
    external: {},
    temporalNamespace: "default",
    oidc: { audience: "team-korea-hub", clientId: "team-korea-hub-web", apiOrigins: ["http://127.0.0.1:3000"] },
    ...overrides,
  };
}

/** A Kafka Metadata v1 response frame (size-prefixed) naming the given brokers. */
export function metadataResponse(correlationId: number, brokers: { nodeId: number; host: string; port: number }[]): Buffer {
  const parts: Buffer[] = [];
  const int32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    parts.push(b);
  };
  const str = (s: string | null) => {
    const b = Buffer.alloc(2);
    b.writeInt16BE(s === null ? -1 : Buffer.byteLength(s));
    parts.push(b);
    if (s !== null) parts.push(Buffer.from(s));
  };
  int32(correlationId);
  int32(brokers.length);
  for (const b of brokers) {
    int32(b.nodeId);
    str(b.host);
    int32(b.port);
    str(null);
  }
  int32(1); // controller id
  int32(0); // topics
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}
