import { EVENT_TYPES, type TypedEvent, workflowIdOfEvent } from "@hub/contracts";
import { type Queryable, sql } from "./client";
import { type Directory, teamLeadOf } from "./orgs";

/**
 * The task an event opens or is for. An event that opens one opens it in its publisher's team
 * (a consulate general's team gets that mission in the id; the country's keeps the ids of old).
 * An event for a running task goes to the task of that reference that exists, looked for in the
 * publisher's team first, then the country's, then every consulate general's of the country; when
 * none exists yet, the publisher's team's id, which the router then reports as no open task.
 */
export async function taskOfEvent(q: Queryable, dir: Directory, event: TypedEvent): Promise<{ workflowId: string; lead: string | null }> {
  const { country } = event.data;
  const lead = teamLeadOf(dir, event.source, country);
  const own = workflowIdOfEvent(event.type, event.data, lead);
  if (EVENT_TYPES[event.type].role === "start") return { workflowId: own, lead };
  const candidates = [
    ...new Map([lead, ...teamLeads(dir, country)].map((l) => [workflowIdOfEvent(event.type, event.data, l), l] as const)).entries(),
  ];
  if (candidates.length === 1) return { workflowId: own, lead };
  const found = await q.query<{ id: string }>(sql`SELECT id FROM joint_tasks WHERE id = ANY(${candidates.map(([id]) => id)}::text[])`);
  const existing = new Set(found.map((r) => r.id));
  const hit = candidates.find(([id]) => existing.has(id));
  return hit ? { workflowId: hit[0], lead: hit[1] } : { workflowId: own, lead };
}

/** The teams of a country: null for the country's own, then each consulate general leading one. */
const teamLeads = (dir: Directory, country: string): (string | null)[] => [
  null,
  ...[...dir.orgs.values()].filter((o) => teamLeadOf(dir, o.code, country) === o.code).map((o) => o.code),
];

/** Which team's task `workflowId` is, for an event of it (null: the country's team, or none of the country's teams now). */
export function teamOfTask(dir: Directory, event: TypedEvent, workflowId: string): string | null {
  return teamLeads(dir, event.data.country).find((l) => workflowIdOfEvent(event.type, event.data, l) === workflowId) ?? null;
}
