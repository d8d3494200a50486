/**
 * A task's discussion through the real hub (issue 20 §2): a comment that mentions someone reaches
 * them by e-mail (Mailpit) in their language; an informed organisation outside the country
 * comments but still cannot act; a person of another country is refused the mention, naming them,
 * and nothing is stored; edits keep the earlier text; a deletion leaves a tombstone that only HQ
 * reads; hostile text is stored and shown back exactly, or refused at the boundary.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, decide, historyOf, inDays, login, pendingApproval, uniqueRef } from "./support/hub";
import { mailArrives, mailsWith } from "./support/mailpit";

const PLAN_REF = uniqueRef("TALK");
let workflowId = "";
/** The first comment (it mentions MPVA's and KOTRA-US's officers), edited later. */
let firstComment: { id: string; body: string } = { id: "", body: "" };
const path = (tail = "") => `/v1/workflows/${encodeURIComponent(workflowId)}/comments${tail}`;

async function as(email: string, method: string, tail = "", body?: unknown) {
  return call(method, path(tail), { token: await login(`${email}@teamkorea.dev`), body });
}
async function setLanguage(email: string, language: "ko" | "en") {
  const body = { language, delivery: "instant", quietHours: null };
  const r = await call("PUT", "/v1/me/notifications", { token: await login(`${email}@teamkorea.dev`), body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}
const count = async () => (await as("staff.us", "GET")).body.items.length as number;

beforeAll(async () => {
  // Korean (the default) for MPVA's officer, English for KOTRA-US's.
  await setLanguage("mpva", "ko");
  await setLanguage("head.us", "ko");
  await setLanguage("kotra.us", "en");
  // A US mission plan that keeps MPVA, a ministry at home, informed: MPVA sees it only for that.
  const r = await call("POST", "/v1/plans", {
    token: await login("staff.us@teamkorea.dev"),
    body: {
      country: "US",
      planRef: PLAN_REF,
      title: "독립유공자 후손 초청 간담회",
      summary: "Meeting with descendants of independence activists.",
      assignments: [
        { org: "EMB-US", task: "Host the meeting.", dueOn: inDays(20) },
        { org: "KOTRA-US", task: "Invite the business community.", dueOn: inDays(15) },
      ],
      informed: ["MPVA"],
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  workflowId = r.body.workflowId;
  await pendingApproval("head.us@teamkorea.dev", workflowId);
}, 60_000);

afterAll(async () => {
  await setLanguage("kotra.us", "ko");
});

describe("comments and mentions", () => {
  it("a mention reaches the person by e-mail in their language, with the comment's words, never as HTML", async () => {
    const body = `@mpva@teamkorea.dev 후손 명단을 확인해 주십시오 <b>urgent</b> & @kotra.us@teamkorea.dev please invite them.`;
    const r = await as("staff.us", "POST", "", { body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      body,
      mentions: ["mpva@teamkorea.dev", "kotra.us@teamkorea.dev"],
      mentioned: [
        { email: "mpva@teamkorea.dev", name: expect.any(String) },
        { email: "kotra.us@teamkorea.dev", name: expect.any(String) },
      ],
      author: { email: "staff.us@teamkorea.dev", org: "EMB-US", name: expect.any(String) },
      editedAt: null,
      deleted: null,
      revisions: [],
    });

    const ko = await mailArrives("mpva@teamkorea.dev", PLAN_REF, "댓글에서 언급됨");
    expect(ko.text).toContain("독립유공자 후손 초청 간담회");
    expect(ko.text).toContain("후손 명단을 확인해 주십시오 <b>urgent</b> &");
    expect(ko.text).toContain(`/tasks/${encodeURIComponent(workflowId)}`);
    // The comment's markup is text in the HTML part too: escaped, never rendered.
    expect(ko.html).not.toContain("<b>urgent</b>");
    expect(ko.html).toContain("&#60;b&#62;urgent&#60;/b&#62;");

    const en = await mailArrives("kotra.us@teamkorea.dev", PLAN_REF, "You were mentioned in a comment");
    expect(en.text).toContain("please invite them.");

    // HQ's history shows who commented when, without the text (a deletion must not leave it there).
    const history = await historyOf(workflowId);
    const added = history.find((e: any) => e.action === "comment.added" && e.detail.commentId === r.body.id);
    expect(added).toMatchObject({ actor: { email: "staff.us@teamkorea.dev", org: "EMB-US" } });
    expect(JSON.stringify(added)).not.toContain("명단");
    firstComment = { id: r.body.id, body };
  });

  it("an edit tells only whom it newly mentions", async () => {
    const body = `${firstComment.body} cc @kotra2.us@teamkorea.dev`;
    const r = await as("staff.us", "PATCH", `/${firstComment.id}`, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.mentions).toEqual(["mpva@teamkorea.dev", "kotra.us@teamkorea.dev", "kotra2.us@teamkorea.dev"]);
    // KOTRA-US's second officer has no other mail about this task (the plan is not approved yet).
    const told = await mailArrives("kotra2.us@teamkorea.dev", PLAN_REF, "");
    expect(told.text).toContain("cc @kotra2.us@teamkorea.dev");
    // The same fact told kotra2 and would have told anyone else: MPVA's officer was told once, by the first text.
    expect(await mailsWith("mpva@teamkorea.dev", PLAN_REF, "댓글에서 언급됨")).toHaveLength(1);
  });

  it("an informed organisation reads and writes comments, and still cannot act on the task", async () => {
    const r = await as("mpva", "POST", "", { body: "명단을 보내 드렸습니다. @head.us@teamkorea.dev" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.author).toMatchObject({ email: "mpva@teamkorea.dev", org: "MPVA" });
    expect((await as("mpva", "GET")).body.items.map((c: any) => c.id)).toContain(r.body.id);
    await mailArrives("head.us@teamkorea.dev", PLAN_REF, "댓글에서 언급됨");

    const mpva = await login("mpva@teamkorea.dev");
    const task = `/v1/workflows/${encodeURIComponent(workflowId)}`;
    const approval = await pendingApproval("head.us@teamkorea.dev", workflowId);
    expect((await decide("mpva@teamkorea.dev", approval.id, "approve")).status).toBe(403);
    expect((await call("POST", `${task}/cancel`, { token: mpva, body: { reason: "no" } })).status).toBe(403);
    expect((await call("POST", `${task}/plan`, { token: mpva, body: { plan: approval.plan } })).status).toBe(403);
  });

  it("a person of another country is refused the mention, by name, and nothing is stored", async () => {
    const before = await count();
    const r = await as("staff.us", "POST", "", { body: "@head.jp@teamkorea.dev and @nobody.here@teamkorea.dev, any views?" });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([{ path: "body.body", message: expect.stringContaining("@head.jp@teamkorea.dev, @nobody.here@teamkorea.dev") }]);
    expect(r.body.message).toContain("only people who may see this task");
    expect(await count()).toBe(before);
    // Nor may that person read or write the discussion: the task is as unknown to them as a missing one.
    expect((await as("head.jp", "GET")).status).toBe(404);
    expect((await as("kotra.vn", "POST", "", { body: "hello" })).status).toBe(404);
  });

  it("an edit keeps the earlier text; only the author edits or deletes; a deletion is a tombstone HQ reads", async () => {
    const first = "First draft of the guest list.";
    const c = (await as("staff.us", "POST", "", { body: first })).body;
    expect((await as("kotra.us", "PATCH", `/${c.id}`, { body: "not mine" })).status).toBe(403);
    expect((await as("head.us", "DELETE", `/${c.id}`)).status).toBe(403);

    const second = "Second draft: 12 guests.";
    const edited = await as("staff.us", "PATCH", `/${c.id}`, { body: second });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ body: second, editedAt: expect.any(String) });
    expect(edited.body.revisions).toEqual([{ body: first, mentions: [], writtenAt: c.createdAt, replacedAt: edited.body.editedAt }]);

    const deleted = await as("staff.us", "DELETE", `/${c.id}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect((await as("staff.us", "DELETE", `/${c.id}`)).status).toBe(409);
    expect((await as("staff.us", "PATCH", `/${c.id}`, { body: "again" })).status).toBe(409);

    const seenBy = async (who: string) => (await as(who, "GET")).body.items.find((x: any) => x.id === c.id);
    for (const who of ["kotra.us", "mpva", "staff.us"]) {
      expect(await seenBy(who)).toMatchObject({ body: null, mentions: [], mentioned: [], revisions: [], deleted: { by: "staff.us@teamkorea.dev" } });
    }
    const hq = await seenBy("hq");
    expect(hq).toMatchObject({ body: second, deleted: { by: "staff.us@teamkorea.dev" }, revisions: [{ body: first }] });
    expect((await historyOf(workflowId)).map((e: any) => e.action)).toEqual(expect.arrayContaining(["comment.edited", "comment.deleted"]));
  });

  it("stores any Unicode exactly, up to the bound, and refuses what cannot be stored with the field's path", async () => {
    const odd = [
      "  leading and trailing spaces  ",
      "e\u0301 (combining) · 한국어 · العربية \u202Eetxet\u202C · 🇰🇷👩🏽‍💻 · zero\u200Bwidth",
      "line\r\nbreaks\tand tabs",
      "<script>alert(1)</script> &amp; {{x}} ' \" `",
    ].join("\n");
    const stored = await as("kotra.us", "POST", "", { body: odd });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    expect(stored.body.body).toBe(odd);
    expect((await as("hq", "GET")).body.items.find((x: any) => x.id === stored.body.id).body).toBe(odd);

    const longest = "가".repeat(8000);
    expect((await as("kotra.us", "POST", "", { body: longest })).body.body).toBe(longest);

    const before = await count();
    const refused: [unknown, string][] = [
      [{ body: "가".repeat(8001) }, "body.body"],
      [{ body: "   \n " }, "body.body"],
      [{ body: "" }, "body.body"],
      [{ body: "nul \u0000 here" }, "body.body"],
      [{ body: "half \ud800 a pair" }, "body.body"],
      [{ body: 42 }, "body.body"],
      [{}, "body.body"],
    ];
    for (const [body, field] of refused) {
      const r = await as("kotra.us", "POST", "", body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.body.issues.map((i: any) => i.path)).toContain(field);
    }
    expect((await as("kotra.us", "POST", "", { body: "ok", colour: "red" })).status).toBe(400);
    expect((await as("kotra.us", "PATCH", "/not-a-uuid", { body: "x" })).status).toBe(400);
    expect((await as("kotra.us", "PATCH", `/${randomUUID()}`, { body: "x" })).status).toBe(404);
    expect(await count()).toBe(before);
  });
});
