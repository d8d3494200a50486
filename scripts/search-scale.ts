/**
 * How task search holds up at scale: loads 100,000 joint tasks (titles in Korean and English,
 * every kind, status and seeded country, with their organisations) into a database of its own,
 * then times the API's own search function (`listTasks`, the code behind GET /v1/workflows) for
 * the queries people make. Run with the stack up (`npm run stack:up`):
 *   node --import tsx scripts/search-scale.ts [tasks]
 * It prints median and p95 per query; nothing here runs in `npm test`.
 */

import type { Principal } from "@hub/contracts";
import { WORKFLOW_KINDS } from "@hub/contracts/core";
import { createDb, listTasks, migrateDeploy, sql, type TaskSearch } from "@hub/db";
import { ensureDatabase, readStackEnv as readEnv, stackConfig, stackEndpoints } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { loadSeeds } from "@hub/seeds";

const want = Number(process.argv[2] ?? 100_000);
const ep = stackEndpoints(stackConfig(readEnv(), repoRoot));
const url = new URL(ep.databaseUrl);
url.pathname = "/teamkorea_scale";
await ensureDatabase(ep.postgresAdminUrl, "teamkorea_scale");
await migrateDeploy(url.toString());
const db = createDb(url.toString(), { max: 2 });
await loadSeeds(db);

const countTasks = async () => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM joint_tasks`))?.n ?? 0;
const have = await countTasks();
if (have < want) {
  console.log(`loading ${want - have} tasks…`);
  const t0 = Date.now();
  // Titles and organisations drawn from the plan's vocabulary; one row per task, then its organisations.
  await db.pool.query(
    `
    INSERT INTO joint_tasks (id, kind, country, case_ref, title, status, mission_code, started_at, updated_at)
    SELECT k || ':' || c || ':SCALE-' || g, k, c, 'SCALE-' || g,
           (ARRAY['Anti-dumping investigation: Hot-rolled steel plate', 'Safeguard investigation: Washing machines',
                  'Youth placement: Production engineering trainee', '한-스웨덴 수교 60주년 기념 리셉션',
                  '3·1운동 100주년 기념식', '청년 해외취업 설명회', 'Korean Wave business week',
                  '한-헝가리 수교 30주년 사진전', 'Countervailing duty on Korean semiconductors'])[1 + (g % 9)] || ' ' || g,
           (ARRAY['awaiting_approval', 'in_progress', 'in_progress', 'completed', 'rejected', 'cancelled'])[1 + (g % 6)],
           'EMB-' || c, now() - (g || ' minutes')::interval, now()
    FROM generate_series(${have + 1}, ${want}) AS g,
         LATERAL (SELECT ($1::text[])[1 + (g % cardinality($1::text[]))] AS k,
                         (ARRAY['US', 'JP', 'CN', 'VN', 'SE', 'HU', 'ID'])[1 + (g % 7)] AS c) x`,
    [WORKFLOW_KINDS],
  );
  await db.pool.query(`
    INSERT INTO task_orgs (workflow_id, org_code, relation)
    SELECT id, mission_code, 'lead' FROM joint_tasks WHERE case_ref LIKE 'SCALE-%'
    UNION ALL
    SELECT t.id, o.code, 'assignee' FROM joint_tasks t JOIN organizations o ON o.country = t.country AND o.kind = 'AGENCY'
    WHERE t.case_ref LIKE 'SCALE-%' AND t.status <> 'awaiting_approval'
    UNION ALL
    SELECT id, 'MOTIE', 'assignee' FROM joint_tasks WHERE case_ref LIKE 'SCALE-%' AND kind = 'trade-restriction'
    ON CONFLICT DO NOTHING`);
  await db.pool.query("ANALYZE");
  console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const hq: Principal = { userId: "u", email: "hq@teamkorea.dev", role: "HQ_REVIEWER", orgCode: "MOFA", orgKind: "MINISTRY", orgCountry: null };
const headUs: Principal = {
  userId: "u",
  email: "head.us@teamkorea.dev",
  role: "MISSION_HEAD",
  orgCode: "EMB-US",
  orgKind: "MISSION",
  orgCountry: "US",
};
const motie: Principal = { userId: "u", email: "motie@teamkorea.dev", role: "AGENCY_STAFF", orgCode: "MOTIE", orgKind: "MINISTRY", orgCountry: null };
const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const queries: [string, Principal, Omit<TaskSearch, "limit">][] = [
  ["HQ, newest 20", hq, {}],
  ["HQ, q=수교", hq, { q: "수교" }],
  ["HQ, q=steel plate", hq, { q: "steel plate" }],
  ["HQ, q=a word one title holds", hq, { q: "리셉션 99993" }],
  ["HQ, org=KOTRA-VN", hq, { org: "KOTRA-VN" }],
  ["HQ, kind=anniversary, last 7 days", hq, { kind: "anniversary", from: day(7), to: day(0) }],
  ["HQ, status=awaiting_approval, country=SE", hq, { status: "awaiting_approval", country: "SE" }],
  ["head.us (own country)", headUs, {}],
  ["MOTIE (assigned anywhere)", motie, {}],
];

async function time(p: Principal, q: TaskSearch, runs = 30): Promise<{ p50: number; p95: number; n: number }> {
  const ms: number[] = [];
  let n = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    n = (await listTasks(db, p, q)).items.length;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)] as number, p95: ms[Math.floor(runs * 0.95)] as number, n };
}

console.log(`${await countTasks()} tasks; listTasks (the code behind GET /v1/workflows), 30 runs each:`);
for (const [label, p, q] of queries) {
  const r = await time(p, { ...q, limit: 20 });
  console.log(`  ${label.padEnd(42)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   (${r.n} rows)`);
}
// The 50th page through keyset cursors costs what the first does.
let cursor: string | undefined;
for (let i = 0; i < 49; i++) cursor = (await listTasks(db, hq, { limit: 20, cursor })).nextCursor ?? undefined;
const deep = await time(hq, { limit: 20, cursor });
console.log(
  `  ${"HQ, page 50 by keyset cursor".padEnd(42)} p50 ${deep.p50.toFixed(1).padStart(6)} ms   p95 ${deep.p95.toFixed(1).padStart(6)} ms   (${deep.n} rows)`,
);
await db.close();
