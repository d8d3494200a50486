/**
 * The language walk: every page of the web app, for the roles that see it, in Korean and in
 * English (headless Chromium against the hub under test). On each page:
 * - no label is missing: the app's i18next reports a missing key on the console (i18n.ts), and
 *   no raw key (`board.title`) is visible;
 * - the English page shows no Korean outside user data — text that came from the API (titles,
 *   comments, names), except the Korean twins `titleKo`/`taskKo`/`nameKo` — and the toggle named
 *   한국어 (marked lang="ko");
 * - axe-core finds no serious or critical violation.
 * The routes are read from the app's own route tables (App.tsx, SignedOutRoutes.tsx), so a route
 * added without an entry in WALK fails this test. Screenshots of each page in both languages.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@hub/devstack/hub-services";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, openInboxItem, screenshot, signedIn } from "./support/browser";
import { apiUrl, call, decide, login, openCase, taskIn, uniqueRef } from "./support/hub";

const WEB = path.join(repoRoot, "apps", "web", "src");

/** Every route path of the app's route tables (constants such as CALLBACK_PATH resolved from oidc.ts). */
function appRoutes(): string[] {
  const constants = new Map<string, string>();
  const oidc = path.join(WEB, "oidc.ts");
  if (existsSync(oidc)) for (const m of readFileSync(oidc, "utf8").matchAll(/export const (\w+) = "([^"]+)"/g)) constants.set(m[1] ?? "", m[2] ?? "");
  const routes = new Set<string>();
  for (const file of ["App.tsx", "SignedOutRoutes.tsx"]) {
    const f = path.join(WEB, file);
    if (!existsSync(f)) continue;
    for (const m of readFileSync(f, "utf8").matchAll(/<Route\s+path=(?:"([^"]+)"|\{(\w+)\})/g)) {
      const p = m[1] ?? constants.get(m[2] ?? "") ?? `unresolved ${m[2]}`;
      if (p !== "*") routes.add(p);
    }
  }
  return [...routes].sort();
}

/** Who walks each route (null: signed out), and the address (a task route needs a task). */
interface Visit {
  who: string | null;
  url: (ctx: { taskId: string; personId: string }) => string;
}
const at = (url: string) => () => url;
const WALK: Record<string, Visit[]> = {
  "/sign-in": [{ who: null, url: at("/sign-in") }],
  "/signed-out": [{ who: null, url: at("/signed-out") }],
  "/auth/callback": [{ who: null, url: at("/auth/callback") }],
  "/approvals": [
    { who: "head.us@teamkorea.dev", url: at("/approvals") },
    { who: "hq@teamkorea.dev", url: at("/approvals") },
  ],
  "/assignments": [{ who: "kotra.us@teamkorea.dev", url: at("/assignments") }],
  "/tasks/:id": [
    { who: "head.us@teamkorea.dev", url: ({ taskId }) => `/tasks/${encodeURIComponent(taskId)}` },
    { who: "hq@teamkorea.dev", url: ({ taskId }) => `/tasks/${encodeURIComponent(taskId)}` },
  ],
  "/plans/new": [{ who: "staff.us@teamkorea.dev", url: at("/plans/new") }],
  // A Korean word of a title the template wrote finds the task (its Korean title is searched too).
  "/search": [{ who: "hq@teamkorea.dev", url: at(`/search?country=US&q=${encodeURIComponent("반덤핑")}`) }],
  "/board": [{ who: "head.us@teamkorea.dev", url: at("/board") }],
  "/overview": [{ who: "hq@teamkorea.dev", url: at("/overview") }],
  "/directory/orgs": [{ who: "admin@teamkorea.dev", url: at("/directory/orgs") }],
  "/directory/orgs/:code": [{ who: "hq@teamkorea.dev", url: at("/directory/orgs/CG-LA") }],
  "/directory/people": [{ who: "head.us@teamkorea.dev", url: at("/directory/people") }],
  "/directory/people/:id": [{ who: "admin@teamkorea.dev", url: ({ personId }) => `/directory/people/${personId}` }],
  "/directory/file": [{ who: "admin@teamkorea.dev", url: at("/directory/file") }],
  "/directory/audit": [{ who: "hq@teamkorea.dev", url: at("/directory/audit") }],
  "/delegations": [
    { who: "head.us@teamkorea.dev", url: at("/delegations") },
    { who: "staff.us@teamkorea.dev", url: at("/delegations") },
  ],
  "/me/notifications": [{ who: "kcc.jp@teamkorea.dev", url: at("/me/notifications") }],
};

/** API fields holding the Korean twin of a text: never to be shown on the English page. */
const KOREAN_TWINS = new Set(["titleKo", "taskKo", "nameKo"]);
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+/g;

