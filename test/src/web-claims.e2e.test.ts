/**
 * Taking an assignment from the organisation's queue in a real browser (headless Chromium): two
 * officers of KOTRA's Washington centre (kotra.us, kotra2.us) see an assignment of a case of this
 * test's own as nobody's; the first takes it, and both then see who holds it (the second without
 * the button to take it); the first gives it back. Every state passes axe-core.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, openInboxItem, screenshot, signedIn } from "./support/browser";
import { decide, openCase, uniqueRef } from "./support/hub";

const ARRIVE_MS = 30_000;

describe.skipIf(!existsSync(CHROMIUM_PATH))("the organisation's queue in a browser", () => {
  let browser: Browser;
  let workflowId: string;
  beforeAll(async () => {
    const opened = await openCase(uniqueRef("WEBCLAIM"));
    workflowId = opened.workflowId;
    expect((await decide("head.us@teamkorea.dev", opened.approval.id, "approve")).status).toBe(200);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => browser?.close());

  const card = (page: Page) => openInboxItem(page, workflowId, ARRIVE_MS);

  it("one officer takes it and gives it back; the other sees who holds it", async () => {
    const first = await signedIn(browser, "kotra.us@teamkorea.dev");
    const second = await signedIn(browser, "kotra2.us@teamkorea.dev");
    try {
      await first.getByLabel("보기").selectOption("unclaimed");
      await (await card(first)).getByText("담당자 없음 (기관 대기 목록)").waitFor();
      await expectAccessible(first, "assignment inbox, nobody's (ko)");
      await (await card(first)).getByRole("button", { name: "맡기", exact: true }).click();
      await first.getByLabel("보기").selectOption("me");
      await (await card(first)).getByText(/^담당: /).waitFor({ timeout: ARRIVE_MS });
      expect(await (await card(first)).getByRole("button", { name: "반납", exact: true }).count()).toBe(1);
      await screenshot(first, "kotra-claimed-ko");

      const seen = await card(second);
      await seen.getByText(/^담당: /).waitFor({ timeout: ARRIVE_MS });
      expect(await seen.getByRole("button", { name: "맡기", exact: true }).count()).toBe(0);
      expect(await seen.getByRole("button", { name: "반납", exact: true }).count()).toBe(0);
      await expectAccessible(second, "assignment inbox, a colleague's (ko)");

      await (await card(first)).getByRole("button", { name: "반납", exact: true }).click();
      await first.getByLabel("보기").selectOption("unclaimed");
      await (await card(first)).getByText("담당자 없음 (기관 대기 목록)").waitFor({ timeout: ARRIVE_MS });
    } finally {
      for (const p of [first, second]) await p.context().close();
    }
  }, 120_000);
});
