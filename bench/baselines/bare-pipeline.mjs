// The bare baseline for the pipeline: raw kafkajs consumer → Temporal client start → a worker
// running bareWorkflow, whose activities each do one INSERT. No validation, no inbox, no read model.
// node bare-pipeline.mjs <topic> <taskQueue>   (DATABASE_URL, KAFKA_BROKERS, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE)
import { fileURLToPath } from "node:url";
import { Client, Connection } from "@temporalio/client";
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";

const [topic, taskQueue] = process.argv.slice(2);
const namespace = process.env.TEMPORAL_NAMESPACE;
Runtime.install({ logger: new DefaultLogger("WARN") });
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  "CREATE TABLE IF NOT EXISTS bench_bare (id text NOT NULL, n int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (id, n))",
);

const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace,
  taskQueue,
  workflowsPath: fileURLToPath(new URL("./bare-workflows.mjs", import.meta.url)),
  activities: {
    async step({ id, n }) {
      await pool.query("INSERT INTO bench_bare (id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING", [id, n]);
    },
  },
});
const running = worker.run();

const client = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS }), namespace });
const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = process.env;
const kafka = new Kafka({
  clientId: "bare",
  brokers: process.env.KAFKA_BROKERS.split(","),
  ...(username ? { sasl: { mechanism: "scram-sha-512", username, password } } : {}),
  logLevel: logLevel.ERROR,
});
const consumer = kafka.consumer({ groupId: `bare-${topic}` });
await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: true });
await consumer.run({
  eachMessage: async ({ message }) => {
    const { id } = JSON.parse(message.value.toString());
    await client.workflow
      .start("bareWorkflow", { workflowId: id, taskQueue, args: [{ id }], workflowIdConflictPolicy: "USE_EXISTING" })
      .catch(() => undefined);
  },
});
console.log("ready");
// SIGINT and SIGTERM may both arrive (the process group and the bench each send one): stop once.
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await consumer.disconnect();
  worker.shutdown();
  await running;
  await pool.end();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
