/**
 * Faults the hub must ride out: Kafka down while events are accepted, and the worker killed
 * in the middle of a joint task. Both use the real processes `npm test` started.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createDb, outboxBacklog } from "@hub/db";
import { readStackEnv as readEnv, stackConfig, startComponent, stopComponent } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { afterAll, describe, expect, it } from "vitest";
import { assignmentsOf, call, cfg, decidedEvent, detectedEvent, eventually, login, openCase, uniqueRef, workflowIdOf } from "./support/hub";

// The launcher's own view of the stack (without the endpoints npm test exported for the services).
const { DATABASE_URL: _d, KAFKA_BROKERS: _k, TEMPORAL_ADDRESS: _t, ...localEnv } = process.env;
const stack = stackConfig(readEnv(localEnv), repoRoot);
const db = createDb(cfg.service.databaseUrl, { max: 2 });
afterAll(() => db.close());

describe("faults", () => {
  it.runIf(cfg.kafkaOwned)(
    "delivers every event accepted while Kafka was down, once it is back",
    async () => {
      const staff = await login("staff.us@teamkorea.dev");
      const hq = await login("hq@teamkorea.dev");
      const refs = [uniqueRef("KDOWN"), uniqueRef("KDOWN"), uniqueRef("KDOWN")];
      await stopComponent(stack, "kafka", () => undefined);
      try {
        for (const caseRef of refs) {
          const r = await call("POST", "/v1/events", { token: staff, body: detectedEvent({ caseRef }) });
          expect(r.status, JSON.stringify(r.body)).toBe(202);
        }
        // Accepted and waiting in the outbox; nothing reached a workflow.
        expect(await outboxBacklog(db)).toBeGreaterThanOrEqual(refs.length);
        await new Promise((r) => setTimeout(r, 2000));
        for (const caseRef of refs) {
          const w = await call("GET", `/v1/workflows/${encodeURIComponent(workflowIdOf("US", caseRef))}`, { token: hq });
          expect(w.status).toBe(404);
        }
      } finally {
        await startComponent(stack, "kafka", () => undefined);
      }
      for (const caseRef of refs) {
        await eventually(
          `task for ${caseRef} after Kafka returned`,
          async () => (await call("GET", `/v1/workflows/${encodeURIComponent(workflowIdOf("US", caseRef))}`, { token: hq })).status === 200,
          90_000,
          500,
        );
      }
      expect(await outboxBacklog(db)).toBe(0);
    },
    150_000,
  );

  it("completes a joint task when the worker is killed in the middle of it", async () => {
    const caseRef = uniqueRef("KILL");
    const { workflowId, approval, head, staff } = await openCase(caseRef);
    expect((await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "approve" } })).status).toBe(200);
    const assignments = await eventually("assignments", async () => {
      const a = await assignmentsOf(workflowId);
      return a.length === 3 ? a : undefined;
    });

    const pidFile = path.join(stack.home, "run", `test-worker-${cfg.apiPort}.pid`);
    const killed = Number(readFileSync(pidFile, "utf8"));
    process.kill(killed, "SIGKILL");

    // Agencies keep working while no worker runs; the supervisor brings a new one up.
    const tokens: Record<string, string> = {
      "KOTRA-US": await login("kotra.us@teamkorea.dev"),
      MOTIE: await login("motie@teamkorea.dev"),
      "EMB-US": staff,
    };
    for (const a of assignments) {
      const token = tokens[a.org] as string;
      expect([200, 202]).toContain((await call("POST", `/v1/assignments/${a.id}/ack`, { token })).status);
    }
    const restarted = await eventually("a new worker process", async () => {
      const pid = Number(readFileSync(pidFile, "utf8"));
      return pid !== killed ? pid : undefined;
    });
    expect(restarted).not.toBe(killed);
    for (const a of assignments) {
      const token = tokens[a.org] as string;
      await eventually(`${a.org} acknowledged`, async () => (await assignmentsOf(workflowId)).find((x) => x.id === a.id)?.status === "acknowledged");
      expect((await call("POST", `/v1/assignments/${a.id}/complete`, { token, body: { report: `Done by ${a.org}.` } })).status).toBe(200);
    }
    const kotra = tokens["KOTRA-US"] as string;
    expect((await call("POST", "/v1/events", { token: kotra, body: decidedEvent({ caseRef }) })).status).toBe(202);
    const hq = await login("hq@teamkorea.dev");
    const done = await eventually(
      "completed task",
      async () => {
        const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: hq });
        return r.body.status === "completed" ? r.body : undefined;
      },
      60_000,
    );
    expect(done.closingReport.reports.map((r: { report: string }) => r.report).sort()).toEqual([
      "Done by EMB-US.",
      "Done by KOTRA-US.",
      "Done by MOTIE.",
    ]);
    // Each action happened once despite the crash and retries.
    const history = (await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}/history`, { token: hq })).body.entries;
    expect(history.filter((e: { action: string }) => e.action === "assignment.ack")).toHaveLength(3);
    expect(history.filter((e: { action: string }) => e.action === "assignment.complete")).toHaveLength(3);
  }, 150_000);
});
