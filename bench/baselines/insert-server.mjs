// Baseline for ingest: a minimal Fastify handler doing one INSERT of the same event row with pg.
// node insert-server.mjs <port>   (DATABASE_URL in the environment)
import Fastify from "fastify";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.post("/", async (req, reply) => {
  const e = req.body;
  await pool.query(
    `INSERT INTO events (source, event_id, type, subject, time, country, data, submitted_by)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7::jsonb, $8) ON CONFLICT (source, event_id) DO NOTHING`,
    [e.source, e.id, e.type, e.subject ?? null, e.time, e.data.country, JSON.stringify(e.data), "baseline"],
  );
  return reply.status(202).send({ id: e.id, status: "accepted" });
});
await app.listen({ host: "127.0.0.1", port: Number(process.argv[2]) });
console.log("ready");
