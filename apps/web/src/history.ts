/**
 * One task's history as people read it: each entry's category (what kind of moment it is), its
 * label, and the words a person wrote with it. Shared by the timeline and the CSV export, so both
 * say the same thing about the same entry.
 */
import type { TFunction } from "i18next";

export interface HistoryEntry {
  at: string;
  actor: { email: string; org: string; onBehalfOf?: string } | null;
  action: string;
  detail?: unknown;
}
export interface History {
  workflowId: string;
  entries: HistoryEntry[];
  temporalHistoryUrl: string | null;
}

export const CATEGORIES = [
  "event",
  "plan",
  "approval",
  "assignment",
  "reminder",
  "escalation",
  "cancel",
  "close",
  "problem",
  "comment",
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Exact actions first (they cut across prefixes: an overdue assignment is an escalation), then by prefix. */
const BY_ACTION: Record<string, Category> = {
  "assignment.reminder": "reminder",
  "assignment.overdue": "escalation",
  "approval.escalated": "escalation",
  "approval.handed_over": "escalation",
  "approval.overdue": "escalation",
  "task.cancelled": "cancel",
  "approval.cancelled": "cancel",
  "task.completed": "close",
  "task.rejected": "close",
  "task.write_failed": "problem",
};
const BY_PREFIX: Record<string, Category> = {
  event: "event",
  plan: "plan",
  approval: "approval",
  assignment: "assignment",
  comment: "comment",
  task: "other",
};

export function categoryOf(action: string): Category {
  return BY_ACTION[action] ?? BY_PREFIX[action.split(".")[0] ?? ""] ?? "other";
}

/** The entry's label in the language shown; an action this app does not know yet shows its code. */
export function actionLabel(t: TFunction, action: string): string {
  // The labels nest as the codes do (timeline.action.approval.approved).
  const label: unknown = t(`timeline.action.${action}`, { defaultValue: "" });
  return typeof label === "string" && label !== "" ? label : action;
}

const detailOf = (e: HistoryEntry): Record<string, unknown> =>
  e.detail !== null && typeof e.detail === "object" && !Array.isArray(e.detail) ? (e.detail as Record<string, unknown>) : {};

/** What a person wrote with the entry (a decision's comment, a report, a reason, an assignment's task), exactly as written. */
export function noteOf(e: HistoryEntry): string | null {
  const d = detailOf(e);
  for (const k of ["comment", "text", "reason", "note", "task"]) {
    const v = d[k];
    if (typeof v === "string" && v.trim() !== "") return v;
  }
  return null;
}

/** Short facts worth showing beside the label: an outcome, the organisation and due day, where it went. */
export function factsOf(e: HistoryEntry): [key: string, value: string][] {
  const d = detailOf(e);
  return ["outcome", "org", "dueOn", "to", "escalatedTo", "decideBy"].flatMap((k) => {
    const v = d[k];
    return typeof v === "string" && v !== "" ? [[k, v] as [string, string]] : [];
  });
}
