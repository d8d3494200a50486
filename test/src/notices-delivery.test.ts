/**
 * When e-mail notices go out: quiet hours hold a notice until they end; a digest reader gets
 * notices arriving together as one message; a mail server down for a while delays notices but
 * loses none, sends none twice, and slows neither the workflows nor the API.
 */

import { workflowIdFor } from "@hub/contracts";
import { createDb, sql } from "@hub/db";
import { readStackEnv as readEnv, stackConfig, startComponent, stopComponent } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { afterAll, describe, expect, it } from "vitest";
import { noticeConfig, readRelayEnv } from "../../services/relay/src/env";
import { mailTransport, sendDueNotices } from "../../services/relay/src/notices/loop";
import { call, cfg, decide, detectedEvent, eventually, inDays, login, pendingApproval, uniqueRef, workflowIdOf } from "./support/hub";
import { mailArrives, mailsWith, mailTo } from "./support/mailpit";

// The launcher's own view of the stack (without the endpoints npm test exported for the services).
const { DATABASE_URL: _d, KAFKA_BROKERS: _k, TEMPORAL_ADDRESS: _t, HUB_SMTP_URL: _s, ...localEnv } = process.env;
const stack = stackConfig(readEnv(localEnv), repoRoot);
const db = createDb(cfg.service.databaseUrl, { max: 2 });
afterAll(() => db.close());
// The relay's notice settings, as npm test gives them to the hub under test (its Mailpit).
const notices = noticeConfig(readRelayEnv());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

