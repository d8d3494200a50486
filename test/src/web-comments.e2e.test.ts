/**
 * A task's discussion in a real browser (headless Chromium): KOTRA's Washington officer comments
 * on a US case of this test's own with markup and a mention; the text shows exactly, as text (no
 * element is made of it); a mention of another country's head is refused with the API's sentence
 * and the text stays in the box; the author edits (the earlier text kept) and deletes (a tombstone);
 * the head of mission sees the comment by its author's name with no buttons to change it. Every
 * state passes axe-core.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, screenshot, signedIn } from "./support/browser";
import { openCase, uniqueRef } from "./support/hub";

const ARRIVE_MS = 30_000;

describe.skipIf(!existsSync(CHROMIUM_PATH))("a task's discussion in a browser", () => {
  let browser: Browser;
  let taskUrl: string;
  beforeAll(async () => {
    const opened = await openCase(uniqueRef("WEBTALK"));
    taskUrl = `/tasks/${encodeURIComponent(opened.workflowId)}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => browser?.close());

  it("comments as text, refuses a mention of an outsider, edits and deletes; others read it by name", async () => {
    const kotra = await signedIn(browser, "kotra.us@teamkorea.dev");
    const head = await signedIn(browser, "head.us@teamkorea.dev");
    try {
      await kotra.goto(taskUrl);
      const box = kotra.getByLabel("댓글", { exact: true });
      await box.waitFor({ timeout: ARRIVE_MS });
      await expectAccessible(kotra, "task page with an empty discussion (ko)");

      // Another country's head may not see this task: refused, in the API's words, and nothing posted.
      await box.fill("@head.jp@teamkorea.dev 의견 있으신가요?");
      await kotra.getByRole("button", { name: "댓글 달기" }).click();
      await kotra.getByRole("alert").filter({ hasText: "@head.jp@teamkorea.dev cannot be mentioned" }).waitFor({ timeout: ARRIVE_MS });
      expect(await box.inputValue()).toBe("@head.jp@teamkorea.dev 의견 있으신가요?");
      expect(await kotra.locator(".comments > li").count()).toBe(0);

      const text = `<img src=x onerror="document.title='pwned'"> @head.us@teamkorea.dev 피해 기업 목록\n  둘째 줄`;
      await box.fill(text);
      await kotra.getByRole("button", { name: "댓글 달기" }).click();
      const comment = kotra.locator(".comments > li").first();
      await comment.locator(".comment-body").waitFor({ timeout: ARRIVE_MS });
      expect(await comment.locator(".comment-body").textContent()).toBe(text);
      expect(await kotra.locator(".comments img").count()).toBe(0);
      expect(await kotra.title()).not.toBe("pwned");
      // Whom it mentions, by name.
      expect(await comment.locator(".comment-mentions").textContent()).not.toContain("@");
      await expectAccessible(kotra, "a comment posted (ko)");

      // The author edits: the earlier text is kept under "이전 내용".
      await comment.getByRole("button", { name: "수정", exact: true }).click();
      await comment.getByLabel("댓글").fill("수정한 내용");
      await comment.getByRole("button", { name: "수정 저장" }).click();
      await comment.getByText("수정한 내용").waitFor({ timeout: ARRIVE_MS });
      await comment.getByText("· 수정됨").waitFor();
      await comment.getByText("이전 내용 1건").click();
      expect(await comment.locator(".comment-revisions .comment-body").textContent()).toBe(text);
      await screenshot(kotra, "kotra-discussion-ko");

      // The head reads it by the author's name, and may not change it.
      await head.goto(taskUrl);
      const seen = head.locator(".comments > li").first();
      await seen.getByText("수정한 내용").waitFor({ timeout: ARRIVE_MS });
      expect(await seen.locator("strong").textContent()).not.toContain("@");
      for (const name of ["수정", "삭제"]) expect(await seen.getByRole("button", { name, exact: true }).count()).toBe(0);
      await expectAccessible(head, "someone else's comment (ko)");

      // Deleted: a tombstone for everyone but HQ.
      kotra.once("dialog", (d) => void d.accept());
      await comment.getByRole("button", { name: "삭제", exact: true }).click();
      await comment.getByText("삭제된 댓글입니다.").waitFor({ timeout: ARRIVE_MS });
      expect(await comment.locator(".comment-body").count()).toBe(0);
    } finally {
      for (const p of [kotra, head]) await p.context().close();
    }
  }, 120_000);
});
