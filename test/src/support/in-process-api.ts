/** A second API built in-process over the test database with its own environment (for modes the hub under test is not in). */
import { apiConfig, buildApp, directoryCache, objectStoreConfig, readApiEnv } from "@hub/api";
import { createDb } from "@hub/db";
import { createObjectStore } from "@hub/objects";
import { connectTemporalClient } from "@hub/temporal";

export async function inProcessApi(env: Record<string, string | undefined>) {
  const apiEnv = readApiEnv({ ...process.env, ...env });
  const config = apiConfig(apiEnv);
  const objects = createObjectStore(objectStoreConfig(apiEnv));
  const db = createDb(config.databaseUrl, { max: 2 });
  const temporal = await connectTemporalClient({ address: config.temporalAddress, namespace: config.temporalNamespace });
  const app = await buildApp({ db, temporal, config, objects, directory: directoryCache(db), readiness: {} }, { logger: false });
  return {
    app,
    close: async () => {
      await app.close();
      await temporal.connection.close();
      objects.close();
      await db.close();
    },
  };
}
