/** The environment the hub's services get from the launcher: the stack's addresses and the home folder. */
import { isStackError, KEYCLOAK_REALM, type StackConfig, type StackEndpoints, stackUp } from "@hub/devstack";
import { type KafkaPrincipals, readKafkaCredentials } from "@hub/devstack/kafka-auth";
import { grantHubKafkaAccess } from "@hub/devstack/kafka-orgs";
import { keycloakRealms } from "@hub/seeds";

export function serviceEnv(ep: StackEndpoints, databaseUrl: string, home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: ep.kafkaBrokers.join(","),
    TEMPORAL_ADDRESS: ep.temporalAddress,
    TEMPORAL_NAMESPACE: ep.temporalNamespace,
    ...(ep.temporalUiUrl ? { TEMPORAL_UI_URL: ep.temporalUiUrl } : {}),
    ...(ep.oidcIssuer ? { OIDC_ISSUER: ep.oidcIssuer } : {}),
    HUB_SMTP_URL: ep.smtpUrl,
    HUB_S3_URL: ep.s3Url,
    ...(ep.s3Credentials ? { HUB_S3_ACCESS_KEY_ID: ep.s3Credentials.accessKeyId, HUB_S3_SECRET_ACCESS_KEY: ep.s3Credentials.secretAccessKey } : {}),
    HUB_HOME: home,
    ...extra,
  };
}

export function oneLine(err: unknown): string {
  return err instanceof Error ? (err.message.split("\n")[0] ?? String(err)) : String(err);
}

/**
 * Boots (or reuses) the stack, with Keycloak when `withKeycloak` (its realms generated from the
 * seeded accounts); a component that cannot start ends the command with its one line.
 */
export async function bootStack(cfg: StackConfig, tag: string, withKeycloak = false): Promise<StackEndpoints> {
  try {
    return await stackUp(cfg, undefined, withKeycloak ? { keycloakRealms: keycloakRealms({ realm: KEYCLOAK_REALM, ...cfg.oidc }) } : {});
  } catch (err) {
    console.error(isStackError(err) ? `[${tag}] ${err.message}` : `[${tag}] the stack did not start: ${oneLine(err)}`);
    process.exit(1);
  }
}

/**
 * The local broker's principals, with the hub's ACLs for topics of `prefix` granted (idempotent).
 * An external broker (KAFKA_BROKERS): undefined, and each service authenticates with the
 * KAFKA_SASL_USERNAME/PASSWORD of the launcher's environment, its operator's to set.
 */
export async function hubKafkaAccess(cfg: StackConfig, ep: StackEndpoints, prefix: string): Promise<KafkaPrincipals | undefined> {
  if (cfg.external.kafkaBrokers) return undefined;
  await grantHubKafkaAccess({ brokers: ep.kafkaBrokers, credentialsDir: cfg.home }, prefix);
  return readKafkaCredentials(cfg.home);
}
