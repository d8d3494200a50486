/**
 * The notice preferences page in a real browser (headless Chromium) against the hub under test: a
 * person of their own (added through the admin route, so no seeded account's choices change)
 * chooses English, digests and quiet hours and saves them; the API then answers exactly those; a
 * time zone the server does not know is refused with the field named, and nothing changes.
 * Every state passes axe-core.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, screenshot, signedIn } from "./support/browser";
import { call, login } from "./support/hub";

const EMAIL = `prefs-${Date.now().toString(36)}@teamkorea.dev`;

describe.skipIf(!existsSync(CHROMIUM_PATH))("notice preferences in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    const added = await call("POST", "/v1/admin/people", {
      token: await login("admin@teamkorea.dev"),
      body: { email: EMAIL, name: "Prefs tester", posting: { org: "KOTRA-US", role: "AGENCY_STAFF", from: "2020-01-01" } },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => browser?.close());

  it("saves language, delivery and quiet hours, and refuses an unknown time zone naming the field", async () => {
    const page = await signedIn(browser, EMAIL);
    try {
      await page.getByRole("link", { name: "알림 설정" }).click();
      await expect.poll(() => page.url()).toMatch(/\/me\/notifications$/);
      await page.getByRole("heading", { name: "이메일 알림 설정" }).waitFor();
      // The defaults: Korean, one message each, the office's clock, no quiet hours.
      expect(await page.getByLabel("내 시간대").inputValue()).toBe("America/New_York");
      await expectAccessible(page, "notice preferences (ko)");

      await page.getByLabel("알림 언어").selectOption("en");
      await page.getByLabel("가까운 시간의 알림을 모아 한 통으로").check();
      await page.getByLabel("방해 금지 시간 사용").check();
      await page.getByLabel("시작", { exact: true }).fill("21:30");
      await page.getByLabel("종료", { exact: true }).fill("06:45");
      await page.getByRole("button", { name: "저장" }).click();
      await page.getByRole("status").filter({ hasText: "저장했습니다." }).waitFor();
      await expectAccessible(page, "notice preferences saved (ko)");
      await screenshot(page, "prefs-saved-ko");
      const token = await login(EMAIL);
      const saved = await call("GET", "/v1/me/notifications", { token });
      expect(saved.body).toEqual({
        language: "en",
        delivery: "digest",
        timeZone: "America/New_York",
        quietHours: { from: "21:30", until: "06:45" },
        urgentBypassesQuiet: true,
      });

      // A zone the server does not know: the 400's field and sentence on the page; nothing stored.
      await page.getByLabel("내 시간대").fill("Mars/Olympus_Mons");
      await page.getByRole("button", { name: "저장" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("timeZone is not a time zone this server knows");
      await expectAccessible(page, "notice preferences refused (ko)");
      expect((await call("GET", "/v1/me/notifications", { token })).body).toEqual(saved.body);

      await page.getByRole("button", { name: "English", exact: true }).click();
      await page.getByRole("heading", { name: "E-mail notice settings" }).waitFor();
      await expectAccessible(page, "notice preferences (en)");
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
