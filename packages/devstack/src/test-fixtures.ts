/** What the launcher's tests of devstack.test.ts and ports.int.test.ts share. */
import type { StackConfig } from "./env.js";

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