async function setPrefs(email: string, body: Record<string, unknown>) {
  const r = await call("PUT", "/v1/me/notifications", { token: await login(email), body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** A mission's own plan with these assignments, approved by its head; resolves to its workflow id. */
async function approvedPlan(country: string, mission: string, ref: string, assignments: { org: string; task: string }[]): Promise<string> {
  const r = await call("POST", "/v1/plans", {
    token: await login(`staff.${mission}@teamkorea.dev`),
    body: { country, planRef: ref, title: `Notice timing ${ref}`, summary: "s", assignments: assignments.map((a) => ({ ...a, dueOn: inDays(20) })) },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const workflowId = workflowIdFor("mission-plan", country, ref);
  const approval = await pendingApproval(`head.${mission}@teamkorea.dev`, workflowId);
  expect((await decide(`head.${mission}@teamkorea.dev`, approval.id, "approve")).status).toBe(200);
  return workflowId;
}

async function medianMs(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)] as number;
}

describe("when notices go out", () => {
  it("holds a non-urgent notice through the recipient's quiet hours and sends it when they end", async () => {
    // Quiet for three hours from this minute, on the UTC clock: the hub's own relay holds the
    // notice well past this test; a round of the relay's sending code, told the time instead of
    // waiting for it, sends it at the end of the quiet hours and not a minute before.
    const now = Date.now();
    const until = now - (now % 60_000) + 3 * 3_600_000;
    await setPrefs("kto.cn@teamkorea.dev", { timeZone: "UTC", quietHours: { from: hhmm(now), until: hhmm(until) }, delivery: "instant" });
    const transport = mailTransport(notices) as NonNullable<ReturnType<typeof mailTransport>>;
    try {
      const ref = uniqueRef("QUIET");
      await approvedPlan("CN", "cn", ref, [{ org: "KTO-CN", task: `Tourism promotion ${ref}` }]);
      // Made (the fact expanded into a notice for KTO-CN) and held until the quiet hours end.
      const held = await eventually("KTO-CN's notice, held", async () => {
        const row = await db.one<{ id: string; dueAt: Date }>(sql`
          SELECT n.id::text AS id, n.due_at AS "dueAt" FROM notices n JOIN users u ON u.id = n.recipient_id
          WHERE u.email = 'kto.cn@teamkorea.dev' AND n.data->>'ref' = ${workflowIdFor("mission-plan", "CN", ref)}`);
        return row ?? undefined;
      });
      expect(held.dueAt.getTime()).toBe(until);
      const mailer = { db, cfg: notices, log: () => undefined, transport };
      const status = async () => (await db.one<{ status: string }>(sql`SELECT status FROM notices WHERE id = ${held.id}::bigint`))?.status;

      // A minute before the end: not due, not sent.
      await sendDueNotices(mailer, new Date(until - 60_000));
      expect(await status()).toBe("pending");
      // At the end: sent, once. Rounds of BATCH go oldest first, and notices of other tests due by
      // then (the database outlives one run) may fill the first; each round sends one more batch.
      for (let round = 0; round < 20 && (await status()) !== "sent"; round++) if ((await sendDueNotices(mailer, new Date(until))) === 0) break;
      expect(await status()).toBe("sent");
      const sent = await mailArrives("kto.cn@teamkorea.dev", ref, "새 업무 배정", 30_000);
      expect(sent.noticeIds).toEqual([held.id]);
      await sendDueNotices(mailer, new Date(until + 60_000));
      expect(await mailTo("kto.cn@teamkorea.dev", ref)).toHaveLength(1);
    } finally {
      transport.close();
      await setPrefs("kto.cn@teamkorea.dev", { quietHours: null });
    }
  }, 90_000);

  it("bundles three assignments that arrive together into one digest", async () => {
    await setPrefs("kcc.jp@teamkorea.dev", { delivery: "digest", quietHours: null });
    try {
      const ref = uniqueRef("DIGEST");
      const tasks = ["Film screening", "Photo exhibition", "Calligraphy workshop"].map((t) => `${t} ${ref}`);
      await approvedPlan(
        "JP",
        "jp",
        ref,
        tasks.map((task) => ({ org: "KCC-JP", task })),
      );
      const digest = await mailArrives("kcc.jp@teamkorea.dev", ref, "[팀코리아] 알림 3건", 30_000);
      for (const task of tasks) {
        expect(digest.text).toContain(task);
        expect(digest.html).toContain(task);
      }
      expect(digest.noticeIds).toHaveLength(3);
      await pause(2000);
      expect(await mailTo("kcc.jp@teamkorea.dev", ref)).toHaveLength(1);
    } finally {
      await setPrefs("kcc.jp@teamkorea.dev", { delivery: "instant" });
    }
  }, 90_000);

  it.runIf(cfg.mailpitOwned)(
    "delivers every notice once Mailpit is back, none twice, and the workflow and API keep their pace while it is down",
    async () => {
      const head = await login("head.us@teamkorea.dev");
      const staff = await login("staff.us@teamkorea.dev");
      const read = () => call("GET", "/v1/approvals?status=pending&limit=50", { token: head });
      const before = await medianMs(15, read);
      const caseRef = uniqueRef("MAILDOWN");
      const workflowId = workflowIdOf("US", caseRef);

      await stopComponent(stack, "mailpit", () => undefined);
      let during: number;
      try {
        const t0 = Date.now();
        const posted = await call("POST", "/v1/events", { token: staff, body: detectedEvent({ caseRef, commentDeadline: inDays(60) }) });
        expect(posted.status).toBe(202);
        const approval = await pendingApproval("head.us@teamkorea.dev", workflowId);
        // The workflow reached the head's decision as fast as ever (a mail server is never waited for).
        expect(Date.now() - t0).toBeLessThan(15_000);
        expect((await decide("head.us@teamkorea.dev", approval.id, "approve")).status).toBe(200);
        during = await medianMs(15, read);
        // The notices exist and have been tried (and failed) while the server was away.
        await eventually(
          "notices tried while Mailpit is down",
          async () => {
            const row = await db.one<{ n: number }>(
              sql`SELECT count(*)::int AS n FROM notices WHERE workflow_id = ${workflowId} AND status = 'pending' AND attempts > 0`,
            );
            return (row?.n ?? 0) > 0;
          },
          20_000,
        );
      } finally {
        await startComponent(stack, "mailpit", () => undefined);
      }
      expect(during).toBeLessThan(before * 3 + 50);

      await mailArrives("head.us@teamkorea.dev", caseRef, "결재 요청", 60_000);
      for (const r of ["head.us", "staff.us", "kotra.us", "motie"]) await mailArrives(`${r}@teamkorea.dev`, caseRef, "새 업무 배정", 60_000);
      const made = await db.query<{ id: string; status: string; email: string }>(
        sql`SELECT id::text AS id, status, email FROM notices WHERE workflow_id = ${workflowId}`,
      );
      // Everyone the notices were for (two or three people at each organisation of the task).
      const recipients = [...new Set(made.map((n) => n.email))];
      await eventually("every notice of the case sent", async () => {
        const rows = await db.query<{ status: string }>(sql`SELECT status FROM notices WHERE workflow_id = ${workflowId}`);
        return rows.every((r) => r.status === "sent");
      });
      await pause(2000);
      const delivered = (await Promise.all(recipients.map((r) => mailTo(r, caseRef)))).flat().flatMap((m) => m.noticeIds);
      // Each notice in exactly one delivered message.
      expect(new Set(delivered).size).toBe(delivered.length);
      expect(new Set(delivered)).toEqual(new Set(made.map((n) => n.id)));
      expect(await mailsWith("head.us@teamkorea.dev", caseRef, "결재 요청")).toHaveLength(1);
    },
    180_000,
  );
});
