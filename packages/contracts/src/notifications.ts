/** E-mail notices: a person's preferences (GET/PUT /v1/me/notifications) and the admins' listing of parked notices. */
import { z } from "zod";
import { isTimeZone, MISSION_TIME_ZONES, SEOUL_TIME_ZONE } from "./time-zones";

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "is not a time of day as HH:MM (00:00 to 23:59)");

export const QuietHours = z
  .object({ from: ClockTime, until: ClockTime })
  .refine((q) => q.from !== q.until, { message: "from and until are the same time: quiet hours need a length", path: ["until"] });

export const NotificationPrefs = z.object({
  /** The language of the e-mails: Korean unless chosen otherwise. */
  language: z.enum(["ko", "en"]),
  /** instant: one message per notice; digest: notices that arrive close together in one message. */
  delivery: z.enum(["instant", "digest"]),
  /** The person's own clock, for quiet hours (an IANA name such as Asia/Seoul). */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, "is not a time zone this server knows (an IANA name such as Asia/Seoul)"),
  /** Notices are held from `from` until `until` (the next morning when until < from); null: none. */
  quietHours: QuietHours.nullable(),
  /** Urgent notices (escalations, overdue work told to the head) go out during quiet hours too. */
  urgentBypassesQuiet: z.boolean(),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

/**
 * What a person without stored choices gets: Korean, one message per notice, their organisation's
 * clock as the directory gives it (without one: the country's in MISSION_TIME_ZONES, else Seoul's),
 * no quiet hours.
 */
export function defaultNotificationPrefs(org: { timeZone?: string | null; country: string | null }): NotificationPrefs {
  return {
    language: "ko",
    delivery: "instant",
    timeZone: org.timeZone || (org.country && MISSION_TIME_ZONES[org.country]) || SEOUL_TIME_ZONE,
    quietHours: null,
    urgentBypassesQuiet: true,
  };
}

/** PUT /v1/me/notifications: any of the preferences; the others stay as they are. */
export const NotificationPrefsUpdate = NotificationPrefs.partial().strict();
export type NotificationPrefsUpdate = z.infer<typeof NotificationPrefsUpdate>;

export const ParkedNotice = z.object({
  id: z.string(),
  recipient: z.string(),
  workflowId: z.string(),
  kind: z.string(),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  parkedAt: z.string().nullable(),
});
export type ParkedNotice = z.infer<typeof ParkedNotice>;
