/**
 * The acting-head page in a real browser (headless Chromium) against the hub under test: Budapest's
 * head (head.hu) names the mission officer (staff.hu) acting head on /delegations — after the
 * API's 400 for a window in the past, shown as a sentence saying what to do; the officer, in a
 * browser context of their own, finds the pending plan in their approval inbox and approves it;
 * the task's timeline says "on behalf of" the head; the head revokes the delegation after a
 * confirmation, and from then on the officer's decision is refused. Hungary's mission is used by no
 * other browser test, so the delegation (live only while this test runs) lets nobody else decide.
 * Every page visited passes axe-core; screenshots under .hub/screenshots/.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, openInboxItem, screenshot, signedIn } from "./support/browser";
import { call, inDays, login, pendingApproval, taskIn, uniqueRef } from "./support/hub";

const HEAD = "head.hu@teamkorea.dev";
const STAFF = "staff.hu@teamkorea.dev";
/** An event travels API → Kafka → worker → read model before an inbox can show it. */
const ARRIVE_MS = 30_000;

/** Revokes every delegation of the mission still in force or to come (one left by an interrupted run). */
async function revokeOpenDelegations() {
  const token = await login(HEAD);
  const r = await call("GET", "/v1/delegations", { token });
  for (const d of r.body.items as { id: string; revokedAt: string | null; until: string }[]) {
    if (!d.revokedAt && d.until >= inDays(-1)) expect((await call("DELETE", `/v1/delegations/${d.id}`, { token })).status).toBe(200);
  }
}

