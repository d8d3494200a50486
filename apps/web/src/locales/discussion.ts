/** Labels of a task's discussion (components/Discussion.tsx) and its timeline entries, in both languages. */

const ko = {
  discussion: {
    title: "토론",
    empty: "아직 댓글이 없습니다.",
    label: "댓글",
    hint: "@이메일(예: @kotra.us@teamkorea.dev)로 이 업무를 볼 수 있는 사람을 언급하면 그 사람에게 이메일 알림이 갑니다.",
    post: "댓글 달기",
    posted: "댓글을 달았습니다.",
    edit: "수정",
    save: "수정 저장",
    cancel: "취소",
    delete: "삭제",
    confirmDelete: "이 댓글을 삭제할까요? 본부는 삭제된 내용을 계속 볼 수 있습니다.",
    edited: "수정됨",
    deleted: "삭제된 댓글입니다.",
    deletedBy: "{{who}}이(가) {{at}}에 삭제",
    tombstone: "삭제된 댓글 (본부 열람용 기록)",
    revisions: "이전 내용 {{count}}건",
    writtenAt: "{{at}} 작성",
    mentions: "언급",
    failed: "저장하지 못했습니다: {{message}}",
  },
  timeline: {
    category: { comment: "토론" },
    action: { comment: { added: "댓글", edited: "댓글 수정", deleted: "댓글 삭제" } },
  },
};

const en: typeof ko = {
  discussion: {
    title: "Discussion",
    empty: "No comments yet.",
    label: "Comment",
    hint: "Mention someone who may see this task with @e-mail (e.g. @kotra.us@teamkorea.dev) and they are told by e-mail.",
    post: "Post comment",
    posted: "Comment posted.",
    edit: "Edit",
    save: "Save changes",
    cancel: "Cancel",
    delete: "Delete",
    confirmDelete: "Delete this comment? HQ can still read what it said.",
    edited: "edited",
    deleted: "This comment was deleted.",
    deletedBy: "Deleted by {{who}} at {{at}}",
    tombstone: "Deleted comment (kept for HQ)",
    revisions: "{{count}} earlier version(s)",
    writtenAt: "written {{at}}",
    mentions: "Mentions",
    failed: "Not saved: {{message}}",
  },
  timeline: {
    category: { comment: "Discussion" },
    action: { comment: { added: "Comment", edited: "Comment edited", deleted: "Comment deleted" } },
  },
};

export const discussion = { ko, en };
