/**
 * Files on the task page, in a real browser (headless Chromium): a KOTRA officer opens a US task
 * whose plan carries an HWPX and a PDF sent through the API, sees both listed with what they are
 * attached to and who sent them, and downloads each: the browser saves it under the name it was
 * given (Korean kept), byte for byte. The page passes axe-core. Skipped where /usr/bin/chromium is missing.
 */
import { existsSync, readFileSync } from "node:fs";
import { hwpxFile, pdfFile, pngFile } from "@hub/api/file-fixtures";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, screenshot, signedIn } from "./support/browser";
import { upload } from "./support/files";
import { decide, openCase, taskIn, uniqueRef } from "./support/hub";

describe.skipIf(!existsSync(CHROMIUM_PATH))("files on the task page in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("lists a task's files and downloads each under its own name, byte for byte", async () => {
    const { workflowId, approval, staff } = await openCase(uniqueRef("WEBFILES"));
    expect((await decide("head.us@teamkorea.dev", approval.id, "approve")).status).toBe(200);
    await taskIn(workflowId, "in_progress");
    const sent = [
      { name: "수입규제 대응 계획.hwpx", bytes: hwpxFile("대응 계획"), type: "application/hwp+zip" },
      { name: "impact assessment.pdf", bytes: pdfFile(`impact ${uniqueRef()}`), type: "application/pdf" },
    ];
    for (const f of sent) expect((await upload(staff, workflowId, { ...f, attach: "plan:1" })).status).toBe(201);

    const kotra = await signedIn(browser, "kotra.us@teamkorea.dev");
    await kotra.goto(`/tasks/${encodeURIComponent(workflowId)}`);
    await kotra.getByRole("heading", { level: 2, name: "첨부 파일" }).waitFor();
    const rows = kotra.getByRole("table", { name: "첨부 파일" }).getByRole("row");
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => rows.nth(1).textContent()).toContain("계획 1차안");
    await expectAccessible(kotra, "the task page with its files");
    await screenshot(kotra, "task-files-ko");

    for (const f of sent) {
      const [download] = await Promise.all([
        kotra.waitForEvent("download"),
        kotra.getByRole("button", { name: `${f.name} 내려받기`, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(f.name);
      expect(readFileSync(await download.path()).equals(f.bytes), f.name).toBe(true);
    }

    // KOTRA attaches its report's file from the page: listed once stored, what it is attached to said.
    const form = kotra.getByRole("form", { name: "파일 첨부" });
    const kotraReport = await form.locator("option", { hasText: "KOTRA-US 결과 보고" }).first().getAttribute("value");
    await form.getByLabel("첨부 대상").selectOption(kotraReport ?? "");
    const report = { name: `현장 보고 ${uniqueRef()}.pdf`, mimeType: "application/pdf", buffer: pdfFile("field report") };
    await form.getByLabel("파일", { exact: true }).setInputFiles(report);
    await expectAccessible(kotra, "the task page's attach form");
    await form.getByRole("button", { name: "첨부", exact: true }).click();
    await form.getByRole("status").filter({ hasText: "첨부했습니다." }).waitFor();
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.filter({ hasText: report.name }).filter({ hasText: "KOTRA-US 결과 보고" }).count()).toBe(1);

    // A picture named and typed as a PDF: refused in the API's words, nothing listed.
    await form.getByLabel("파일", { exact: true }).setInputFiles({ name: "not really.pdf", mimeType: "application/pdf", buffer: pngFile() });
    await form.getByRole("button", { name: "첨부", exact: true }).click();
    await form
      .getByRole("alert")
      .filter({ hasText: /^첨부하지 못했습니다: .*PNG/ })
      .waitFor();
    expect(await rows.count()).toBe(4);
    await kotra.context().close();
  });
});
