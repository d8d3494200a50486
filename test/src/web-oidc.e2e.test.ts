/**
 * Single sign-on in a real browser: a second API, built in-process in HUB_AUTH=oidc mode over the
 * test database and serving the built web app on a fixed port (whose origin the launcher's
 * Keycloak realm accepts as a redirect target), and headless Chromium signing in through
 * Keycloak's own login form (authorization code + PKCE). A seeded head lands on the approval
 * inbox, with no token left in web storage; agency staff land on theirs; someone Keycloak knows
 * but the directory does not sees the refusal page (axe-core, Korean and English); sign-out ends
 * Keycloak's session too, so the next sign-in asks for the password again. Screenshots under
 * .hub/screenshots/. Skipped, like the other browser tests, where /usr/bin/chromium is missing.
 */
import { existsSync } from "node:fs";
import { DEV_PASSWORD, OUTSIDER_EMAIL, SHORT_LIVED_CLIENT } from "@hub/seeds";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, screenshot } from "./support/browser";
import { cfg } from "./support/hub";
import { inProcessApi } from "./support/in-process-api";

const issuer = cfg.keycloakIssuer;
const base = `http://127.0.0.1:${cfg.oidcApiPort}`;
/** Redirects through Keycloak and back are local, but Keycloak's first login of a run is slow. */
const STEP_MS = 20_000;

