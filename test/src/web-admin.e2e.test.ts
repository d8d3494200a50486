/**
 * The directory's pages in a real browser (headless Chromium) against the hub under test, in
 * Korean: the administrator finds the KTO office in Los Angeles and its people, opens a person and
 * moves them to the cultural centre there — the confirmation shows the dry run's change (the old
 * posting ends yesterday, the new one starts today), Apply lands it, the timeline shows the new
 * posting; exports the directory from the page, uploads a file that is refused (every problem by
 * row and field, nothing changed), then one with a person renamed — the dry run shows exactly that
 * change, Apply, and the next dry run shows nothing to change; reads the audit (who, before and
 * after, newest first), and the same page in English. Another person's posting is ended and they
 * are deactivated, each after its dry run (a cancelled confirmation changes nothing). An HQ
 * reviewer reads the same pages with no button that changes anything; the Consul General in Los
 * Angeles sees the people of the consulate's own team and no one else's. Three people of this
 * test's own (unique e-mails, added through POST /v1/admin/people) are all it changes. Every page
 * visited passes axe-core; screenshots under .hub/screenshots/.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, expectAccessible, launchBrowser, screenshot, signedIn } from "./support/browser";
import { call, inDays, login, uniqueRef } from "./support/hub";

const ADMIN = "admin@teamkorea.dev";
const HQ = "hq@teamkorea.dev";
const HEAD_LA = "head.la@teamkorea.dev";
const RUN = uniqueRef("webadm").toLowerCase();
const MOVER = { email: `mover-${RUN}@teamkorea.dev`, name: `Web admin mover ${RUN}`, nameKo: "이동 시험자" };
const LEAVER = { email: `leaver-${RUN}@teamkorea.dev`, name: `Web admin leaver ${RUN}`, nameKo: null };
const OUTSIDER = { email: `outsider-${RUN}@teamkorea.dev`, name: `Web admin outsider ${RUN}`, nameKo: null };
const STEP = { timeout: 20_000 };

/** Adds one of this test's people with their first posting, through the admin route. */
async function addPerson(p: { email: string; name: string; nameKo: string | null }, org: string): Promise<string> {
  const token = await login(ADMIN);
  const r = await call("POST", "/v1/admin/people?dryRun=false", {
    token,
    body: { ...p, posting: { org, role: "AGENCY_STAFF", from: "2025-01-01" } },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const found = await call("GET", `/v1/directory/people?q=${encodeURIComponent(p.email)}`, { token });
  expect(found.body.items).toHaveLength(1);
  return found.body.items[0].id;
}

/** The rows of a table, as text. */
const rowsOf = async (page: Page, table: string) => page.getByRole("table", { name: table }).getByRole("row").allTextContents();

describe.skipIf(!existsSync(CHROMIUM_PATH))("the directory's pages in a browser", () => {
  let browser: Browser;
  const ids = { mover: "", outsider: "", leaver: "" };
  const dir = mkdtempSync(path.join(tmpdir(), "web-admin-"));
  beforeAll(async () => {
    ids.mover = await addPerson(MOVER, "KTO-LA");
    ids.outsider = await addPerson(OUTSIDER, "KOTRA-US");
    ids.leaver = await addPerson(LEAVER, "KCC-LA");
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("an administrator finds an office and its people, moves a person after the dry run, imports a file, reads the audit", async () => {
    const admin = await signedIn(browser, ADMIN);

    // Organisations: searched, one opened with its facts and people.
    await admin.getByRole("link", { name: "기관 관리", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "기관 관리" }).waitFor();
    await admin.getByLabel("검색", { exact: true }).fill("KTO-LA");
    await expect.poll(() => admin.getByRole("main").getByRole("link").count()).toBe(1);
    await expectAccessible(admin, "organisations (ko)");
    await admin.getByRole("link", { name: "KTO-LA", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: /^KTO-LA · / }).waitFor();
    const facts = (await admin.locator("dl.facts").textContent()) ?? "";
    expect(facts).toContain("시간대America/Los_Angeles");
    expect(facts).toContain("팀 주관 공관CG-LA");
    expect(facts).toContain("운영 중");
    const people = admin.getByRole("table", { name: "인원 (오늘 기준)" });
    await people.getByRole("row").filter({ hasText: MOVER.email }).waitFor(STEP);
    await expectAccessible(admin, "an organisation (ko)");
    await screenshot(admin, "admin-directory-org-ko");

    // A person: moved to the cultural centre, after the confirmation shows the dry run's change.
    await people.getByRole("link", { name: MOVER.nameKo, exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: MOVER.nameKo }).waitFor();
    const move = admin.getByRole("form", { name: "새 보직으로 이동" });
    await move.getByLabel("새 기관").selectOption("KCC-LA");
    expect(await move.getByLabel("새 역할").inputValue()).toBe("AGENCY_STAFF");
    expect(await move.getByLabel("새 보직 시작일").inputValue()).toBe(inDays(0));
    await move.getByRole("button", { name: "변경 내용 확인", exact: true }).click();
    const confirm = admin.getByRole("region", { name: "새 보직으로 이동: 적용하면 바뀌는 내용" });
    await confirm.waitFor(STEP);
    expect(await confirm.locator("p").first().textContent()).toBe("추가 1건, 변경 0건, 종료 1건, 삭제 0건");
    const planned = await rowsOf(admin, "적용하면 바뀌는 내용");
    const ended = planned.find((r) => r.includes(`${MOVER.email}/KTO-LA/AGENCY_STAFF/2025-01-01`));
    expect(ended, planned.join("\n")).toMatch(new RegExp(`^종료 보직.*until—${inDays(-1)}$`));
    expect(
      planned.find((r) => r.includes(`${MOVER.email}/KCC-LA/AGENCY_STAFF/${inDays(0)}`)),
      planned.join("\n"),
    ).toMatch(/^추가 보직/);
    // Nothing is stored by the dry run.
    const before = await call("GET", `/v1/directory/people/${ids.mover}`, { token: await login(ADMIN) });
    expect(before.body.current.org).toBe("KTO-LA");
    await expectAccessible(admin, "a move's confirmation (ko)");
    await screenshot(admin, "admin-directory-move-ko");
    await confirm.getByRole("button", { name: "적용", exact: true }).click();
    await admin.getByRole("status").filter({ hasText: "적용했습니다: 추가 1건, 변경 0건, 종료 1건, 삭제 0건" }).waitFor(STEP);
    const timeline = admin.getByRole("list", { name: "보직 이력" });
    await expect.poll(async () => (await timeline.getByRole("listitem").allTextContents())[0], STEP).toMatch(/^현재 보직 KCC-LA · 기관 담당자/);
    const postings = await timeline.getByRole("listitem").allTextContents();
    expect(postings).toEqual([`현재 보직 KCC-LA · 기관 담당자${inDays(0)} ~ 계속`, ` KTO-LA · 기관 담당자2025-01-01 ~ ${inDays(-1)}`]);
    const after = await call("GET", `/v1/directory/people/${ids.mover}`, { token: await login(ADMIN) });
    expect(after.body.current).toMatchObject({ org: "KCC-LA", role: "AGENCY_STAFF", from: inDays(0) });
    await screenshot(admin, "admin-directory-person-ko");

    // Import: the page's own export, refused when broken, then with one change.
    await admin.getByRole("link", { name: "가져오기·내보내기", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "가져오기·내보내기" }).waitFor();
    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByRole("button", { name: "내보내기 (JSON)", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`directory-${inDays(0)}.json`);
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    expect(exported.format).toBe("team-korea-hub/directory@1");
    const mine = exported.people.findIndex((p: { email: string }) => p.email === MOVER.email);
    expect(mine).toBeGreaterThanOrEqual(0);

    const broken = structuredClone(exported);
    broken.organizations.push({ ...broken.organizations[0] });
    broken.people[mine].postings[0].until = "2024-01-01"; // before its start: refused too
    const brokenFile = path.join(dir, "broken.json");
    writeFileSync(brokenFile, JSON.stringify(broken));
    await admin.getByLabel("디렉터리 파일", { exact: true }).setInputFiles(brokenFile);
    const refused = admin.getByRole("alert").filter({ hasText: "이 파일은 가져올 수 없습니다" });
    await refused.waitFor(STEP);
    const problems = await refused.getByRole("row").allTextContents();
    const dup = broken.organizations.length - 1;
    expect(
      problems.some((r) => r.startsWith(`organizations.${dup} (${broken.organizations[0].code})code`)),
      problems.join("\n"),
    ).toBe(true);
    expect(
      problems.some((r) => r.startsWith(`people.${mine} (${MOVER.email})postings.0.`)),
      problems.join("\n"),
    ).toBe(true);
    await expectAccessible(admin, "a refused import (ko)");
    await screenshot(admin, "admin-directory-import-refused-ko");

    const renamed = structuredClone(exported);
    renamed.people[mine].name = `${MOVER.name} (renamed)`;
    const goodFile = path.join(dir, "renamed.json");
    writeFileSync(goodFile, JSON.stringify(renamed));
    await admin.getByLabel("디렉터리 파일", { exact: true }).setInputFiles(goodFile);
    const dryRun = admin.getByRole("region", { name: "미리 보기 결과: 적용하면 바뀌는 내용" });
    await dryRun.waitFor(STEP);
    expect(await dryRun.locator("p").first().textContent()).toBe("추가 0건, 변경 1건, 종료 0건, 삭제 0건");
    const diff = await rowsOf(admin, "적용하면 바뀌는 내용");
    expect(diff.slice(1)).toEqual([`변경 사람${MOVER.email}name${MOVER.name}${MOVER.name} (renamed)`]);
    await expectAccessible(admin, "an import's dry run (ko)");
    await screenshot(admin, "admin-directory-import-ko");
    await dryRun.getByRole("button", { name: "적용", exact: true }).click();
    await admin.getByRole("status").filter({ hasText: "가져왔습니다: 추가 0건, 변경 1건, 종료 0건, 삭제 0건" }).waitFor(STEP);
    await admin.getByRole("button", { name: "다시 미리 보기", exact: true }).click();
    await dryRun.waitFor(STEP);
    expect(await dryRun.locator("p").first().textContent()).toBe("추가 0건, 변경 0건, 종료 0건, 삭제 0건");
    await dryRun.getByRole("cell", { name: "바뀌는 것이 없습니다.", exact: true }).waitFor();
    expect(await dryRun.getByRole("button", { name: "적용", exact: true }).isDisabled()).toBe(true);

    // The audit: newest first, who, and each field before and after.
    await admin.getByRole("link", { name: "변경 이력", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "변경 이력" }).waitFor();
    const audit = admin.getByRole("table", { name: "변경 이력" });
    await audit
      .getByRole("row")
      .filter({ hasText: `${MOVER.name} (renamed)` })
      .waitFor(STEP);
    const rows = await audit.getByRole("row").allTextContents();
    const rename = rows.findIndex((r) => r.includes(`${MOVER.name} (renamed)`));
    const moved = rows.findIndex((r) => r.includes(`${MOVER.email}/KTO-LA/AGENCY_STAFF/2025-01-01`));
    expect(rows[rename]).toMatch(new RegExp(`${ADMIN} · MOFA변경 사람${MOVER.email}name${MOVER.name}${MOVER.name} \\(renamed\\)$`));
    expect(rows[moved]).toMatch(new RegExp(`${ADMIN} · MOFA종료 보직.*until—${inDays(-1)}$`));
    expect(rename, "newest first").toBeLessThan(moved);
    await expectAccessible(admin, "the directory's audit (ko)");
    await screenshot(admin, "admin-directory-audit-ko");

    // The same page in English.
    await admin.getByRole("button", { name: "English", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "Directory audit" }).waitFor();
    await admin.getByRole("table", { name: "Directory audit" }).getByRole("columnheader", { name: "Before", exact: true }).waitFor();
    await admin.getByRole("link", { name: "Organisations", exact: true }).waitFor();
    await expectAccessible(admin, "the directory's audit (en)");
    await screenshot(admin, "admin-directory-audit-en");
  }, 180_000);

  it("an administrator ends a person's posting and deactivates them, each after the dry run", async () => {
    const admin = await signedIn(browser, ADMIN);
    await admin.goto(`/directory/people/${ids.leaver}`);
    await admin.getByRole("heading", { level: 1, name: LEAVER.name }).waitFor(STEP);
    const end = admin.getByRole("form", { name: "현재 보직 종료" });
    expect(await end.getByLabel("마지막 근무일").inputValue()).toBe(inDays(-1));
    await end.getByRole("button", { name: "변경 내용 확인", exact: true }).click();
    const confirmEnd = admin.getByRole("region", { name: "현재 보직 종료: 적용하면 바뀌는 내용" });
    await confirmEnd.waitFor(STEP);
    expect((await rowsOf(admin, "적용하면 바뀌는 내용")).slice(1)).toEqual([
      `종료 보직${LEAVER.email}/KCC-LA/AGENCY_STAFF/2025-01-01until—${inDays(-1)}`,
    ]);
    await confirmEnd.getByRole("button", { name: "적용", exact: true }).click();
    await admin.getByRole("status").filter({ hasText: "적용했습니다: 추가 0건, 변경 0건, 종료 1건, 삭제 0건" }).waitFor(STEP);
    const timeline = admin.getByRole("list", { name: "보직 이력" });
    await expect
      .poll(async () => timeline.getByRole("listitem").allTextContents(), STEP)
      .toEqual([` KCC-LA · 기관 담당자2025-01-01 ~ ${inDays(-1)}`]);
    expect(await admin.getByRole("form", { name: "현재 보직 종료" }).count()).toBe(0);

    // Cancel changes nothing; then deactivation, confirmed.
    const deactivate = admin.getByRole("form", { name: "계정 비활성화" });
    await deactivate.getByRole("button", { name: "변경 내용 확인", exact: true }).click();
    const confirmOff = admin.getByRole("region", { name: "계정 비활성화: 적용하면 바뀌는 내용" });
    await confirmOff.waitFor(STEP);
    expect((await rowsOf(admin, "적용하면 바뀌는 내용")).slice(1)).toEqual([`종료 사람${LEAVER.email}activetruefalse`]);
    await confirmOff.getByRole("button", { name: "취소", exact: true }).click();
    await deactivate.waitFor(STEP);
    expect((await call("GET", `/v1/directory/people/${ids.leaver}`, { token: await login(ADMIN) })).body.active).toBe(true);
    await deactivate.getByRole("button", { name: "변경 내용 확인", exact: true }).click();
    await confirmOff.getByRole("button", { name: "적용", exact: true }).click();
    await admin.getByRole("form", { name: "계정 다시 활성화" }).waitFor(STEP);
    expect(await admin.locator("dl.facts").textContent()).toContain("계정비활성");
    expect((await call("GET", `/v1/directory/people/${ids.leaver}`, { token: await login(ADMIN) })).body.active).toBe(false);
  }, 120_000);

  it("an HQ reviewer reads the pages with nothing to change", async () => {
    const hq = await signedIn(browser, HQ);
    await hq.getByRole("link", { name: "인원 관리", exact: true }).click();
    await hq.getByRole("heading", { level: 1, name: "인원 관리" }).waitFor();
    await hq.getByLabel("검색", { exact: true }).fill(RUN);
    await hq.getByRole("button", { name: "검색", exact: true }).click();
    const table = hq.getByRole("table", { name: "인원 관리" });
    await table.getByRole("row").filter({ hasText: OUTSIDER.email }).waitFor(STEP);
    await table.getByRole("row").filter({ hasText: MOVER.email }).waitFor(STEP);
    await table.getByRole("link", { name: MOVER.nameKo, exact: true }).click();
    await hq.getByRole("heading", { level: 1, name: MOVER.nameKo }).waitFor();
    await hq.getByText("읽기 전용입니다. 변경은 관리자만 할 수 있습니다.").waitFor();
    await hq.getByRole("list", { name: "보직 이력" }).getByRole("listitem").first().waitFor();
    expect(await hq.getByRole("button", { name: "변경 내용 확인" }).count()).toBe(0);
    expect(await hq.getByRole("form").count()).toBe(0);
    await expectAccessible(hq, "a person, read only (ko)");
    await screenshot(hq, "hq-directory-person-ko");

    // Organisations and the audit are theirs to read; the import is not theirs to send.
    await hq.getByRole("link", { name: "가져오기·내보내기", exact: true }).click();
    await hq.getByText("현재 디렉터리를 파일로 내려받을 수 있습니다. 가져오기는 관리자만 할 수 있습니다.").waitFor();
    await hq.getByRole("button", { name: "내보내기 (JSON)", exact: true }).waitFor();
    expect(await hq.getByLabel("디렉터리 파일").count()).toBe(0);
    await hq.getByRole("link", { name: "기관 관리", exact: true }).click();
    await hq.getByRole("link", { name: "CG-LA", exact: true }).click();
    await hq.getByRole("heading", { level: 1, name: /^CG-LA · / }).waitFor();
    expect((await hq.locator("dl.facts").textContent()) ?? "").toMatch(/팀 기관.*KCC-LA/);
    expect(
      await hq
        .getByRole("button")
        .filter({ hasText: /적용|변경 내용 확인/ })
        .count(),
    ).toBe(0);
  }, 120_000);

  it("a head of mission sees the people of their own team only", async () => {
    const head = await signedIn(browser, HEAD_LA);
    expect(await head.getByRole("link", { name: "기관 관리", exact: true }).count()).toBe(0);
    expect(await head.getByRole("link", { name: "변경 이력", exact: true }).count()).toBe(0);
    await head.getByRole("link", { name: "인원 관리", exact: true }).click();
    await head.getByRole("heading", { level: 1, name: "인원 관리" }).waitFor();
    await head.getByText("내 팀(공관과 팀 기관)에 오늘 보직된 사람들입니다.").waitFor();
    const table = head.getByRole("table", { name: "인원 관리" });
    await table.getByRole("row").filter({ hasText: "kcc.la@teamkorea.dev" }).waitFor(STEP);
    const everyone = (await table.getByRole("row").allTextContents()).join("\n");
    // The consulate's own team: the consulate and its three offices; not the embassy's, not KOTRA-US.
    expect(everyone).toContain(MOVER.email);
    for (const other of [OUTSIDER.email, "head.us@teamkorea.dev", "kotra.us@teamkorea.dev", "hq@teamkorea.dev"])
      expect(everyone).not.toContain(other);
    await expectAccessible(head, "a head's team (ko)");
    await screenshot(head, "head-directory-people-ko");

    // Searching does not widen it, and someone outside the team is not there to open.
    await head.getByLabel("검색", { exact: true }).fill(RUN);
    await head.getByRole("button", { name: "검색", exact: true }).click();
    await expect.poll(async () => (await table.getByRole("row").allTextContents()).length, STEP).toBe(2);
    expect((await table.getByRole("row").allTextContents())[1]).toContain(MOVER.email);
    await head.goto(`/directory/people/${ids.outsider}`);
    await head.getByRole("alert").filter({ hasText: "볼 수 없는 사람입니다" }).waitFor(STEP);
    await head.goto(`/directory/people/${ids.mover}`);
    await head.getByRole("heading", { level: 1, name: MOVER.nameKo }).waitFor(STEP);
    expect(await head.getByRole("form").count()).toBe(0);
  }, 120_000);
});
