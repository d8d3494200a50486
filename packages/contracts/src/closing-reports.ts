/** Each kind's closing report: what HQ reads when a task is done. Typed by kind in GET /v1/workflows/{id}. */
import { z } from "zod";
import { AssignmentStatus } from "./joint-tasks";

export const AssignmentReport = z.object({ org: z.string(), task: z.string(), status: AssignmentStatus, report: z.string().nullable() });
export type AssignmentReport = z.infer<typeof AssignmentReport>;

export const TradeRestrictionReport = z.object({
  kind: z.literal("trade-restriction"),
  outcome: z.string(),
  dutyRatePercent: z.number().optional(),
  summary: z.string(),
  reports: z.array(AssignmentReport),
});

export const FollowUpOutcome = z.enum(["retained", "left", "unknown"]);
export const YouthJobReport = z.object({
  kind: z.literal("youth-job"),
  employer: z.string(),
  title: z.string(),
  positions: z.number(),
  /** True when the opening closed before every position was filled. */
  closedUnfilled: z.boolean(),
  placements: z.array(
    z.object({
      candidateRef: z.string(),
      startsOn: z.string(),
      followUps: z.array(
        z.object({ dueOn: z.string(), status: AssignmentStatus, outcome: FollowUpOutcome.nullable(), report: z.string().nullable() }),
      ),
    }),
  ),
  reports: z.array(AssignmentReport),
});

export const AnniversaryReport = z.object({
  kind: z.literal("anniversary"),
  title: z.string(),
  date: z.string(),
  budgetKrw: z.number(),
  components: z.array(AssignmentReport),
  postEventReport: AssignmentReport.nullable(),
});

export const MissionPlanReport = z.object({
  kind: z.literal("mission-plan"),
  title: z.string(),
  budgetKrw: z.number().nullable(),
  reports: z.array(AssignmentReport),
});

export const ClosingReport = z.discriminatedUnion("kind", [TradeRestrictionReport, YouthJobReport, AnniversaryReport, MissionPlanReport]);
export type ClosingReport = z.infer<typeof ClosingReport>;
export type ClosingReportOf<K extends ClosingReport["kind"]> = Extract<ClosingReport, { kind: K }>;