describe.skipIf(!existsSync(CHROMIUM_PATH))("single sign-on in the web app (HUB_AUTH=oidc)", () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!process.env.HUB_WEB_DIR) throw new Error("HUB_WEB_DIR is not set: run the browser tests with 'npm test', which builds the web app");
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  /** The second API, in HUB_AUTH=oidc mode, on the one port Keycloak returns browsers to (one suite at a time). */
  function oidcApiWhile(env: Record<string, string>) {
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const api = await inProcessApi({ HUB_AUTH: "oidc", OIDC_ISSUER: issuer, ...env });
      close = api.close;
      await api.app.listen({ host: "127.0.0.1", port: cfg.oidcApiPort });
    });
    afterAll(async () => close?.());
  }

  const newPage = async (width = 1280) => {
    const context = await browser.newContext({ baseURL: base, viewport: { width, height: 900 }, locale: "ko-KR" });
    // Every step of every page is bounded, so a step that hangs fails with its own message (which
    // step, what it waited for) before the test's timeout does, with no word of where it stood.
    context.setDefaultTimeout(STEP_MS);
    context.setDefaultNavigationTimeout(STEP_MS);
    return context.newPage();
  };

  /** From the hub's sign-in page to Keycloak's login form (asserting it is Keycloak's, on the issuer's origin). */
  async function toLoginForm(page: Page) {
    await page.getByRole("button", { name: "통합 로그인으로 계속" }).click();
    await page.waitForURL((u) => u.href.startsWith(`${issuer}/protocol/openid-connect/auth`), { timeout: STEP_MS });
    const url = new URL(page.url());
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("redirect_uri")).toBe(`${base}/auth/callback`);
    for (const p of ["code_challenge", "state", "nonce"]) expect(url.searchParams.get(p)?.length ?? 0, p).toBeGreaterThanOrEqual(32);
    await page.locator("#username").waitFor({ timeout: STEP_MS });
  }

  /** Fills in Keycloak's real login form and comes back to the hub. */
  async function submitLogin(page: Page, email: string) {
    await page.locator("#username").fill(email);
    await page.locator("#password").fill(DEV_PASSWORD);
    await page.locator("#kc-login").click();
    await page.waitForURL((u) => u.origin === base && !u.pathname.startsWith("/auth/callback"), { timeout: STEP_MS });
  }

  async function signIn(email: string, width?: number) {
    const page = await newPage(width);
    await page.goto("/");
    await page.waitForURL("**/sign-in");
    await toLoginForm(page);
    await submitLogin(page, email);
    return page;
  }

  /** No token anywhere a script could find it after the tab is gone: storage holds nothing JWT-shaped. */
  const storedTokens = (page: Page) =>
    page.evaluate<string[]>(
      '[sessionStorage, localStorage].flatMap((s) => Object.keys(s).map((k) => k + "=" + s.getItem(k))).filter((kv) => /eyJ[\\w-]+\\.[\\w-]+/.test(kv))',
    );

  describe("with the hub's browser client", () => {
    oidcApiWhile({});

    it("the app's policy lets it reach the provider's origin and nothing else", async () => {
      const res = await fetch(`${base}/sign-in`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain(`connect-src 'self' ${new URL(issuer).origin};`);
      expect(csp).not.toMatch(/\*|unsafe-inline/);
    });

    it("a head signs in on Keycloak's login form, lands on the approval inbox, and signing out ends Keycloak's session", async () => {
      const page = await newPage();
      await page.goto("/");
      await page.waitForURL("**/sign-in");
      await page.getByRole("heading", { level: 1, name: "로그인" }).waitFor();
      await expectAccessible(page, "sso sign-in (ko)");
      await screenshot(page, "oidc-sign-in-ko");
      await toLoginForm(page);
      await screenshot(page, "oidc-keycloak-login");
      await submitLogin(page, "head.us@teamkorea.dev");

      // The access token went to the API as Bearer: the inbox and the person's name came back.
      await page.getByRole("heading", { level: 1, name: "결재함" }).waitFor({ timeout: STEP_MS });
      expect(new URL(page.url()).pathname).toBe("/approvals");
      await page
        .getByText(/공관장/)
        .first()
        .waitFor();
      expect(await storedTokens(page)).toEqual([]);
      await screenshot(page, "oidc-head-approvals-ko");

      await page.getByRole("button", { name: "로그아웃", exact: true }).click();
      await page.waitForURL(`${base}/signed-out`, { timeout: STEP_MS });
      await page.getByRole("status").filter({ hasText: "통합 로그인 세션도 끝났습니다" }).waitFor();
      await screenshot(page, "oidc-signed-out-ko");
      // Keycloak forgot the person: signing in again shows its login form, not an instant return.
      await toLoginForm(page);
      expect(await page.locator("#password").isVisible()).toBe(true);
      await page.context().close();
    });

    it("agency staff land on their assignment inbox", async () => {
      const page = await signIn("kotra.us@teamkorea.dev", 390); // a phone
      await page.getByRole("heading", { level: 1, name: "업무함" }).waitFor({ timeout: STEP_MS });
      expect(new URL(page.url()).pathname).toBe("/assignments");
      await page.context().close();
    });

    it("someone Keycloak knows but the directory does not sees a clear refusal in both languages, with a way out", async () => {
      const page = await signIn(OUTSIDER_EMAIL);
      await page.getByRole("heading", { level: 1, name: "팀코리아 허브에 등록되지 않은 계정입니다" }).waitFor({ timeout: STEP_MS });
      const main = page.getByRole("main");
      await main.getByText(`${OUTSIDER_EMAIL} 계정으로 통합 로그인에는 성공했지만`).waitFor();
      await main.getByText("허브 관리자에게").waitFor();
      await expectAccessible(page, "not in the directory (ko)");
      await screenshot(page, "oidc-not-in-directory-ko");

      await page.getByRole("button", { name: "English", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Your account is not registered in Team Korea Hub" }).waitFor();
      await main.getByText(`You signed in through single sign-on as ${OUTSIDER_EMAIL}`).waitFor();
      await main.getByText("Ask your mission's or organisation's hub administrator").waitFor();
      await expectAccessible(page, "not in the directory (en)");
      await screenshot(page, "oidc-not-in-directory-en");

      await main.getByRole("button", { name: "Sign out", exact: true }).click();
      await page.waitForURL(`${base}/signed-out`, { timeout: STEP_MS });
      await page.getByRole("status").filter({ hasText: "your single sign-on session has ended too" }).waitFor();
      await page.context().close();
    });

    it("refuses a return from the provider that this tab did not start, or whose state is not the one it sent", async () => {
      const page = await newPage();
      const forged = (state: string) => `/auth/callback?${new URLSearchParams({ code: "forged", state, iss: issuer })}`;
      await page.goto(forged("forged"));
      await page.getByRole("heading", { level: 1, name: "로그인하지 못했습니다" }).waitFor({ timeout: STEP_MS });
      await page.getByRole("alert").filter({ hasText: "was not started from this tab" }).waitFor();
      await page.getByRole("link", { name: "다시 로그인" }).click();
      await page.waitForURL("**/sign-in");

      // Started here (verifier, state and nonce kept for the redirect), but the return carries another state.
      await toLoginForm(page);
      await page.goto(`${base}${forged("not-the-state-we-sent")}`);
      await page.getByRole("alert").filter({ hasText: /state/ }).waitFor({ timeout: STEP_MS });
      expect(await storedTokens(page)).toEqual([]);
      // The attempt is spent: nothing is left to replay.
      expect(await page.evaluate<number>("sessionStorage.length")).toBe(0);
      await page.context().close();
    });
  });

  describe("with one-second access tokens (the short-lived client)", () => {
    oidcApiWhile({ OIDC_CLIENT_ID: SHORT_LIVED_CLIENT });

    it(
      "renews the access token silently, and signs out saying so once the provider's session ends elsewhere",
      async () => {
        const page = await newPage();
        const bearers = new Set<string>();
        page.on("request", (r) => {
          const auth = r.headers().authorization;
          if (r.url().startsWith(`${base}/v1/`) && auth) bearers.add(auth);
        });
        await page.goto("/");
        await page.waitForURL("**/sign-in");
        await toLoginForm(page);
        expect(new URL(page.url()).searchParams.get("client_id")).toBe(SHORT_LIVED_CLIENT);
        await submitLogin(page, "head.us@teamkorea.dev");
        await page.getByRole("heading", { level: 1, name: "결재함" }).waitFor({ timeout: STEP_MS });

        // Past the first token's expiry and the API's 5 s tolerance: the app still works, on renewed tokens.
        await page.waitForTimeout(8_000);
        await page.getByRole("link", { name: "업무함", exact: true }).click();
        await page.getByRole("heading", { level: 1, name: "업무함" }).waitFor({ timeout: STEP_MS });
        expect(page.url()).not.toContain("/sign-in");
        expect(bearers.size).toBeGreaterThan(1);
        for (const b of bearers) expect(b).toMatch(/^Bearer eyJ/);
        expect(await storedTokens(page)).toEqual([]);

        // The person logs out at Keycloak in another tab: the next renewal is refused, and the app says so.
        const other = await page.context().newPage();
        await other.goto(`${issuer}/protocol/openid-connect/logout`);
        await other.locator("#kc-logout").click();
        // Keycloak's answer is left to load and the tab open until the context closes: closing a tab
        // while a navigation commits can hang Chromium's close for good (playwright#42366), and did so
        // here once, in a fresh-clone run, for the rest of the test's budget.
        await other.waitForLoadState("load");
        await page.waitForURL("**/sign-in", { timeout: STEP_MS });
        await page.getByRole("status").filter({ hasText: "로그인이 만료되어 로그아웃되었습니다" }).waitFor();
        await screenshot(page, "oidc-expired-ko");
        await page.context().close();
        // Bounded by its steps (a dozen, each at most STEP_MS, and the 8 s wait), not by the default
        // 60 s: on a busy machine the sign-in, the wait and the renewals together took longer. A step
        // that really hangs fails with its own message well before this.
      },
      14 * STEP_MS + 8_000,
    );
  });
});
