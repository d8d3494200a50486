/**
 * E-mail notices through the real hub and a real mail server (Mailpit): who is told what, in
 * which language, with which link, each exactly once; nobody outside the task hears of it.
 * The hub under test runs a 2 s day, so reminders and escalations come within seconds.
 */
import { JOB_OPENING_POSTED, workflowIdFor } from "@hub/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { apiUrl, call, cloudEvent, decide, eventually, inDays, login, openCase, pendingApproval, publish, taskIn, uniqueRef } from "./support/hub";
import { type Mail, mailArrives, mailsWith, mailTo } from "./support/mailpit";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setPrefs(email: string, body: Record<string, unknown>) {
  const r = await call("PUT", "/v1/me/notifications", { token: await login(email), body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Multipart with the same link in the text and as a link in the HTML. */
function expectLink(m: Mail, path: string) {
  expect(m.text).toContain(`${apiUrl}${path}`);
  expect(m.html).toContain(`href="${apiUrl}${path}"`);
}

const expectOnce = async (email: string, ref: string, subject: string) => expect(await mailsWith(email, ref, subject)).toHaveLength(1);

describe("e-mail notices", () => {
  afterAll(async () => {
    await setPrefs("head.vn@teamkorea.dev", { language: "ko" });
  });

  it("tells the head, then the assignees, then reminds and escalates on the task clock — each once, in Korean, with the right link", async () => {
    const caseRef = uniqueRef("MAIL");
    const { workflowId, approval } = await openCase(caseRef, { commentDeadline: inDays(10) });
    const taskPath = `/tasks/${encodeURIComponent(workflowId)}`;

    const asked = await mailArrives("head.us@teamkorea.dev", caseRef, "[팀코리아] 결재 요청:");
    expectLink(asked, "/approvals");
    expect(asked.text).toContain("승인");
    // The deadline in the mission's local time and in Seoul time.
    expect(asked.text).toMatch(/기한: .+\(현지\) · .+\(서울\)/);
    expect((await decide("head.us@teamkorea.dev", approval.id, "approve")).status).toBe(200);

    const assigned = await mailArrives("kotra.us@teamkorea.dev", caseRef, "[팀코리아] 새 업무 배정:");
    expectLink(assigned, "/assignments");
    expect(assigned.text).toContain("KOTRA-US");
    await mailArrives("motie@teamkorea.dev", caseRef, "새 업무 배정");
    await mailArrives("staff.us@teamkorea.dev", caseRef, "새 업무 배정");

    // KOTRA's part is due in 3 days: reminded 2 days before, overdue after (6 s, 8 s on a 2 s day), the head told (urgent).
    const reminded = await mailArrives("kotra.us@teamkorea.dev", caseRef, "업무 기한 임박");
    expectLink(reminded, taskPath);
    const overdue = await mailArrives("kotra.us@teamkorea.dev", caseRef, "업무 기한 경과:");
    expectLink(overdue, taskPath);
    const escalated = await mailArrives("head.us@teamkorea.dev", caseRef, "공관장 보고");
    expect(escalated.text).toContain("KOTRA-US");
    expectLink(escalated, taskPath);

    await pause(2000);
    await expectOnce("head.us@teamkorea.dev", caseRef, "결재 요청");
    await expectOnce("kotra.us@teamkorea.dev", caseRef, "새 업무 배정");
    await expectOnce("kotra.us@teamkorea.dev", caseRef, "업무 기한 임박");
    await expectOnce("kotra.us@teamkorea.dev", caseRef, "업무 기한 경과:");
    // The head's own mission's overdue assignment would also name them; KOTRA's escalation came once.
    expect((await mailsWith("head.us@teamkorea.dev", caseRef, "공관장 보고")).filter((m) => m.text.includes("KOTRA-US"))).toHaveLength(1);

    // Nobody of another mission, nor an agency of another country, hears of the task.
    for (const outsider of ["head.jp@teamkorea.dev", "staff.jp@teamkorea.dev", "kcc.jp@teamkorea.dev", "kotra.vn@teamkorea.dev"]) {
      expect(await mailTo(outsider, caseRef), outsider).toHaveLength(0);
    }
  }, 90_000);

  it("writes in English after the preference changes; escalates a late approval to HQ; tells the withdrawn organisations of a cancellation", async () => {
    expect((await setPrefs("head.vn@teamkorea.dev", { language: "en" })).language).toBe("en");
    const ref = uniqueRef("MAILJOB");
    const workflowId = workflowIdFor("youth-job", "VN", ref);
    await publish(
      "hrdk.vn@teamkorea.dev",
      cloudEvent(JOB_OPENING_POSTED, "HRDK-VN", {
        country: "VN",
        openingRef: ref,
        employer: "Korean electronics supplier, Bac Ninh plant",
        title: "Production engineering trainee",
        positions: 1,
        channel: "hrdkorea",
        closesOn: inDays(30),
      }),
    );
    const asked = await mailArrives("head.vn@teamkorea.dev", ref, "[Team Korea] Approval requested:");
    expectLink(asked, "/approvals");
    expect(asked.text).toMatch(/Deadline: .+\(local\) · .+\(Seoul\)/);

    // Undecided for 3 days (6 s): HQ is told, urgently, in Korean (its default).
    const toHq = await mailArrives("hq@teamkorea.dev", ref, "[팀코리아] 결재 기한 경과 — 본부 이관:", 40_000);
    expectLink(toHq, "/approvals");

    const approval = await pendingApproval("head.vn@teamkorea.dev", workflowId);
    expect((await decide("head.vn@teamkorea.dev", approval.id, "approve")).status).toBe(200);
    await mailArrives("hrdk.vn@teamkorea.dev", ref, "[팀코리아] 새 업무 배정:");
    await taskIn(workflowId, "in_progress");

    const reason = "The employer withdrew the opening <b>today</b>.";
    const cancel = await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/cancel`, {
      token: await login("head.vn@teamkorea.dev"),
      body: { reason },
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const told = await mailArrives("hrdk.vn@teamkorea.dev", ref, "[팀코리아] 업무 취소:");
    expect(told.text).toContain(reason);
    // Written people's text is escaped in the HTML, never markup.
    expect(told.html).toContain("&#60;b&#62;today&#60;/b&#62;");
    expectLink(told, `/tasks/${encodeURIComponent(workflowId)}`);

    await pause(2000);
    await expectOnce("head.vn@teamkorea.dev", ref, "Approval requested");
    await expectOnce("hq@teamkorea.dev", ref, "본부 이관");
    await expectOnce("hrdk.vn@teamkorea.dev", ref, "업무 취소");
    // The mission held no withdrawn work: no cancellation notice for it; outsiders hear nothing.
    expect(await mailsWith("head.vn@teamkorea.dev", ref, "cancelled")).toHaveLength(0);
    for (const outsider of ["head.us@teamkorea.dev", "kotra.us@teamkorea.dev"]) expect(await mailTo(outsider, ref), outsider).toHaveLength(0);
  }, 90_000);

  it("asks an acting head inside the delegation window too, and tells the mission and the informed ministry when the task closes", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const headId = await login("head.id@teamkorea.dev");
    const granted = await call("POST", "/v1/delegations", { token: headId, body: { to: "staff.id@teamkorea.dev", from: today, until: today } });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    try {
      const ref = uniqueRef("MAILCLOSE");
      const workflowId = workflowIdFor("mission-plan", "ID", ref);
      const staff = await login("staff.id@teamkorea.dev");
      const posted = await call("POST", "/v1/plans", {
        token: staff,
        body: {
          country: "ID",
          planRef: ref,
          title: `Hangeul day reception ${ref}`,
          summary: "s",
          assignments: [{ org: "EMB-ID", task: "Host the reception.", dueOn: inDays(20) }],
          informed: ["MPVA"],
        },
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(202);
      await mailArrives("head.id@teamkorea.dev", ref, "결재 요청");
      await mailArrives("staff.id@teamkorea.dev", ref, "결재 요청");
      const approval = await pendingApproval("head.id@teamkorea.dev", workflowId);
      expect((await decide("head.id@teamkorea.dev", approval.id, "approve")).status).toBe(200);
      const running = await taskIn(workflowId, "in_progress");
      const [mine] = running.assignments;
      for (const action of ["ack", "complete"]) {
        const r = await call("POST", `/v1/assignments/${mine.id}/${action}`, {
          token: staff,
          body: action === "complete" ? { report: "Held." } : undefined,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      await taskIn(workflowId, "completed");
      for (const told of ["head.id@teamkorea.dev", "staff.id@teamkorea.dev", "mpva@teamkorea.dev"]) {
        expectLink(await mailArrives(told, ref, "[팀코리아] 업무 완료:"), `/tasks/${encodeURIComponent(workflowId)}`);
      }
      // Informed only: told of the close, never asked to decide or assigned anything.
      expect((await mailTo("mpva@teamkorea.dev", ref)).map((m) => m.subject.split(":")[0])).toEqual(["[팀코리아] 업무 완료"]);
    } finally {
      await call("DELETE", `/v1/delegations/${granted.body.id}`, { token: headId });
    }
  }, 90_000);

  it("keeps preferences per person, refuses invalid ones with the field, and lists parked notices for admins only", async () => {
    const kcc = await login("kcc.se@teamkorea.dev");
    const fresh = await call("GET", "/v1/me/notifications", { token: kcc });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ language: expect.any(String), delivery: expect.any(String), timeZone: expect.any(String) });

    const bad = await call("PUT", "/v1/me/notifications", {
      token: kcc,
      body: { language: "fr", timeZone: "Mars/Olympus", quietHours: { from: "25:00", until: "07:00" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["body.language", "body.quietHours.from", "body.timeZone"]);
    expect((await call("PUT", "/v1/me/notifications", { token: kcc, body: { colour: "red" } })).status).toBe(400);

    const hq = await login("hq@teamkorea.dev");
    expect((await call("GET", "/v1/notices/parked", { token: hq })).status).toBe(403);
    const admin = await call("GET", "/v1/notices/parked", { token: await login("admin@teamkorea.dev") });
    expect(admin.status).toBe(200);
    expect(Array.isArray(admin.body.items)).toBe(true);
    await eventually("unchanged defaults of another person", async () => (await call("GET", "/v1/me/notifications", { token: hq })).status === 200);
  });
});
