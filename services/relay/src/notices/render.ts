/**
 * The e-mails, in the recipient's language: a subject, plain text and HTML (multipart), with the
 * task's title, what is asked, the deadline in the mission's local time and Seoul time, and a
 * link to the exact page of the web app. Several notices for one person make one digest.
 */
import { formatMoment, MISSION_TIME_ZONES, SEOUL_TIME_ZONE, zoneOffsetMs } from "@hub/contracts/core";

export type Language = "ko" | "en";

/** What a notice carries from its fact (notices.data): enough to write the e-mail without reading the task again. */
export interface NoticeData {
  title: string;
  /** The title in Korean where the task's kind wrote one (the web app shows it to Korean readers). */
  titleKo?: string | null;
  country: string;
  /** The web app's page, e.g. /approvals or /tasks/<id>. */
  path: string;
  /** What the person is asked to do or told: an assignment's task, a cancellation's reason. */
  detail?: string | null;
  /** An instant (ISO) or a due day (YYYY-MM-DD, ending at the end of that day in the mission's time). */
  deadline?: string | null;
  /** The organisation concerned (an assignment's holder). */
  org?: string | null;
  /** The mission's clock as the directory gives it; absent (notices queued before): the country's known zone. */
  zone?: string | null;
  /** The task's id, as people quote it (and search their mailbox for it). */
  ref?: string;
}

export interface RenderedNotice {
  kind: string;
  data: NoticeData;
}

export interface Email {
  subject: string;
  text: string;
  html: string;
}

interface Words {
  subject: string;
  ask: string;
}

const WORDS: Record<Language, Record<string, Words>> = {
  ko: {
    "approval.requested": { subject: "결재 요청", ask: "계획을 검토하고 승인, 반려 또는 수정 요청을 해 주십시오." },
    "approval.escalated": { subject: "결재 기한 경과 — 본부 이관", ask: "공관장 결재 기한이 지나 본부로 이관되었습니다. 결재해 주십시오." },
    "approval.overdue": { subject: "결재 기한 경과", ask: "결재 기한이 지났습니다. 결재해 주십시오." },
    "approval.handed_over": { subject: "결재 이관 — 공관장 이임", ask: "공관장이 이임하여 결재가 귀하에게 이관되었습니다. 결재해 주십시오." },
    "assignment.created": { subject: "새 업무 배정", ask: "새 업무가 배정되었습니다. 확인하고 착수해 주십시오." },
    "assignment.reminder": { subject: "업무 기한 임박", ask: "업무 기한이 다가옵니다." },
    "assignment.overdue": { subject: "업무 기한 경과", ask: "업무 기한이 지났습니다." },
    "assignment.escalated": { subject: "업무 기한 경과 — 공관장 보고", ask: "배정된 업무의 기한이 지나 공관장께 보고됩니다." },
    "assignment.assigned": { subject: "업무 지정", ask: "기관 책임자가 이 업무를 귀하에게 지정했습니다." },
    "assignment.reassigned": { subject: "업무 재지정", ask: "기관 책임자가 귀하가 맡던 업무를 다른 직원에게 지정했습니다." },
    "assignment.returned": {
      subject: "업무 반환 — 담당자 이동",
      ask: "담당자가 이동하거나 떠나 업무가 기관의 대기 목록으로 돌아왔습니다. 새 담당자를 정해 주십시오.",
    },
    "task.cancelled": { subject: "업무 취소", ask: "업무가 취소되어 귀 기관의 업무가 철회되었습니다." },
    "task.completed": { subject: "업무 완료", ask: "공동 업무가 완료되었습니다." },
    "task.rejected": { subject: "계획 반려", ask: "계획이 반려되어 업무가 종료되었습니다." },
    "comment.mentioned": { subject: "댓글에서 언급됨", ask: "업무 토론의 댓글에서 귀하를 언급했습니다." },
  },
  en: {
    "approval.requested": { subject: "Approval requested", ask: "Please review the plan and approve it, reject it or request changes." },
    "approval.escalated": {
      subject: "Approval overdue — escalated to HQ",
      ask: "The head of mission did not decide in time; the decision is now with HQ.",
    },
    "approval.overdue": { subject: "Approval overdue", ask: "The decision is overdue. Please decide." },
    "approval.handed_over": {
      subject: "Approval passed to you — the head left",
      ask: "The head of mission left with this approval pending; the decision is now yours.",
    },
    "assignment.created": { subject: "New assignment", ask: "Your organisation has a new assignment. Please acknowledge it and start." },
    "assignment.reminder": { subject: "Assignment due soon", ask: "An assignment is due soon." },
    "assignment.overdue": { subject: "Assignment overdue", ask: "An assignment is overdue." },
    "assignment.escalated": { subject: "Overdue assignment escalated to you", ask: "An assignment in your mission's task is overdue." },
    "assignment.assigned": { subject: "Assignment given to you", ask: "Your organisation's lead gave this assignment to you." },
    "assignment.reassigned": { subject: "Assignment reassigned", ask: "Your organisation's lead gave an assignment you held to a colleague." },
    "assignment.returned": {
      subject: "Assignment back in the queue — its holder left",
      ask: "The person holding this assignment moved or left; it is back in your organisation's queue. Please give it to someone.",
    },
    "task.cancelled": { subject: "Task cancelled", ask: "The task was cancelled and your organisation's work withdrawn." },
    "task.completed": { subject: "Task completed", ask: "The joint task is complete." },
    "task.rejected": { subject: "Plan rejected", ask: "The plan was rejected and the task closed." },
    "comment.mentioned": { subject: "You were mentioned in a comment", ask: "Someone mentioned you in the task's discussion." },
  },
};

