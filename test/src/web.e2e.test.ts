/**
 * The web app in a real browser (headless Chromium) against the hub under test: a head of mission
 * approves a trade-restriction plan in the approval inbox, and the KOTRA and MOTIE staff, signed in
 * in browser contexts of their own, see their assignments appear without reloading; mission staff
 * trying to decide get the API's refusal as its sentence; KOTRA opens the task and its history, and
 * another mission's head, by direct URL, gets a "not yours" page. Every page
 * visited passes axe-core (no serious or critical violation) in both languages; each test saves a
 * screenshot under .hub/screenshots/. Skipped, with the reason, where /usr/bin/chromium is missing
 * (npm test says how to install it).
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, openInboxItem, screenshot, signedIn } from "./support/browser";
import { apiUrl, openCase, uniqueRef } from "./support/hub";

/**
 * Once the live stream is connected the app refreshes lists only on its events (and every 60 s
 * for safety), so anything appearing within this bound arrived over the stream.
 */
const LIVE_MS = 10_000;

describe.skipIf(!existsSync(CHROMIUM_PATH))("web app in a browser", () => {
  let browser: Browser;
  /** The task the head approves, which the later tests open. */
  let approvedTask: string | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("signs in from the development page: accounts grouped by organisation, accessible", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${apiUrl}/`);
    await page.waitForURL("**/sign-in");
    await expect.poll(() => page.getByRole("heading", { level: 2, name: /EMB-US/ }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("button", { name: "head.us@teamkorea.dev" }).count()).toBe(1);
    await expectAccessible(page, "sign-in (ko)");
    await screenshot(page, "sign-in-ko");
    await page.context().close();
  });

  it("a head approves a trade-restriction plan; KOTRA and MOTIE staff see their assignments appear without reloading", async () => {
    const caseRef = uniqueRef("WEB");
    // The staff are on their inboxes before the plan exists: what appears later arrives live.
    const kotra = await signedIn(browser, "kotra.us@teamkorea.dev");
    const motie = await signedIn(browser, "motie@teamkorea.dev", { width: 390 }); // a phone
    for (const p of [kotra, motie]) {
      await p.getByRole("heading", { level: 1, name: "업무함" }).waitFor();
      await p.getByRole("status").filter({ hasText: "실시간 반영 중" }).waitFor({ timeout: LIVE_MS });
    }

    const { workflowId } = await openCase(caseRef);
    approvedTask = workflowId;
    // Mission staff see the approval but may not decide it: the API's 403 is shown as its own sentence.
    const staff = await signedIn(browser, "staff.us@teamkorea.dev");
    await staff.getByRole("link", { name: "결재함", exact: true }).click();
    const seen = await openInboxItem(staff, workflowId, LIVE_MS);
    await seen.getByRole("button", { name: "승인", exact: true }).click({ timeout: LIVE_MS });
    await seen.getByRole("alert").filter({ hasText: "Only the head of EMB-US may decide this approval" }).waitFor({ timeout: LIVE_MS });
    await staff.context().close();
    const head = await signedIn(browser, "head.us@teamkorea.dev");
    await head.getByRole("heading", { level: 1, name: "결재함" }).waitFor();
    const card = await openInboxItem(head, workflowId, LIVE_MS);
    // The plan in full: each organisation's assignment with its due date.
    // Organisations by name, each with its code beside it.
    for (const org of ["KOTRA-US", "MOTIE", "EMB-US"])
      await expect.poll(() => card.getByRole("cell", { name: new RegExp(`^\\S.* ${org}$`) }).count()).toBe(1);
    expect(await card.getByText(/남음|기한 지남/).count()).toBeGreaterThan(0);
    await expectAccessible(head, "approval inbox (ko)");
    await card.scrollIntoViewIfNeeded();
    await screenshot(head, "head-approvals-ko");

    await card.getByLabel("의견").fill("영향 평가를 서둘러 주세요.");
    await card.getByRole("button", { name: "승인", exact: true }).click();
    // Decided: the plan stays open, saying so, with nothing left to press; the list no longer holds it.
    await card.getByRole("status").filter({ hasText: "결재를 기록했습니다." }).waitFor({ timeout: LIVE_MS });
    expect(await card.getByRole("button", { name: "승인", exact: true }).count()).toBe(0);
    await head.getByRole("row").filter({ hasText: workflowId }).waitFor({ state: "detached", timeout: LIVE_MS });

    for (const [page, name] of [
      [kotra, "kotra-assignments-ko"],
      [motie, "motie-assignments-phone-ko"],
    ] as [Page, string][]) {
      const item = await openInboxItem(page, workflowId, LIVE_MS);
      expect(await item.getByRole("button", { name: "접수", exact: true }).count()).toBe(1);
      // In the deadline line only: a workflow id can hold "D-" and a digit by chance (its base-36 time).
      expect(
        await item
          .locator(".deadline")
          .getByText(/D-\d+|오늘 마감/)
          .count(),
      ).toBe(1);
      await expectAccessible(page, `${name}`);
      // Nothing wider than the screen, phone included.
      expect(await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth"), `${name} scrolls sideways`).toBeLessThanOrEqual(
        0,
      );
      await item.scrollIntoViewIfNeeded();
      await screenshot(page, name);
    }

    // KOTRA acknowledges: the card stays, now offering progress, completion and decline.
    const item = kotra.getByRole("article").filter({ hasText: workflowId });
    await item.waitFor();
    await item.getByRole("button", { name: "접수", exact: true }).click();
    await item.getByRole("button", { name: "진행 보고", exact: true }).waitFor({ timeout: LIVE_MS });
    expect(await item.getByRole("button", { name: "접수", exact: true }).count()).toBe(0);
    // Completing without a report is stopped with a sentence, before the API is asked.
    await item.getByRole("button", { name: "완료", exact: true }).click();
    await item.getByRole("alert").filter({ hasText: "먼저" }).waitFor();

    for (const p of [kotra, motie, head]) await p.context().close();
  }, 120_000);

  it('an assignment links to its task and history; another mission\'s head gets a "not yours" page by direct URL', async () => {
    expect(approvedTask, "the previous test approved a task").toBeDefined();
    const workflowId = approvedTask as string;
    const kotra = await signedIn(browser, "kotra.us@teamkorea.dev");
    const item = await openInboxItem(kotra, workflowId, LIVE_MS);
    await item.getByRole("link").first().click();
    await kotra.waitForURL(`**/tasks/${encodeURIComponent(workflowId)}`);
    await kotra.getByRole("heading", { level: 2, name: "이력" }).waitFor();
    await expect.poll(() => kotra.locator(".history li").count(), { timeout: LIVE_MS }).toBeGreaterThan(0);
    await expect.poll(() => kotra.getByRole("cell", { name: /^\S.* KOTRA-US$/ }).count()).toBe(1);
    await expectAccessible(kotra, "task page (ko)");
    await screenshot(kotra, "kotra-task-ko");

    // Another mission's head, by direct URL: a clear "not yours" page, nothing of the task.
    const other = await signedIn(browser, "head.jp@teamkorea.dev");
    await other.goto(`/tasks/${encodeURIComponent(workflowId)}`);
    await other.getByRole("heading", { level: 1, name: "볼 수 없는 업무입니다" }).waitFor();
    expect(await other.getByText(workflowId).count()).toBe(0);
    await expectAccessible(other, "not-yours page (ko)");
    await screenshot(other, "head-jp-not-yours-ko");

    for (const p of [kotra, other]) await p.context().close();
  }, 120_000);

  it("the language toggle switches every label between Korean and English, and both pass axe-core", async () => {
    const page = await signedIn(browser, "kotra.us@teamkorea.dev");
    await page.getByRole("heading", { level: 1, name: "업무함" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    await page.getByRole("button", { name: "English", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Assignments" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    for (const name of ["한국어", "Sign out"]) expect(await page.getByRole("button", { name, exact: true }).count(), name).toBe(1);
    expect(await page.getByRole("link", { name: "Approvals", exact: true }).count()).toBe(1);
    if (await page.getByRole("article").count())
      expect(await page.getByRole("button", { name: /^(Acknowledge|Report progress)$/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, "assignment inbox (en)");
    await screenshot(page, "kotra-assignments-en");
    await page.getByRole("button", { name: "한국어", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "업무함" }).waitFor();
    await page.getByRole("button", { name: "로그아웃", exact: true }).click();
    await page.waitForURL("**/sign-in");
    await page.context().close();
  });
});
