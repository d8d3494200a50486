import { describe, expect, it } from "vitest";
import { deadlineInstant, formatDeadline, renderEmail } from "./render";

const data = {
  title: "미국 냉연강판 반덤핑 조사",
  country: "US",
  path: "/approvals",
  deadline: "2026-12-01T15:00:00.000Z",
  ref: "trade-restriction:US:AD-1",
};

describe("notice e-mails", () => {
  it("read in Korean or English, with the deadline in the mission's time and Seoul's and the page's link", () => {
    const ko = renderEmail([{ kind: "approval.requested", data }], "ko", "https://hub.example");
    expect(ko.subject).toBe("[팀코리아] 결재 요청: 미국 냉연강판 반덤핑 조사");
    expect(ko.text).toContain("https://hub.example/approvals");
    expect(ko.text).toMatch(/기한: .+\(현지\) · .+\(서울\)/);
    expect(ko.html).toContain('href="https://hub.example/approvals"');
    const en = renderEmail([{ kind: "approval.requested", data }], "en", "https://hub.example");
    expect(en.subject).toBe("[Team Korea] Approval requested: 미국 냉연강판 반덤핑 조사");
    expect(en.text).toContain("10:00 (local) · 2 Dec 2026, 00:00 (Seoul)");
  });

  it("gives Korean readers the task's Korean title where its kind wrote one, and English readers the English", () => {
    const both = { ...data, title: "US anti-dumping: cold-rolled steel", titleKo: "미국 반덤핑: 냉연강판" };
    expect(renderEmail([{ kind: "approval.requested", data: both }], "ko", "https://hub.example").subject).toBe(
      "[팀코리아] 결재 요청: 미국 반덤핑: 냉연강판",
    );
    expect(renderEmail([{ kind: "approval.requested", data: both }], "ko", "https://hub.example").text).not.toContain("cold-rolled");
    expect(renderEmail([{ kind: "approval.requested", data: both }], "en", "https://hub.example").subject).toBe(
      "[Team Korea] Approval requested: US anti-dumping: cold-rolled steel",
    );
  });

  it("tells a mentioned person who wrote what, the comment's markup escaped in the HTML part", () => {
    const mention = { ...data, path: "/tasks/x", deadline: null, detail: "Kim: <b>see</b> & reply" };
    const ko = renderEmail([{ kind: "comment.mentioned", data: mention }], "ko", "https://hub.example");
    expect(ko.subject).toBe("[팀코리아] 댓글에서 언급됨: 미국 냉연강판 반덤핑 조사");
    expect(ko.text).toContain("Kim: <b>see</b> & reply");
    expect(ko.html).not.toContain("<b>see</b>");
    expect(ko.html).toContain("Kim: &#60;b&#62;see&#60;/b&#62; &#38; reply");
    const en = renderEmail([{ kind: "comment.mentioned", data: mention }], "en", "https://hub.example");
    expect(en.subject).toBe("[Team Korea] You were mentioned in a comment: 미국 냉연강판 반덤핑 조사");
  });

  it("ends a due day at 23:59 on the mission's clock", () => {
    expect(deadlineInstant("2026-12-01", "US").toISOString()).toBe("2026-12-02T04:59:00.000Z");
    expect(deadlineInstant("2026-12-01", "JP").toISOString()).toBe("2026-12-01T14:59:00.000Z");
    // No known zone: Seoul only.
    expect(formatDeadline("2026-12-01", "ZZ", "en")).toBe("1 Dec 2026, 23:59 (Seoul)");
  });

  it("reads the mission's clock from the directory: a consulate general in Los Angeles is not New York", () => {
    expect(deadlineInstant("2026-12-01", "US", "America/Los_Angeles").toISOString()).toBe("2026-12-02T07:59:00.000Z");
    expect(formatDeadline("2026-12-01", "US", "en", "America/Los_Angeles")).toBe("1 Dec 2026, 23:59 (local) · 2 Dec 2026, 16:59 (Seoul)");
    // A country the table does not know, with its zone in the directory.
    expect(formatDeadline("2026-12-01", "ZZ", "en", "Europe/London")).toBe("1 Dec 2026, 23:59 (local) · 2 Dec 2026, 08:59 (Seoul)");
  });

  it("bundles several notices into one digest and escapes what people wrote", () => {
    const mail = renderEmail(
      [
        { kind: "assignment.created", data: { ...data, path: "/assignments", detail: "<script>alert(1)</script>" } },
        { kind: "task.cancelled", data: { ...data, path: "/tasks/x", detail: "a & b" } },
      ],
      "ko",
      "http://127.0.0.1:3000",
    );
    expect(mail.subject).toBe("[팀코리아] 알림 2건");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&#60;script&#62;");
    expect(mail.text).toContain("<script>alert(1)</script>");
    expect(mail.text).toContain("a & b");
  });
});
