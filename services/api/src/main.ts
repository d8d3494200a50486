import { createDb, pingDb } from "@hub/db";
import { connectKafka } from "@hub/kafka";
import { runService } from "@hub/runtime";
import { connectTemporalClient, pingTemporal } from "@hub/temporal";
import { buildApp } from "./app";
import { directoryCache } from "./directory";
import { apiConfig } from "./env";

await runService("api", async (log) => {
  const cfg = apiConfig();
  const db = createDb(cfg.databaseUrl);
  const temporal = await connectTemporalClient({ address: cfg.temporalAddress, namespace: cfg.temporalNamespace });
  const kafka = connectKafka({ brokers: cfg.kafkaBrokers, sasl: cfg.kafkaSasl, clientId: "hub-api", log: () => undefined });
  const admin = kafka.admin();
  const app = await buildApp(
    {
      db,
      temporal,
      config: cfg,
      directory: directoryCache(db),
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
    await admin.disconnect().catch(() => undefined);
    await temporal.connection.close();
    await db.close();
  };
});
