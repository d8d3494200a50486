/** Labels of the notice preferences page (pages/NotificationPrefs.tsx), in both languages. */

const ko = {
  prefs: {
    nav: "알림 설정",
    title: "이메일 알림 설정",
    intro: "결재 요청, 업무 배정, 기한 알림 등 이메일 알림을 받는 방식입니다.",
    language: "알림 언어",
    languages: { ko: "한국어", en: "English" },
    delivery: "받는 방식",
    deliveries: { instant: "알림마다 바로 한 통씩", digest: "가까운 시간의 알림을 모아 한 통으로" },
    timeZone: "내 시간대",
    timeZoneHint: "방해 금지 시간을 이 시간대로 셉니다 (예: Asia/Seoul, America/Los_Angeles).",
    quiet: "방해 금지 시간 사용",
    quietFrom: "시작",
    quietUntil: "종료",
    quietHint: "이 시간 동안의 알림은 종료 시각에 보냅니다. 종료가 시작보다 이르면 다음 날 아침까지입니다.",
    urgent: "긴급 알림(기한 초과, 본부 이관)은 방해 금지 시간에도 보내기",
    save: "저장",
    saved: "저장했습니다.",
    invalid: "저장하지 못했습니다: {{detail}}",
  },
};

const en: typeof ko = {
  prefs: {
    nav: "Notices",
    title: "E-mail notice settings",
    intro: "How you receive e-mail notices: approvals requested, assignments given, due dates and the rest.",
    language: "Language of the e-mails",
    languages: { ko: "한국어", en: "English" },
    delivery: "Delivery",
    deliveries: { instant: "One message per notice, at once", digest: "Notices close together in one message" },
    timeZone: "Your time zone",
    timeZoneHint: "Quiet hours are counted on this clock (e.g. Asia/Seoul, America/Los_Angeles).",
    quiet: "Use quiet hours",
    quietFrom: "From",
    quietUntil: "Until",
    quietHint: "Notices in these hours are sent when they end; an end before the start means the next morning.",
    urgent: "Send urgent notices (overdue work, escalations) during quiet hours too",
    save: "Save",
    saved: "Saved.",
    invalid: "Not saved: {{detail}}",
  },
};

export const notices = { ko, en };
