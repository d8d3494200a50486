import { createDb, pingDb } from "@hub/db";
import { connectKafka } from "@hub/kafka";
import { createObjectStore } from "@hub/objects";
import { describe, runService } from "@hub/runtime";
import { connectTemporalClient, pingTemporal } from "@hub/temporal";
import { buildApp } from "./app";
import { directoryCache } from "./directory";
import { apiConfig, objectStoreConfig, vacancyConfig } from "./env";
import { startVacancySweep } from "./vacancy-sweep";

await runService("api", async (log) => {
  const cfg = apiConfig();
  const db = createDb(cfg.databaseUrl);
  const temporal = await connectTemporalClient({ address: cfg.temporalAddress, namespace: cfg.temporalNamespace });
  const kafka = connectKafka({ brokers: cfg.kafkaBrokers, sasl: cfg.kafkaSasl, clientId: "hub-api", log: () => undefined });
  const admin = kafka.admin();
  // Not a readiness check: a store that is down makes the file routes answer 503, and must not
  // take the whole API out of its load balancer (docs/documents.md).
  const objects = createObjectStore(objectStoreConfig());
  const vacancies = startVacancySweep({ db, temporal, log, everyMs: vacancyConfig().sweepMs });
  // A head deactivated or moved through this process: their pending approvals pass on at once.
  const sweepNow = () => void vacancies.sweep().catch((err) => log(`vacancy sweep failed: ${describe(err)}`));
  const app = await buildApp(
    {
      db,
      temporal,
      config: cfg,
      objects,
      directory: directoryCache(db, sweepNow),
      readiness: {
        postgres: () => pingDb(db),
        kafka: async () => {
          await admin.connect();
          await admin.describeCluster();
        },
        temporal: () => pingTemporal(temporal),
      },
    },
    { logger: { level: cfg.logLevel === "info" ? "warn" : cfg.logLevel } },
  );
  await app.listen({ host: cfg.api.host, port: cfg.api.port });
  log(`listening on http://${cfg.api.host}:${cfg.api.port} (docs at /docs)`);
  return async () => {
    await app.close();
    await vacancies.stop();
    await admin.disconnect().catch(() => undefined);
    await temporal.connection.close();
    objects.close();
    await db.close();
  };
});
