/**
 * The one place a plan is judged. The API runs these before it records anything; the workflow
 * runs the same rules in its Update validators, so a plan that reaches a task is a plan the
 * task can finish: every organisation may take part, keys are unique, due dates are sane.
 */
import type { Plan, PlanAssignment, PlanDiff } from "@hub/contracts";
import { addDays } from "./dates";

export interface PlanIssue {
  path: string;
  message: string;
}

export interface PlanContext {
  country: string;
  /** Today (UTC), from the caller's clock: the workflow's in a workflow. */
  today: string;
  /** Who may take part: the country's Team Korea and the ministries at home, HQ excepted. Null: not checked here. */
  participants: ReadonlySet<string> | null;
  /** Every organisation in the directory, when the caller has it: sharpens the message for unknown codes. */
  known?: ReadonlySet<string>;
  /** The leading mission, which needs no informing. */
  mission?: string;
}

/** Due dates may lie from yesterday (a mission west of UTC is still a day behind) to three years ahead. */
export const DUE_WINDOW = { pastDays: 1, futureDays: 3 * 366 };

function orgIssue(org: string, ctx: PlanContext): string | null {
  if (ctx.known && !ctx.known.has(org)) return `no organisation ${org} in the directory`;
  if (ctx.participants && !ctx.participants.has(org)) {
    return `${org} may not take part in ${ctx.country}'s tasks: only Team Korea in ${ctx.country} and the ministries at home may`;
  }
  return null;
}

export function dueDateIssue(dueOn: string, today: string): string | null {
  const earliest = addDays(today, -DUE_WINDOW.pastDays);
  const latest = addDays(today, DUE_WINDOW.futureDays);
  if (dueOn < earliest) return `is in the past; give a date from ${earliest} on`;
  if (dueOn > latest) return `is too far ahead; give a date up to ${latest}`;
  return null;
}

/** Organisations and due dates of assignments (or of an event's components), at a path of the caller's. */
export function checkAssignments(items: { org: string; dueOn: string }[], ctx: PlanContext, path: string): PlanIssue[] {
  const issues: PlanIssue[] = [];
  items.forEach((a, i) => {
    const org = orgIssue(a.org, ctx);
    if (org) issues.push({ path: `${path}.${i}.org`, message: org });
    const due = dueDateIssue(a.dueOn, ctx.today);
    if (due) issues.push({ path: `${path}.${i}.dueOn`, message: due });
  });
  return issues;
}

/** Organisations kept informed: each may take part, appears once, and has no assignment of its own. */
export function checkInformed(informed: string[], assignees: Set<string>, ctx: PlanContext, path: string): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const seen = new Set<string>();
  informed.forEach((org, i) => {
    const bad =
      orgIssue(org, ctx) ??
      (seen.has(org) ? `${org} is listed twice` : null) ??
      (org === ctx.mission ? `${org} leads the task; it needs no informing` : null) ??
      (assignees.has(org) ? `${org} has an assignment; informed organisations have none` : null);
    if (bad) issues.push({ path: `${path}.${i}`, message: bad });
    seen.add(org);
  });
  return issues;
}

export function validatePlan(plan: Plan, ctx: PlanContext, path = "plan"): PlanIssue[] {
  const issues = checkAssignments(plan.assignments, ctx, `${path}.assignments`);
  const keys = new Map<string, number>();
  plan.assignments.forEach((a, i) => {
    const first = keys.get(a.key);
    if (first !== undefined)
      issues.push({ path: `${path}.assignments.${i}.key`, message: `repeats the key of assignment ${first}; keys must be unique` });
    else keys.set(a.key, i);
  });
  const assignees = new Set(plan.assignments.map((a) => a.org));
  issues.push(...checkInformed(plan.informed ?? [], assignees, ctx, `${path}.informed`));
  return issues;
}

export const describePlanIssues = (issues: PlanIssue[]) => issues.map((i) => `${i.path} ${i.message}`).join("; ");

const FIELDS = ["org", "task", "dueOn", "outcomes"] as const;

/** What changed between two versions of a plan, by assignment key. */
export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const old = new Map(before.assignments.map((a) => [a.key, a]));
  const now = new Map(after.assignments.map((a) => [a.key, a]));
  const changed: PlanDiff["changed"] = [];
  for (const [key, a] of now) {
    const b = old.get(key);
    if (!b) continue;
    const fields = FIELDS.filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
    if (fields.length > 0) changed.push({ key, before: b, after: a, fields: [...fields] });
  }
  return {
    added: after.assignments.filter((a) => !old.has(a.key)),
    removed: before.assignments.filter((a) => !now.has(a.key)),
    changed,
  };
}

export type { Plan, PlanAssignment };