/** Strings the API sent this page (user data), collected from every JSON answer. */
function collectApiText(page: Page): Set<string> {
  const seen = new Set<string>();
  const walk = (v: unknown, key?: string) => {
    if (typeof v === "string") {
      if (!key || !KOREAN_TWINS.has(key)) seen.add(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  page.on("response", async (res) => {
    if (!res.url().includes("/v1/") || !(res.headers()["content-type"] ?? "").includes("json")) return;
    try {
      walk(await res.json());
    } catch {
      // a body already gone (navigation): nothing to learn from it
    }
  });
  return seen;
}

/** The console's reports of missing labels (i18n.ts sends them there). */
function collectMissingKeys(page: Page): string[] {
  const missing: string[] = [];
  page.on("console", (m) => {
    if (m.text().startsWith("[i18n] missing")) missing.push(m.text());
  });
  return missing;
}

/** The page once loaded: its heading shown and nothing still loading. */
async function settled(page: Page) {
  await page.locator("main h1").first().waitFor({ timeout: 15_000 });
  await expect.poll(() => page.locator('main [aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(300);
}

/** Visible text nodes, each with whether it sits inside an element marked lang="ko". */
// Runs in the page (a string: the test package has no DOM types).
const TEXT_NODES = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent || "").trim();
    if (!el || !text || el.closest("script,style,[hidden]") || el.getClientRects().length === 0) continue;
    out.push({ text, ko: el.closest('[lang="ko"]') !== null });
  }
  return out;
})()`;
const textNodes = (page: Page) => page.evaluate<{ text: string; ko: boolean }[]>(TEXT_NODES);

/** A raw key such as `board.title` or `delegation.error403`, once e-mail addresses and URLs are taken out. */
const RAW_KEY = /(?<![\w@./:-])[a-z][a-zA-Z]+\.[a-z][\w]*(?:\.[\w]+)*(?![\w@/-])/g;
const rawKeys = (text: string) =>
  text
    .replace(/\S+@\S+/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .match(RAW_KEY) ?? [];

async function checkPage(page: Page, lang: "ko" | "en", what: string, apiText: Set<string>, missing: string[]) {
  await settled(page);
  const nodes = await textNodes(page);
  const keys = nodes.flatMap((n) => rawKeys(n.text).filter((k) => !apiText.has(n.text) && ![...apiText].some((s) => s.includes(k))));
  expect(keys, `${what}: visible raw keys`).toEqual([]);
  expect(missing, `${what}: missing labels`).toEqual([]);
  if (lang === "en") {
    const data = [...apiText];
    const korean = nodes
      .filter((n) => !n.ko)
      .flatMap((n) => (n.text.match(HANGUL) ?? []).filter((run) => !data.some((s) => s.includes(run))).map((run) => `${run} in "${n.text}"`));
    expect(korean, `${what}: Korean on the English page outside user data`).toEqual([]);
  }
  await expectAccessible(page, `${what} (${lang})`);
}

describe.skipIf(!existsSync(CHROMIUM_PATH))("every page in Korean and in English", () => {
  let browser: Browser;
  const ctx = { taskId: "", personId: "" };
  beforeAll(async () => {
    browser = await launchBrowser();
    // A task generated by a kind's template, so its title and tasks exist in both languages;
    // approved, so its assignments are out (KOTRA's in the assignment inbox).
    // Its case ref ends like a file name (".01"): the task page must still load by direct address.
    const opened = await openCase(`${uniqueRef("WEBI18N")}.2026.01`);
    expect((await decide("head.us@teamkorea.dev", opened.approval.id, "approve")).status).toBe(200);
    await taskIn(opened.workflowId, "in_progress");
    ctx.taskId = opened.workflowId;
    ctx.personId = (
      await call("GET", "/v1/directory/people?q=staff.us%40teamkorea.dev", { token: await login("admin@teamkorea.dev") })
    ).body.items[0].id;
  }, 90_000);
  afterAll(async () => browser?.close());

  it("walks every route of the app (a new route needs an entry here)", () => {
    expect(appRoutes()).toEqual(Object.keys(WALK).sort());
  });

  const visits = Object.entries(WALK).flatMap(([route, vs]) => vs.map((v) => ({ route, ...v })));
  it.each(visits)(
    "$route as $who: Korean, then English",
    async ({ route, who, url }) => {
      const page = who ? await signedIn(browser, who) : await (await browser.newContext({ baseURL: apiUrl, locale: "ko-KR" })).newPage();
      try {
        const apiText = collectApiText(page);
        const missing = collectMissingKeys(page);
        await page.goto(url(ctx));
        const name = `walk-${route.replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "")}-${(who ?? "signed-out").split("@")[0]}`;
        await checkPage(page, "ko", `${route} as ${who ?? "signed out"}`, apiText, missing);
        await screenshot(page, `${name}-ko`);
        await page.getByRole("button", { name: "English", exact: true }).click();
        await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
        await checkPage(page, "en", `${route} as ${who ?? "signed out"}`, apiText, missing);
        await screenshot(page, `${name}-en`);
        if (route === "/search") {
          expect(await page.getByRole("link", { name: /^Anti-dumping investigation: / }).count()).toBeGreaterThan(0);
        }
        if (route === "/assignments") {
          // Each item under its task's title, as the template wrote it for the language shown.
          const item = await openInboxItem(page, ctx.taskId);
          expect(await item.getByRole("heading").textContent()).toMatch(/^Anti-dumping investigation: /);
          await page.getByRole("button", { name: "한국어", exact: true }).click();
          await expect.poll(async () => (await item.getByRole("heading").textContent()) ?? "").toMatch(/^반덤핑 조사: /);
          expect(await item.locator(".task").textContent()).toMatch(/반덤핑 조사의 산업 영향을 평가하고/);
        }
        if (route === "/tasks/:id") {
          // The template's texts follow the language: the Korean title in Korean, the English in English.
          const en = (await page.locator("main h1").textContent()) ?? "";
          expect(en).toMatch(/^Anti-dumping investigation: /);
          await page.getByRole("button", { name: "한국어", exact: true }).click();
          await expect.poll(async () => (await page.locator("main h1").textContent()) ?? "").toMatch(/^반덤핑 조사: /);
          expect(await page.getByRole("cell", { name: /산업 영향을 평가하고 피해 한국 기업을 파악합니다/ }).count()).toBeGreaterThan(0);
        }
      } finally {
        await page.context().close();
      }
    },
    90_000,
  );
});
