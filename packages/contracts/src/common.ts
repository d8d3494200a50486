import { z } from "zod";

/** ISO 3166-1 alpha-2, upper case (e.g. "US", "VN"). */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US");
export type CountryCode = z.infer<typeof CountryCode>;

/** Organisation codes such as EMB-US, KOTRA-VN, MOTIE. */
export const OrgCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, "must be an organisation code such as EMB-US or KOTRA-VN");

/** A calendar date, YYYY-MM-DD, that really exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a real calendar date");

/**
 * A date timers and due dates are built from (an event's deadline, start or date; a delegation's
 * window): a real date within ten years either side of today. Beyond that it is a typo, and a
 * year like 9999 would push a computed due date past what PostgreSQL and Temporal can hold.
 */
export const NearDate = IsoDate.refine((s) => {
  const years = (new Date(`${s}T00:00:00Z`).getTime() - Date.now()) / (365.25 * 86_400_000);
  return Math.abs(years) <= 10;
}, "must be within ten years of today");

/** A business reference (case, opening, event, plan): part of a workflow id, so kept to a safe alphabet. */
export const BusinessRef = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "may hold letters, digits, '.', '_' and '-' only");

export const OrgKind = z.enum(["MISSION", "AGENCY", "MINISTRY"]);
export type OrgKind = z.infer<typeof OrgKind>;

export const Role = z.enum(["MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF", "HQ_REVIEWER", "ADMIN"]);
export type Role = z.infer<typeof Role>;

/**
 * Who did something, as shown in histories. An acting head (직무대리) decides as themself, on
 * behalf of the head who delegated to them: `onBehalfOf` holds that head's e-mail.
 */
export const Actor = z.object({ email: z.string(), org: z.string(), onBehalfOf: z.string().optional() });
export type Actor = z.infer<typeof Actor>;

/** The authenticated caller, as every scoped query and check sees it. */
export const Principal = z.object({
  userId: z.string(),
  email: z.string(),
  role: Role,
  orgCode: z.string(),
  orgKind: OrgKind,
  orgCountry: CountryCode.nullable(),
});
export type Principal = z.infer<typeof Principal>;
