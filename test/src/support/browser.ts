/**
 * Headless Chromium for the browser tests: Debian's `chromium` (npm test installs it when missing,
 * packages/devstack/src/chromium.ts) driven through playwright-core, which downloads no browser.
 * Each launch gets a fresh temporary profile (playwright creates and removes one per launch);
 * each person signs in in a context of their own, as separate browsers would.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { CHROMIUM_PATH } from "@hub/devstack/chromium";
import { repoRoot } from "@hub/devstack/hub-services";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { apiUrl } from "./hub";

export { CHROMIUM_PATH };

const SCREENSHOTS = path.join(repoRoot, ".hub", "screenshots");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true, // playwright adds --headless
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A person's own browser context and page, signed in through the development sign-in page with one click. */
export async function signedIn(browser: Browser, email: string, opts: { width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: apiUrl, viewport: { width: opts.width ?? 1280, height: 900 }, locale: "ko-KR" });
  const page = await context.newPage();
  await page.goto("/");
  await page.waitForURL("**/sign-in");
  await page.getByRole("button", { name: email }).click();
  await expect.poll(() => page.url()).not.toContain("/sign-in");
  return page;
}

/**
 * An inbox item opened in detail, as a person finds it: newest first (what a test just made is on
 * the first page however many others wait), its row clicked, its card returned. Waits for the row
 * to arrive, so a page opened before the item existed sees it appear live.
 */
export async function openInboxItem(page: Page, text: string, timeout = 30_000): Promise<Locator> {
  const order = page.getByLabel(/^(정렬|Order)$/);
  await order.waitFor({ timeout });
  if ((await order.inputValue()) !== "newest") await order.selectOption("newest");
  const row = page.getByRole("row").filter({ hasText: text });
  await row.first().waitFor({ timeout });
  await row.first().getByRole("button").first().click();
  const card = page.getByRole("article").filter({ hasText: text });
  await card.waitFor({ timeout });
  return card;
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
    what,
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
