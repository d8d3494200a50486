/**
 * E-mail notices: each person's preferences (language, instant or digest, quiet hours in their
 * own time zone, whether urgent notices bypass them), and the administrators' listing of notices
 * parked after repeated delivery failures. The notices themselves are made and sent by the relay
 * (services/relay/src/notices), never by a request.
 */
import { defaultNotificationPrefs, ErrorBody, NotificationPrefs, NotificationPrefsUpdate, ParkedNotice } from "@hub/contracts";
import { findNoticePrefs, listParkedNotices, saveNoticePrefs, toNotificationPrefs } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertAdmin } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest } from "../errors";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody };

export async function notificationRoutes(app: FastifyInstance, { db, directory }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const current = async (userId: string, orgCountry: string | null, orgCode: string) => {
    const stored = await findNoticePrefs(db, userId);
    return stored
      ? toNotificationPrefs(stored)
      : defaultNotificationPrefs({ timeZone: (await directory()).orgs.get(orgCode)?.timeZone, country: orgCountry });
  };

  r.get(
    "/v1/me/notifications",
    {
      schema: {
        tags: ["notifications"],
        security,
        description: "Your e-mail notice preferences (defaults until you change them: Korean, one message per notice, your mission's clock).",
        response: { 200: NotificationPrefs, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      return current(p.userId, p.orgCountry, p.orgCode);
    },
  );

  r.put(
    "/v1/me/notifications",
    {
      schema: {
        tags: ["notifications"],
        security,
        description:
          "Changes any of your preferences: `language` (ko, en), `delivery` (instant, or digest: notices arriving close together in one message), `timeZone` (IANA), `quietHours` {from, until} as HH:MM in that zone (notices held until `until`; null: none), `urgentBypassesQuiet` (escalations and overdue work reported to a head still go out at once). Notices already waiting keep their time.",
        body: NotificationPrefsUpdate,
        response: { 200: NotificationPrefs, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      const merged = NotificationPrefs.safeParse({ ...(await current(p.userId, p.orgCountry, p.orgCode)), ...req.body });
      if (!merged.success) {
        const issues = merged.error.issues.map((i) => ({ path: ["body", ...i.path].join("."), message: i.message }));
        throw badRequest(`The preferences are invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
      }
      await saveNoticePrefs(db, p.userId, merged.data);
      return merged.data;
    },
  );

  r.get(
    "/v1/notices/parked",
    {
      schema: {
        tags: ["operations"],
        security,
        description: "Administrators: e-mail notices parked after repeated delivery failures, newest first, with the last failure's reason.",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(ParkedNotice) }), ...errors },
      },
    },
    async (req) => {
      assertAdmin(caller(req));
      return { items: await listParkedNotices(db, req.query.limit) };
    },
  );
}
