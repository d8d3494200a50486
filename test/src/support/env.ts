/** The test files' settings: what `npm test` (scripts/test.ts) sets so they find the hub it started for them. */
import { ConfigError, parseEnv, serviceConfig, z } from "@hub/config";
import { localKeycloakIssuer, StackEnvSchema } from "@hub/devstack";

export const TestEnvShape = {
  /** Set by `npm test` for the test files: where the hub under test answers. */
  HUB_TEST_API_URL: z.string().url().optional(),
  /** "1" when the launcher owns the Kafka broker, so fault tests may stop and restart it. */
  HUB_TEST_KAFKA_OWNED: z.enum(["0", "1"]).default("0"),
  /** Set by `npm test` for the test files: the Mailpit they read delivered mail from; "1" when the launcher owns it. */
  HUB_TEST_MAILPIT_URL: z.string().url().optional(),
  HUB_TEST_MAILPIT_OWNED: z.enum(["0", "1"]).default("0"),
  /** "1" when the launcher owns the object store (MinIO), so fault tests may stop and restart it. */
  HUB_TEST_S3_OWNED: z.enum(["0", "1"]).default("0"),
};
/** The launcher's settings too: the tests find its ports, folders and Keycloak with them. */
export const TestEnvSchema = StackEnvSchema.extend(TestEnvShape);
export type TestEnv = z.infer<typeof TestEnvSchema>;

export const readTestEnv = (env: NodeJS.ProcessEnv = process.env): TestEnv => parseEnv(TestEnvSchema, env);

/** What test files need to find the hub that `npm test` started for them. */
export function testConfig(env: TestEnv = readTestEnv()) {
  if (!env.HUB_TEST_API_URL) throw new ConfigError("HUB_TEST_API_URL is not set: run the tests with 'npm test'");
  return {
    apiUrl: env.HUB_TEST_API_URL,
    apiPort: env.HUB_TEST_API_PORT,
    oidcApiPort: env.HUB_TEST_OIDC_API_PORT,
    kafkaOwned: env.HUB_TEST_KAFKA_OWNED === "1",
    mailpitUrl: env.HUB_TEST_MAILPIT_URL ?? null,
    mailpitOwned: env.HUB_TEST_MAILPIT_OWNED === "1",
    s3Owned: env.HUB_TEST_S3_OWNED === "1",
    service: serviceConfig(env),
    /** The launcher's Keycloak, which `npm test` always starts (test/src/oidc.test.ts signs in there). */
    keycloakIssuer: env.OIDC_ISSUER ?? localKeycloakIssuer(env.HUB_KEYCLOAK_PORT),
    env,
  };
}
