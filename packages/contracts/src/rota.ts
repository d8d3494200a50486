/** The duty rota's HTTP contracts (issue 21 §2); its rules are zod-free in rota-rules.ts and time-zones.ts. */
import { z } from "zod";
import { Instant, OrgCode } from "./common";
import { LOCAL_WALL_TIME } from "./time-zones";

const TEN_YEARS_MS = 10 * 365.25 * 86_400_000;

/** A wall time on the mission's clock, to the minute and without an offset: `2026-03-08T18:00`. */
export const LocalWallTime = z
  .string()
  // abort: a string that is no wall time gets that one message, not a second about the window.
  .regex(LOCAL_WALL_TIME, {
    message: "must be a local wall time on the mission's clock such as 2026-03-08T18:00 (no offset, no seconds)",
    abort: true,
  })
  .refine((s) => Math.abs(Date.parse(`${s}:00Z`) - Date.now()) <= TEN_YEARS_MS, "must be within ten years of today")
  .describe("a wall time on the mission's clock (its IANA time zone, daylight saving included), e.g. 2026-03-08T18:00");

/** A moment given either way: a wall time on the mission's clock, or an RFC 3339 instant. */
export const RotaMoment = z
  .string()
  .max(40)
  .refine(
    (s) => LocalWallTime.safeParse(s).success || Instant.safeParse(s).success,
    "must be a wall time on the mission's clock (2026-03-08T18:00, within ten years of today) or an RFC 3339 timestamp (2026-03-08T09:00:00Z)",
  )
  .describe("a wall time on the mission's clock (2026-03-08T18:00) or an RFC 3339 timestamp");

export const RotaParams = z.object({ code: OrgCode.describe("the mission's code, e.g. EMB-TH") });
export const RotaShiftParams = RotaParams.extend({ id: z.string().uuid() });

const Email = z.string().max(254, { abort: true }).email();

export const RotaShiftBody = z.object({
  from: LocalWallTime.describe("the shift's start on the mission's clock, e.g. 2026-03-08T18:00"),
  until: LocalWallTime.describe("the shift's end on the mission's clock (not included), at most 14 days after `from`"),
  officer: Email.describe("who is on duty: a person posted at the mission today"),
  backup: Email.nullable().optional().describe("who stands in: another person posted at the mission today"),
});
export type RotaShiftBody = z.infer<typeof RotaShiftBody>;

export const RotaWindowQuery = z.object({
  from: RotaMoment.optional().describe("start of the window (default: now)"),
  to: RotaMoment.optional().describe("end of the window (default: a week after `from`; at most 92 days after it)"),
});
export const OnDutyQuery = z.object({ at: RotaMoment.optional().describe("the moment asked about (default: now)") });

/** A stretch of time both ways: instants (UTC) and wall times on the mission's clock. */
const Span = {
  startsAt: z.string().describe("instant, UTC"),
  endsAt: z.string().describe("instant, UTC (not included)"),
  localStart: z.string().describe("wall time on the mission's clock"),
  localEnd: z.string().describe("wall time on the mission's clock"),
};

export const RotaShift = z.object({
  id: z.string(),
  mission: z.string(),
  ...Span,
  officer: z.string(),
  backup: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type RotaShift = z.infer<typeof RotaShift>;
export const RotaGap = z.object(Span);
export type RotaGap = z.infer<typeof RotaGap>;

export const RotaBody = z.object({
  mission: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  localFrom: z.string(),
  localTo: z.string(),
  shifts: z.array(RotaShift),
  /** Stretches of the window nobody is on duty for. */
  gaps: z.array(RotaGap),
});
export type RotaBody = z.infer<typeof RotaBody>;

export const OnDutyBody = z.object({
  mission: z.string(),
  timeZone: z.string(),
  at: z.string(),
  localAt: z.string(),
  /** Null: a gap in the rota, nobody is on duty then. */
  onDuty: z.object({ officer: z.string(), backup: z.string().nullable(), shift: RotaShift }).nullable(),
});
export type OnDutyBody = z.infer<typeof OnDutyBody>;