/** A mission plan for Hungary, submitted by the head through the API, awaiting the head's approval. */
async function pendingPlan(): Promise<{ workflowId: string; approvalId: string }> {
  const r = await call("POST", "/v1/plans", {
    token: await login(HEAD),
    body: {
      country: "HU",
      planRef: uniqueRef("WEBDELEG"),
      title: `헝가리 수교 기념 리셉션 ${uniqueRef("D")}`,
      summary: "Reception for the anniversary of relations, decided by the acting head.",
      assignments: [{ org: "EMB-HU", task: "Hold the reception.", dueOn: inDays(20) }],
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const approval = await pendingApproval(HEAD, r.body.workflowId);
  return { workflowId: r.body.workflowId, approvalId: approval.id };
}

describe.skipIf(!existsSync(CHROMIUM_PATH))("acting-head delegation in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    await revokeOpenDelegations();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await revokeOpenDelegations();
  });

  it("a head names the officer acting head, the officer decides on the head's behalf, the head revokes", async () => {
    const { workflowId, approvalId } = await pendingPlan();
    const head = await signedIn(browser, HEAD);
    await head.getByRole("link", { name: "대리 지정", exact: true }).click();
    await head.getByRole("heading", { level: 1, name: "대리 지정" }).waitFor();
    const form = head.getByRole("form", { name: "새 대리 지정" });
    await form.getByLabel("직무대리").selectOption(STAFF);

    // A window in the past: the API's 400, as a sentence saying what to do.
    await form.getByLabel("시작일").fill("2000-01-01");
    await form.getByLabel("종료일").fill("2000-01-02");
    await form.getByRole("button", { name: "대리 지정", exact: true }).click();
    await form
      .getByRole("alert")
      .filter({ hasText: /^입력한 내용을 고쳐 다시 지정해 주세요: .*from/ })
      .waitFor();
    // A last day before the first is said before anything is sent.
    await form.getByLabel("시작일").fill(inDays(2));
    await form.getByLabel("종료일").fill(inDays(1));
    await form.getByRole("button", { name: "대리 지정", exact: true }).click();
    await form.getByRole("alert").filter({ hasText: "종료일이 시작일보다 앞섭니다. 종료일을 시작일 이후로 고쳐 주세요." }).waitFor();

    // Today and tomorrow (UTC days), shown as moments in Budapest and in Seoul.
    await form.getByLabel("시작일").fill(inDays(0));
    await form.getByLabel("종료일").fill(inDays(1));
    const window = (await form.locator("small").textContent()) ?? "";
    expect(window).toMatch(/현지 .+ ~ .+ · 서울 .+ ~ .+/);
    await form.getByRole("button", { name: "대리 지정", exact: true }).click();
    await form.getByRole("status").filter({ hasText: "직무대리로 지정했습니다" }).waitFor();
    const current = head.getByRole("table", { name: "현재·예정된 대리" });
    const row = current.getByRole("row").filter({ hasText: STAFF });
    await row.getByRole("cell", { name: "대리 중", exact: true }).waitFor();
    await expectAccessible(head, "delegation page with an active delegation (ko)");
    await screenshot(head, "head-delegation-ko");

    // The acting head decides in a browser of their own; the timeline says on whose behalf.
    const staff = await signedIn(browser, STAFF);
    await staff.goto("/approvals");
    const card = await openInboxItem(staff, workflowId, ARRIVE_MS);
    await card.getByLabel("의견").fill("공관장 부재 중 직무대리로 승인합니다.");
    await card.getByRole("button", { name: "승인", exact: true }).click();
    await card.getByRole("status").filter({ hasText: "결재를 기록했습니다." }).waitFor({ timeout: ARRIVE_MS });
    await taskIn(workflowId, "in_progress");
    await staff.goto(`/tasks/${encodeURIComponent(workflowId)}`);
    const decided = staff.getByRole("listitem").filter({ hasText: `(${HEAD} 대리)` });
    await decided.first().waitFor({ timeout: ARRIVE_MS });
    expect(await decided.first().textContent()).toContain(STAFF);
    await expectAccessible(staff, "task decided by the acting head (ko)");
    await screenshot(staff, "acting-head-task-ko");

    // The head revokes, after confirming.
    await row.getByRole("button", { name: `${STAFF} 대리 해지`, exact: true }).click();
    const confirm = row.getByRole("group", { name: `${STAFF} 대리 해지` });
    expect(await confirm.textContent()).toContain("해지하면 대리인의 결재가 즉시 거부됩니다");
    // Focus moves to the safe answer, so a keyboard user is not left nowhere.
    await expect.poll(() => head.evaluate("document.activeElement && document.activeElement.textContent")).toBe("취소");
    await expectAccessible(head, "revoke confirmation (ko)");
    await confirm.getByRole("button", { name: "해지 확인", exact: true }).click();
    const past = head.getByRole("table", { name: "지난 대리" });
    await past.getByRole("row").filter({ hasText: STAFF }).first().getByRole("cell", { name: "해지됨", exact: true }).waitFor();
    // The past table may already hold an earlier revoked delegation to the same officer, so the wait
    // above does not prove this revocation is drawn: wait for the row to leave the current table.
    await expect.poll(() => current.getByRole("row").filter({ hasText: STAFF }).count()).toBe(0);

    // In English: the same page, every label translated.
    await head.getByRole("button", { name: "English", exact: true }).click();
    await head.getByRole("heading", { level: 1, name: "Acting head" }).waitFor();
    await head.getByRole("table", { name: "Past" }).getByRole("cell", { name: "Revoked", exact: true }).first().waitFor();
    await expectAccessible(head, "delegation page (en)");
    await screenshot(head, "head-delegation-en");

    // Revoked means refused: the officer may no longer decide the mission's approvals.
    const again = await pendingPlan();
    const refused = await call("POST", `/v1/approvals/${again.approvalId}/decision`, { token: await login(STAFF), body: { decision: "approve" } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(approvalId).not.toBe(again.approvalId);
    const cancelled = await call("POST", `/v1/workflows/${encodeURIComponent(again.workflowId)}/cancel`, {
      token: await login(HEAD),
      body: { reason: "web-delegation test: done" },
    });
    expect(cancelled.status).toBeLessThan(300);
  }, 180_000);
});
