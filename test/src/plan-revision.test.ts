/**
 * Issue 8, defect 4: a revised plan was trusted. Each bad revision the report named (an unknown
 * organisation, MOFA, another country's embassy, a duplicate key, a due date in 1900 or 9999) is
 * refused with the path of the offending assignment and field, at the API and by the task's own
 * Update validator when sent to Temporal directly; nothing is recorded; a good revision still
 * goes through and every assignment of it reaches the read model.
 */
import { connectTemporalClient } from "@hub/temporal";
import { describe, expect, it } from "vitest";
import { call, cfg, eventually, inDays, login, openCase, uniqueRef } from "./support/hub";

describe("plan revisions are checked like plans", () => {
  it("refuses each bad revision with its path, then takes a good one whole", async () => {
    const { workflowId, approval, head, staff } = await openCase(uniqueRef("REVBAD"));
    const sentBack = await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "request_changes" } });
    expect(sentBack.status).toBe(200);
    const base = approval.plan.assignments as { key: string; org: string; task: string; dueOn: string }[];
    const extra = (o: Partial<{ key: string; org: string; dueOn: string }>) => ({
      assignments: [...base, { key: "extra", org: "KOTRA-US", task: "One more part.", dueOn: inDays(10), ...o }],
    });
    const at = `body.plan.assignments.${base.length}`;
    const cases: [string, unknown, string][] = [
      ["an unknown organisation", extra({ org: "NOPE-US" }), `${at}.org`],
      ["MOFA (HQ approves; it takes no assignment)", extra({ org: "MOFA" }), `${at}.org`],
      ["another country's embassy", extra({ org: "EMB-VN" }), `${at}.org`],
      ["a duplicate key", extra({ key: base[0]?.key }), `${at}.key`],
      ["a due date in 1900", extra({ dueOn: "1900-01-01" }), `${at}.dueOn`],
      ["a due date in 9999", extra({ dueOn: "9999-12-31" }), `${at}.dueOn`],
    ];
    const url = `/v1/workflows/${encodeURIComponent(workflowId)}/plan`;
    for (const [what, plan, path] of cases) {
      const r = await call("POST", url, { token: staff, body: { plan } });
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(
        r.body.issues.map((i: { path: string }) => i.path),
        what,
      ).toContain(path);
    }

    // Past the API, straight to Temporal: the Update validator refuses the same plan before it is recorded.
    const temporal = await connectTemporalClient({ address: cfg.service.temporalAddress, namespace: cfg.service.temporalNamespace });
    try {
      const sent = temporal.workflow.getHandle(workflowId).executeUpdate("revisePlan", {
        args: [{ plan: extra({ org: "EMB-VN" }), actor: { email: "staff.us@teamkorea.dev", org: "EMB-US" } }],
      });
      await expect(sent).rejects.toMatchObject({ cause: { type: "Invalid" } });
    } finally {
      await temporal.connection.close();
    }

    const good = extra({});
    expect((await call("POST", url, { token: staff, body: { plan: good, comment: "One more part." } })).status).toBe(202);
    const round2 = await eventually("the second round", async () => {
      const r = await call("GET", "/v1/approvals?status=pending&limit=200", { token: head });
      return r.body.items.find((a: { workflowId: string; round: number }) => a.workflowId === workflowId && a.round === 2);
    });
    expect(round2.plan.assignments.map((a: { key: string }) => a.key)).toEqual(good.assignments.map((a) => a.key));
    expect((await call("POST", `/v1/approvals/${round2.id}/decision`, { token: head, body: { decision: "approve" } })).status).toBe(200);
    // Every assignment the workflow waits on is in the read model (a duplicate key once dropped one).
    const hq = await login("hq@teamkorea.dev");
    const task = await eventually("all assignments out", async () => {
      const t = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: hq });
      return t.body.assignments?.length === good.assignments.length ? t.body : undefined;
    });
    expect(task.assignments.map((a: { key: string }) => a.key).sort()).toEqual(good.assignments.map((a) => a.key).sort());
  });
});
