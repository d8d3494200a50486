/** The environment the hub's services get from the launcher: the stack's addresses and the home folder. */
import type { StackEndpoints } from "@hub/devstack";

export function serviceEnv(ep: StackEndpoints, databaseUrl: string, home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: ep.kafkaBrokers.join(","),
    TEMPORAL_ADDRESS: ep.temporalAddress,
    TEMPORAL_NAMESPACE: ep.temporalNamespace,
    ...(ep.temporalUiUrl ? { TEMPORAL_UI_URL: ep.temporalUiUrl } : {}),
    HUB_HOME: home,
    ...extra,
  };
}

export function oneLine(err: unknown): string {
  return err instanceof Error ? (err.message.split("\n")[0] ?? String(err)) : String(err);
}