const LABELS = {
  ko: {
    brand: "팀코리아",
    ref: "참조",
    task: "업무",
    detail: "내용",
    org: "기관",
    deadline: "기한",
    local: "현지",
    seoul: "서울",
    open: "열기",
    digest: (n: number) => `알림 ${n}건`,
  },
  en: {
    brand: "Team Korea",
    ref: "Reference",
    task: "Task",
    detail: "Details",
    org: "Organisation",
    deadline: "Deadline",
    local: "local",
    seoul: "Seoul",
    open: "Open",
    digest: (n: number) => `${n} notices`,
  },
} as const;

/** The mission's clock: the directory's zone for it, else its country's known one. */
const missionZone = (country: string, zone?: string | null): string | undefined => zone || MISSION_TIME_ZONES[country];

/** The instant a deadline names: an ISO time as it is; a due day at 23:59 on the mission's clock. */
export function deadlineInstant(deadline: string, country: string, zone?: string | null): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return new Date(deadline);
  const clockZone = missionZone(country, zone) ?? SEOUL_TIME_ZONE;
  const wall = Date.parse(`${deadline}T23:59:00Z`);
  return new Date(wall - zoneOffsetMs(new Date(wall), clockZone));
}

const clock = (at: Date, lang: Language, zone: string) => formatMoment(at, lang, zone);

/** "2026. 12. 1. 오후 11:59 (현지) · 2026. 12. 2. 오후 1:59 (서울)"; Seoul only where the mission's zone is unknown. */
export function formatDeadline(deadline: string, country: string, lang: Language, zone?: string | null): string {
  const at = deadlineInstant(deadline, country, zone);
  const l = LABELS[lang];
  const seoul = `${clock(at, lang, SEOUL_TIME_ZONE)} (${l.seoul})`;
  const local = missionZone(country, zone);
  return local ? `${clock(at, lang, local)} (${l.local}) · ${seoul}` : seoul;
}

/** The title a reader of `lang` reads, as the web app shows it: Korean readers the Korean title, where there is one. */
const titleIn = (d: NoticeData, lang: Language) => (lang === "ko" && d.titleKo ? d.titleKo : d.title);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function words(kind: string, lang: Language): Words {
  return WORDS[lang][kind] ?? { subject: kind, ask: "" };
}

function lines(n: RenderedNotice, lang: Language, baseUrl: string): { label: string; value: string; href?: string }[] {
  const l = LABELS[lang];
  const d = n.data;
  return [
    { label: l.task, value: titleIn(d, lang) },
    ...(d.detail ? [{ label: l.detail, value: d.detail }] : []),
    ...(d.org ? [{ label: l.org, value: d.org }] : []),
    ...(d.deadline ? [{ label: l.deadline, value: formatDeadline(d.deadline, d.country, lang, d.zone) }] : []),
    { label: l.open, value: `${baseUrl}${d.path}`, href: `${baseUrl}${d.path}` },
    ...(d.ref ? [{ label: l.ref, value: d.ref }] : []),
  ];
}

function section(n: RenderedNotice, lang: Language, baseUrl: string): { text: string; html: string } {
  const w = words(n.kind, lang);
  const rows = lines(n, lang, baseUrl);
  const text = [w.subject, w.ask, ...rows.map((r) => `${r.label}: ${r.value}`)].filter(Boolean).join("\n");
  const html = [
    `<h2 style="font-size:16px;margin:16px 0 4px">${escapeHtml(w.subject)}</h2>`,
    w.ask ? `<p style="margin:0 0 8px">${escapeHtml(w.ask)}</p>` : "",
    '<table style="border-collapse:collapse">',
    ...rows.map(
      (r) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(r.label)}</th><td>${
          r.href ? `<a href="${escapeHtml(r.href)}">${escapeHtml(r.value)}</a>` : escapeHtml(r.value)
        }</td></tr>`,
    ),
    "</table>",
  ].join("");
  return { text, html };
}

/** One e-mail for one notice, or a digest for several. */
export function renderEmail(notices: RenderedNotice[], lang: Language, baseUrl: string): Email {
  const l = LABELS[lang];
  const first = notices[0];
  if (!first) throw new Error("renderEmail needs at least one notice");
  const subject =
    notices.length === 1
      ? `[${l.brand}] ${words(first.kind, lang).subject}: ${titleIn(first.data, lang)}`
      : `[${l.brand}] ${l.digest(notices.length)}`;
  const parts = notices.map((n) => section(n, lang, baseUrl));
  return {
    subject,
    text: `${parts.map((p) => p.text).join("\n\n---\n\n")}\n`,
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif">${parts
      .map((p) => p.html)
      .join('<hr style="margin:16px 0">')}</body></html>`,
  };
}
