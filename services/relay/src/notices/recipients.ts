/**
 * Who is told about a fact, one rule per timeline action: a new approval → its deciders (the
 * head and an acting head inside the delegation window, or HQ for its step and after
 * escalation); a new assignment, a reminder, an overdue one → the assignee organisation's people,
 * and the head as well (urgent) when it is overdue; a cancellation → the organisations whose work
 * was withdrawn; a closed task → the mission and the informed organisations. Everyone is then
 * checked against the API's own visibility rule: nobody is told of a task they may not open.
 */

import { clipText } from "@hub/contracts";
import {
  approvalDueAt,
  assignmentForNotice,
  assignmentOrgs,
  commentForNotice,
  decidersOf,
  headsOf,
  leadsOf,
  type NoticeFact,
  type Person,
  postedByEmail,
  type Queryable,
  whoMaySee,
  workersOf,
} from "@hub/db";
import type { NoticeData } from "./render";

export interface Audience {
  people: Person[];
  kind: string;
  urgent: boolean;
  data: NoticeData;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
/** How much of a comment a mention's e-mail quotes: enough to know what is asked; the task page has the rest. */
const MENTION_EXCERPT = 1000;

export async function audiencesFor(q: Queryable, f: NoticeFact, today: string): Promise<Audience[]> {
  const d = f.detail;
  const base = {
    title: f.task.title,
    titleKo: f.task.titleKo ?? null,
    country: f.task.country,
    ref: f.workflowId,
    zone: f.task.missionTimeZone ?? null,
  };
  const taskPath = `/tasks/${encodeURIComponent(f.workflowId)}`;
  const mission = f.task.missionCode;
  const audiences: Audience[] = [];
  const add = (people: Person[], kind: string, urgent: boolean, data: Omit<NoticeData, "title" | "country" | "ref">) =>
    audiences.push({ people, kind, urgent, data: { ...base, ...data } });

  switch (f.action) {
    case "approval.requested": {
      const decider = str(d.decider) ?? mission;
      if (decider) add(await decidersOf(q, decider, today), f.action, false, { path: "/approvals", deadline: str(d.decideBy) });
      break;
    }
    case "approval.escalated":
    case "approval.overdue": {
      const to = str(d.to) ?? str(d.decider);
      const approvalId = str(d.approvalId);
      const deadline = str(d.decideBy) ?? (approvalId ? await approvalDueAt(q, approvalId) : null);
      // Passed to HQ because the head left, not because the deadline passed: told as such, with why.
      const left = d.cause === "head_left";
      const kind = left ? "approval.handed_over" : f.action;
      if (to) add(await decidersOf(q, to, today), kind, true, { path: "/approvals", deadline, ...(left ? { detail: str(d.reason) } : {}) });
      break;
    }
    case "approval.handed_over": {
      const approvalId = str(d.approvalId);
      const deadline = approvalId ? await approvalDueAt(q, approvalId) : null;
      // decidersOf names the acting head while no head is posted.
      const decider = str(d.decider) ?? mission;
      if (decider) add(await decidersOf(q, decider, today), f.action, true, { path: "/approvals", deadline, detail: str(d.reason) });
      break;
    }
    case "assignment.created": {
      const org = str(d.org);
      if (org) add(await workersOf(q, [org]), f.action, false, { path: "/assignments", detail: str(d.task), deadline: str(d.dueOn), org });
      break;
    }
    case "assignment.reminder":
    case "assignment.overdue": {
      const id = str(d.assignmentId);
      const a = id ? await assignmentForNotice(q, id) : null;
      if (!a) break;
      const data = { path: taskPath, detail: a.task, deadline: a.dueOn, org: a.org };
      add(await workersOf(q, [a.org]), f.action, false, data);
      const head = str(d.escalatedTo);
      if (f.action === "assignment.overdue" && head) add(await headsOf(q, [head]), "assignment.escalated", true, data);
      break;
    }
    case "assignment.assigned":
    case "assignment.released": {
      const id = str(d.assignmentId);
      const a = id ? await assignmentForNotice(q, id) : null;
      if (!a) break;
      const data = { path: taskPath, detail: a.task, deadline: a.dueOn, org: a.org };
      const email = (v: unknown) => str((v as { email?: unknown } | null)?.email);
      if (f.action === "assignment.assigned") {
        // The lead gave it to someone: they are told it is theirs, whoever held it before that it is not.
        const to = email(d.to);
        const from = email(d.from);
        if (to) add(await postedByEmail(q, [to]), "assignment.assigned", false, data);
        if (from && from !== to) add(await postedByEmail(q, [from]), "assignment.reassigned", false, data);
      } else if (str(d.reason)) {
        // The hub returned it to the queue because its holder left: the organisation's lead hears why.
        add(await leadsOf(q, a.org), "assignment.returned", false, { ...data, detail: `${a.task} — ${str(d.reason)}` });
      }
      break;
    }
    case "task.cancelled": {
      const withdrawn = Array.isArray(d.withdrawn)
        ? d.withdrawn.map((w) => str((w as { assignmentId?: unknown }).assignmentId)).filter((x) => x !== null)
        : [];
      add(await workersOf(q, await assignmentOrgs(q, withdrawn)), f.action, false, { path: taskPath, detail: str(d.reason) });
      break;
    }
    case "comment.added":
    case "comment.edited": {
      // Those the text (newly) mentions, with who wrote what; a comment deleted before the relay
      // got to it tells nobody, and nobody is told of their own words.
      const id = str(d.commentId);
      const c = id ? await commentForNotice(q, id) : null;
      const mentioned = Array.isArray(d.mentioned) ? d.mentioned.map(str).filter((e) => e !== null && e !== c?.authorEmail) : [];
      if (c && mentioned.length > 0) {
        const detail = `${c.author}: ${clipText(c.body, MENTION_EXCERPT)}`;
        add(await postedByEmail(q, mentioned as string[]), "comment.mentioned", false, { path: taskPath, detail });
      }
      break;
    }
    case "task.completed":
    case "task.rejected": {
      const orgs = [...(mission ? [mission] : []), ...f.task.informed];
      add(await workersOf(q, orgs), f.action, false, { path: taskPath });
      break;
    }
  }
  // One notice per person and fact: the first audience that names someone wins (the head of an
  // overdue mission assignment is told once, as the escalation).
  const told = new Set<string>();
  const out: Audience[] = [];
  for (const a of audiences.reverse()) {
    const people = (await whoMaySee(q, f.workflowId, a.people)).filter((p) => !told.has(p.id));
    for (const p of people) told.add(p.id);
    if (people.length > 0) out.push({ ...a, people });
  }
  return out;
}
