/**
 * The Team Korea board and the missions overview in a real browser against the hub under test.
 * The head of the Hungarian mission keeps the board open while mission staff, in a browser context
 * of their own, complete the mission's overdue assignment: the board moves without a reload (the
 * live stream carries the change to the head). HQ opens the overview, finds Hungary with its
 * counts, the cycle-time chart and the late completion among the SLA breaches, and opens
 * Hungary's board from the grid. axe-core on both pages in Korean and English; screenshots
 * under .hub/screenshots/. Skipped, with the reason, where /usr/bin/chromium is missing.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvedBoardPlan, type BoardPlan } from "./support/board-plan";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, openInboxItem, screenshot, signedIn } from "./support/browser";
import { call, login, uniqueRef } from "./support/hub";

/** Within this the change came over the stream: without it the app refreshes only every 60 s. */
const LIVE_MS = 10_000;

const noSidewaysScroll = async (page: Page, what: string) =>
  expect(await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth"), `${what} scrolls sideways`).toBeLessThanOrEqual(0);

describe.skipIf(!existsSync(CHROMIUM_PATH))("Team Korea board and missions overview in a browser", () => {
  let browser: Browser;
  let plan: BoardPlan;
  beforeAll(async () => {
    browser = await launchBrowser();
    plan = await approvedBoardPlan(uniqueRef("WEBBOARD"));
  }, 120_000);
  afterAll(async () => browser?.close());

  it("the head's board changes without a reload when mission staff complete the overdue assignment", async () => {
    const head = await signedIn(browser, "head.hu@teamkorea.dev");
    await head.getByRole("link", { name: "팀코리아 현황", exact: true }).click();
    await head.getByRole("heading", { level: 1, name: "팀코리아 현황: HU" }).waitFor();
    await head.getByRole("status").filter({ hasText: "실시간 반영 중" }).waitFor({ timeout: LIVE_MS });
    const card = head.getByRole("article").filter({ hasText: plan.title });
    await card.waitFor({ timeout: LIVE_MS });
    await card.getByText("배정 2건 중 0건 완료").waitFor();
    await card.getByText("기한 초과 1건").waitFor();
    const overdueRow = head.getByRole("row").filter({ hasText: plan.overdueTask });
    await overdueRow.waitFor();
    expect(await overdueRow.getByRole("cell", { name: "1일", exact: true }).count()).toBe(1);
    expect(await head.getByRole("heading", { level: 3, name: /^EMB-HU \(\d+건\)$/ }).count()).toBe(1);
    await expectAccessible(head, "board (ko)");
    await card.scrollIntoViewIfNeeded();
    await screenshot(head, "head-board-ko");
    // A mark on the page's window: still there afterwards means the board changed without a reload.
    await head.evaluate("window.__boardStayed = true");

    // Mission staff, in their own browser, on a phone: acknowledge and complete the overdue assignment.
    const staff = await signedIn(browser, "staff.hu@teamkorea.dev", { width: 390 });
    await staff.getByRole("heading", { level: 1, name: "업무함" }).waitFor();
    const item = await openInboxItem(staff, plan.overdueTask, LIVE_MS);
    await item.getByRole("button", { name: "접수", exact: true }).click();
    await item.getByRole("button", { name: "완료", exact: true }).waitFor({ timeout: LIVE_MS });
    await item.getByLabel("메모·보고·사유").fill("하루 늦게 명단을 보냈습니다.");
    await item.getByRole("button", { name: "완료", exact: true }).click();
    await item.waitFor({ state: "detached", timeout: LIVE_MS });

    await card.getByText("배정 2건 중 1건 완료").waitFor({ timeout: LIVE_MS });
    await overdueRow.waitFor({ state: "detached", timeout: LIVE_MS });
    expect(await card.getByText(/기한 초과/).count()).toBe(0);
    expect(await head.evaluate("window.__boardStayed")).toBe(true);

    // The staff's own board, phone-sized: nothing wider than the screen.
    await staff.getByRole("link", { name: "팀코리아 현황", exact: true }).click();
    await staff.getByRole("heading", { level: 1, name: "팀코리아 현황: HU" }).waitFor();
    await staff.getByRole("article").filter({ hasText: plan.title }).waitFor({ timeout: LIVE_MS });
    await noSidewaysScroll(staff, "board on a phone");
    await screenshot(staff, "staff-board-phone-ko");

    await head.getByRole("button", { name: "English", exact: true }).click();
    await head.getByRole("heading", { level: 1, name: "Team Korea board: HU" }).waitFor();
    await card.getByText("1 of 2 assignments completed").waitFor();
    await expectAccessible(head, "board (en)");
    await screenshot(head, "head-board-en");
    for (const p of [head, staff]) await p.context().close();
  }, 120_000);

  it("HQ sees Hungary with its counts on the overview, the cycle times and the late completion, and opens Hungary's board", async () => {
    const hq = await signedIn(browser, "hq@teamkorea.dev");
    await hq.getByRole("link", { name: "재외공관 현황", exact: true }).click();
    await hq.getByRole("heading", { level: 1, name: "재외공관 현황" }).waitFor();
    const expected = (await call("GET", "/v1/overview", { token: await login("hq@teamkorea.dev") })).body;
    const hu = expected.countries.find((c: any) => c.country === "HU");
    expect(hu.running).toBeGreaterThanOrEqual(1);
    const huCard = hq.getByRole("listitem").filter({ has: hq.getByRole("link", { name: "HU 현황판 보기", exact: true }) });
    await huCard.getByText(/^진행 중 \d+건$/).waitFor();
    // The page shows the API's numbers (allowing for other work landing in between).
    const shown = Number((await huCard.getByText(/^진행 중 \d+건$/).textContent())?.match(/\d+/)?.[0]);
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(await huCard.getByText(/^기한 초과 \d+건$/).count()).toBe(1);

    const orgChart = hq.getByRole("figure", { name: "기관별 처리 기간" });
    await orgChart.waitFor();
    expect(await orgChart.getByRole("rowheader", { name: "EMB-HU", exact: true }).count()).toBe(1);
    const breach = hq.getByRole("row").filter({ has: hq.getByRole("link", { name: plan.title, exact: true }) });
    await breach.first().waitFor();
    expect(await breach.filter({ hasText: "배정 지연 완료" }).count()).toBe(1);
    await expectAccessible(hq, "overview (ko)");
    await screenshot(hq, "hq-overview-ko");

    // The period narrows the breaches: one that ended before the completion leaves it out.
    await hq.getByLabel("종료일").fill("2020-01-01");
    await hq.getByRole("button", { name: "적용", exact: true }).click();
    await hq.waitForURL("**/overview?to=2020-01-01");
    await breach.first().waitFor({ state: "detached", timeout: LIVE_MS });
    await hq.getByRole("button", { name: "기간 지우기", exact: true }).click();
    await breach.first().waitFor({ timeout: LIVE_MS });

    await hq.getByRole("button", { name: "English", exact: true }).click();
    await hq.getByRole("heading", { level: 1, name: "Missions overview" }).waitFor();
    await hq.getByRole("figure", { name: "Cycle time by organisation" }).waitFor();
    await expectAccessible(hq, "overview (en)");
    await screenshot(hq, "hq-overview-en");

    await hq.getByRole("link", { name: "Open the HU board", exact: true }).click();
    await hq.getByRole("heading", { level: 1, name: "Team Korea board: HU" }).waitFor();
    await hq.getByRole("article").filter({ hasText: plan.title }).waitFor({ timeout: LIVE_MS });
    await hq.getByRole("button", { name: "한국어", exact: true }).click();
    await hq.context().close();
  }, 120_000);
});
