/** Labels of the task page's files (components/TaskFiles.tsx), in both languages. */

const ko = {
  files: {
    title: "첨부 파일",
    none: "첨부된 파일이 없습니다.",
    name: "파일",
    attachedTo: "첨부 대상",
    plan: "계획 {{round}}차안",
    report: "{{org}} 결과 보고",
    size: "크기",
    by: "올린 사람",
    download: "{{name}} 내려받기",
    failed: "내려받지 못했습니다: {{message}}",
    attachTitle: "파일 첨부",
    choose: "파일",
    hint: "PDF, 한글(HWP·HWPX), 워드·엑셀·파워포인트, 오픈문서, 이미지. 파일당 25MB까지.",
    send: "첨부",
    sending: "올리는 중…",
    sent: "첨부했습니다.",
    refused: "첨부하지 못했습니다: {{message}}",
  },
};

const en: typeof ko = {
  files: {
    title: "Files",
    none: "No files are attached.",
    name: "File",
    attachedTo: "Attached to",
    plan: "Plan, version {{round}}",
    report: "{{org}}'s report",
    size: "Size",
    by: "Sent by",
    download: "Download {{name}}",
    failed: "Not downloaded: {{message}}",
    attachTitle: "Attach a file",
    choose: "File",
    hint: "PDF, Hangul (HWP, HWPX), Word, Excel, PowerPoint, OpenDocument, images; up to 25 MB a file.",
    send: "Attach",
    sending: "Sending…",
    sent: "Attached.",
    refused: "Not attached: {{message}}",
  },
};

export const files = { ko, en };
