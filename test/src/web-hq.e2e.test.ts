/**
 * The HQ reviewer in a real browser (headless Chromium) against the hub under test: a trade case
 * whose title carries a Korean word found nowhere else is approved (with a comment holding commas
 * and quotes) and cancelled through the API; HQ finds it on the search page by that word and the
 * closed status, opens its timeline (the decision with who made it, the cancel with its reason,
 * the raw Temporal link), exports the history as CSV (BOM, quoting, Korean kept exact, one row
 * per entry, formula guard) and looks at the printed page. Search and timeline pass axe-core in
 * Korean and English; screenshots under .hub/screenshots/. Skipped where /usr/bin/chromium is missing.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, screenshot, signedIn } from "./support/browser";
import { call, decide, detectedEvent, historyOf, login, pendingApproval, taskIn, uniqueRef, workflowIdOf } from "./support/hub";

/** A Korean word no other task's title holds: four random Hangul syllables after a fixed stem. */
const koreanWord = () => `시험${Array.from({ length: 4 }, () => String.fromCodePoint(0xac00 + Math.floor(Math.random() * 11172))).join("")}`;

/** RFC 4180 as spreadsheet apps read it: every field quoted (quotes doubled), commas between, CRLF after each row. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const field = /"((?:[^"]|"")*)"(,|\r\n)/y;
  let row: string[] = [];
  while (field.lastIndex < text.length) {
    const at = field.lastIndex;
    const m = field.exec(text);
    if (!m) throw new Error(`not a quoted field at ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
    row.push((m[1] ?? "").replace(/""/g, '"'));
    if (m[2] === "\r\n") {
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) throw new Error("the last row does not end with CRLF");
  return rows;
}

describe.skipIf(!existsSync(CHROMIUM_PATH))("HQ reviewer in a browser: search, timeline, CSV export, print", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("finds a closed task by a Korean word of its title, opens its timeline and exports it as CSV", async () => {
    const word = koreanWord();
    const caseRef = uniqueRef("HQ");
    const workflowId = workflowIdOf("US", caseRef);
    const comment = '영향 평가를 서둘러 주세요, "긴급" 건입니다.';
    const reason = "=중복 접수, 같은 사안이 이미 진행 중입니다.";

    // A trade case titled with the word, approved with a comment, then cancelled by the head: closed.
    const event = detectedEvent({ caseRef });
    event.data.products = [{ hsCode: "7208.51", description: `${word} 열연강판` }];
    const posted = await call("POST", "/v1/events", { token: await login("staff.us@teamkorea.dev"), body: event });
    expect(posted.status).toBe(202);
    const approval = await pendingApproval("head.us@teamkorea.dev", workflowId);
    expect((await decide("head.us@teamkorea.dev", approval.id, "approve", comment)).status).toBe(200);
    await taskIn(workflowId, "in_progress");
    const cancelled = await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/cancel`, {
      token: await login("head.us@teamkorea.dev"),
      body: { reason },
    });
    expect([200, 202], JSON.stringify(cancelled.body)).toContain(cancelled.status);
    await taskIn(workflowId, "cancelled");

    const hq = await signedIn(browser, "hq@teamkorea.dev");
    await hq.getByRole("link", { name: "업무 검색", exact: true }).click();
    await hq.getByRole("heading", { level: 1, name: "업무 검색" }).waitFor();
    await hq.getByLabel("제목의 낱말", { exact: true }).fill(word);
    await hq.getByLabel("상태", { exact: true }).selectOption("cancelled");
    await hq.getByRole("button", { name: "검색", exact: true }).click();
    const results = hq.getByRole("heading", { level: 2, name: "검색 결과" }).locator("..").getByRole("listitem");
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(1);
    const found = results.getByRole("link", { name: new RegExp(word) });
    expect(await found.count()).toBe(1);
    expect(await results.getByText("취소됨").count()).toBe(1);
    await expectAccessible(hq, "search (ko)");
    await screenshot(hq, "hq-search-ko");

    // The timeline: the head's decision with its comment, the cancel with its reason, the raw history link.
    await found.click();
    await hq.waitForURL(`**/tasks/${encodeURIComponent(workflowId)}`);
    const timeline = hq.getByRole("list", { name: "업무 이력 타임라인" });
    await timeline.waitFor();
    const approved = timeline.getByRole("listitem").filter({ hasText: "승인" }).filter({ hasText: "head.us@teamkorea.dev" });
    await approved.getByText(comment, { exact: true }).waitFor();
    const cancel = timeline.getByRole("listitem").filter({ hasText: "업무 취소" });
    await cancel.getByText(reason, { exact: true }).waitFor();
    expect(await hq.getByRole("link", { name: "Temporal 원본 이력" }).count()).toBe(1);
    await expectAccessible(hq, "task timeline (ko)");
    await screenshot(hq, "hq-timeline-ko");

    // CSV: downloaded from the page, one row per history entry, Korean and quotes exact.
    const entries = await historyOf(workflowId);
    const [download] = await Promise.all([hq.waitForEvent("download"), hq.getByRole("button", { name: "CSV로 내보내기", exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(`${workflowId.replace(/:/g, "_")}-history.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8").slice(1));
    const [header, ...body] = rows as [string[], ...string[][]];
    expect(header).toEqual(["시각(UTC)", "시각(서울)", "구분", "기록", "코드", "처리자", "기관", "대리한 공관장", "의견·내용·사유", "세부(JSON)"]);
    expect(body.map((r) => r[4])).toEqual(entries.map((e) => e.action));
    expect(body.map((r) => r[0])).toEqual(entries.map((e) => e.at));
    const decided = body.find((r) => r[4] === "approval.approved");
    expect(decided?.slice(2, 7)).toEqual(["결재", "승인", "approval.approved", "head.us@teamkorea.dev", "EMB-US"]);
    expect(decided?.[8]).toBe(comment);
    // A reason that starts like a formula is kept, behind the apostrophe spreadsheets read as "text".
    const cancelRow = body.find((r) => r[4] === "task.cancelled");
    expect(cancelRow?.[8]).toBe(`'${reason}`);
    expect(JSON.parse(cancelRow?.[9] ?? "").reason).toBe(reason);
    await hq.getByRole("status").filter({ hasText: "내려받았습니다" }).waitFor();

    // The printed page: no banner or buttons, the task and its timeline stay.
    await hq.emulateMedia({ media: "print" });
    expect(await hq.locator("header.banner").isVisible()).toBe(false);
    expect(await hq.getByRole("button", { name: "인쇄", exact: true }).isVisible()).toBe(false);
    expect(await timeline.isVisible()).toBe(true);
    await screenshot(hq, "hq-timeline-print-ko");
    await hq.emulateMedia({ media: "screen" });

    // English: the same page and the search, every label switched, still accessible.
    await hq.getByRole("button", { name: "English", exact: true }).click();
    await hq.getByRole("list", { name: "Task history timeline" }).waitFor();
    expect(await hq.getByRole("button", { name: "Export CSV", exact: true }).count()).toBe(1);
    await expectAccessible(hq, "task timeline (en)");
    await hq.getByRole("link", { name: "Search tasks", exact: true }).click();
    await hq.getByRole("button", { name: "Search", exact: true }).waitFor();
    await expectAccessible(hq, "search (en)");
    await hq.getByRole("button", { name: "한국어", exact: true }).click();
    await hq.context().close();
  }, 90_000);
});
