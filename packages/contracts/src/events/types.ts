/**
 * Every event type the hub knows: its data schema, the Kafka domain it travels on, the kind of
 * joint task it belongs to, whether it starts that task or is delivered to a running one, and
 * who may publish it. The API, the router and /v1/event-types all read this one table.
 */
import type { z } from "zod";
import { KIND_REF_FIELD, type WorkflowKind, workflowIdFor } from "../kinds";
import { ANNIVERSARY_PROPOSED, AnniversaryProposed } from "./anniversary";
import { JOB_OPENING_POSTED, JOB_PLACEMENT_CONFIRMED, JobOpeningPosted, JobPlacementConfirmed } from "./jobs";
import { PLAN_SUBMITTED, PlanSubmitted } from "./plans";
import { TRADE_RESTRICTION_DECIDED, TRADE_RESTRICTION_DETECTED, TradeRestrictionDecided, TradeRestrictionDetected } from "./trade";

/**
 * Who may publish an event about a country:
 * - `country-team`: mission and agency staff of an organisation in that country;
 * - `mission`: the head or staff of a mission in that country;
 * and which ministries at home may publish it about any country: all of them, none, or those
 * holding a duty in the directory (e.g. the ministry that answers overseas jobs).
 */
export interface PublishRule {
  scope: "country-team" | "mission";
  ministries: "any" | "none" | { duty: string };
}

interface EventTypeSpec {
  data: z.ZodType<{ country: string }>;
  domain: string;
  kind: WorkflowKind;
  /** `start` opens (or joins) the task; `deliver` goes to the running task, which may refuse it. */
  role: "start" | "deliver";
  publish: PublishRule;
}

const tradePublish: PublishRule = { scope: "country-team", ministries: "any" };
const jobsPublish: PublishRule = { scope: "country-team", ministries: { duty: "jobs-ministry" } };
const missionPublish: PublishRule = { scope: "mission", ministries: "none" };

export const EVENT_TYPES = {
  [TRADE_RESTRICTION_DETECTED]: { data: TradeRestrictionDetected, domain: "trade", kind: "trade-restriction", role: "start", publish: tradePublish },
  [TRADE_RESTRICTION_DECIDED]: { data: TradeRestrictionDecided, domain: "trade", kind: "trade-restriction", role: "deliver", publish: tradePublish },
  [JOB_OPENING_POSTED]: { data: JobOpeningPosted, domain: "jobs", kind: "youth-job", role: "start", publish: jobsPublish },
  [JOB_PLACEMENT_CONFIRMED]: { data: JobPlacementConfirmed, domain: "jobs", kind: "youth-job", role: "deliver", publish: jobsPublish },
  [ANNIVERSARY_PROPOSED]: { data: AnniversaryProposed, domain: "anniversary", kind: "anniversary", role: "start", publish: missionPublish },
  [PLAN_SUBMITTED]: { data: PlanSubmitted, domain: "plans", kind: "mission-plan", role: "start", publish: missionPublish },
} as const satisfies Record<string, EventTypeSpec>;

export type EventType = keyof typeof EVENT_TYPES;
export type EventData<T extends EventType> = z.infer<(typeof EVENT_TYPES)[T]["data"]>;
export const KNOWN_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[];

export function isKnownEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_TYPES, type);
}

export const eventSpec = (type: EventType): EventTypeSpec => EVENT_TYPES[type];

/** The event type that opens each kind of task. */
export const START_EVENT = Object.fromEntries(
  KNOWN_EVENT_TYPES.filter((t) => EVENT_TYPES[t].role === "start").map((t) => [EVENT_TYPES[t].kind, t]),
) as Record<WorkflowKind, EventType>;

/**
 * The joint task an event opens or is delivered to. A mission's own plan submitted by a mission
 * other than the country's leading one carries that mission in its id
 * (`mission-plan:ID:MSN-ASEAN:<planRef>`), so two missions of one country never share a plan's
 * id; the leading mission's plans keep `mission-plan:<country>:<planRef>`, as every task before.
 * Likewise a task of a team a consulate general leads carries that mission
 * (`trade-restriction:US:CG-LA:<caseRef>`); `lead` is given only for such a team, so the
 * embassy's tasks keep the ids they always had.
 */
export function workflowIdOfEvent(type: EventType, data: { country: string }, lead?: string | null): string {
  const kind = EVENT_TYPES[type].kind;
  const fields = data as Record<string, unknown>;
  const ref = String(fields[KIND_REF_FIELD[kind]]);
  const owner = kind === "mission-plan" && typeof fields.mission === "string" ? fields.mission : (lead ?? null);
  return workflowIdFor(kind, data.country, owner ? `${owner}:${ref}` : ref);
}
