/**
 * A mission's duty rota (당직, issue 21 §2): who is on duty from when to when, with a backup.
 * Shifts are entered on the mission's own clock (its IANA zone from the directory, daylight
 * saving included) and shown both ways; the rules are pure (@hub/contracts/core: rota-rules.ts,
 * time-zones.ts), the rows in packages/db rota.ts. The consular-incident kind of issue 21 will
 * read `on-duty` to route a report outside office hours. Rules: docs/duty-rota.md.
 */
import {
  ErrorBody,
  OnDutyBody,
  OnDutyQuery,
  RotaBody,
  type RotaGap,
  RotaParams,
  RotaShift,
  RotaShiftBody,
  RotaShiftParams,
  RotaWindowQuery,
} from "@hub/contracts";
import {
  instantOfLocalTime,
  LOCAL_WALL_TIME,
  localWallTime,
  ROTA_GAP_LOOKAHEAD_DAYS,
  ROTA_MAX_SHIFT_DAYS,
  ROTA_MAX_WINDOW_DAYS,
  type RotaInterval,
  rotaGaps,
} from "@hub/contracts/core";
import { addRotaShift, findOrg, listRotaShifts, postedAt, type RotaShiftRow, removeRotaShift, rotaShiftAt } from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { assertMayUseRota, assertOpen, noRota } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, conflict, HttpError } from "../errors";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const DAY_MS = 86_400_000;

type Issue = { path: string; message: string };

/** A moment given as a wall time on the mission's clock or as an instant; a wall time the clocks skip is an issue. */
function resolveMoment(value: string, zone: string, path: string, issues: Issue[]): Date | null {
  if (!LOCAL_WALL_TIME.test(value)) return new Date(Date.parse(value));
  const r = instantOfLocalTime(value, zone);
  if (r.ok) return r.at;
  issues.push({ path, message: r.message });
  return null;
}

const invalid = (what: string, issues: Issue[]) => badRequest(`${what}: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);

function spanOf(s: RotaInterval, zone: string) {
  return {
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    localStart: localWallTime(s.startsAt, zone),
    localEnd: localWallTime(s.endsAt, zone),
  };
}

function shiftItem(s: RotaShiftRow, zone: string): RotaShift {
  return {
    id: s.id,
    mission: s.missionCode,
    ...spanOf(s, zone),
    officer: s.officer,
    backup: s.backup,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
  };
}

const describeShift = (s: RotaShiftRow, zone: string) =>
  `shift ${s.id} (${s.officer}, ${localWallTime(s.startsAt, zone)} to ${localWallTime(s.endsAt, zone)} ${zone}, ${s.startsAt.toISOString()} to ${s.endsAt.toISOString()})`;

export async function rotaRoutes(app: FastifyInstance, { db }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /**
   * The caller and the mission named by the path, once the caller may use its rota that way (a
   * code that is no mission is a 404), with the mission's clock.
   */
  async function rotaOf(req: FastifyRequest, code: string, mode: "read" | "edit") {
    const p = caller(req);
    assertMayUseRota(p, code, mode);
    const mission = await findOrg(db, code);
    if (mission?.kind !== "MISSION") throw noRota(code);
    return { p, code, mission, zone: mission.timeZone };
  }

  r.get(
    "/v1/missions/:code/rota",
    {
      schema: {
        tags: ["rota"],
        security,
        description:
          "A mission's duty rota (당직) in a window (default: now to a week ahead): its shifts and the gaps nobody covers, each as instants (UTC) and as wall times on the mission's clock. `from` and `to` are wall times on the mission's clock (2026-03-08T18:00) or RFC 3339 instants. The mission's head and staff read their own; HQ reviewers and administrators any mission's; another mission's answers 404 like a code that is no mission; agency staff and ministries 403.",
        params: RotaParams,
        querystring: RotaWindowQuery,
        response: { 200: RotaBody, ...errors },
      },
    },
    async (req) => {
      const { code, zone } = await rotaOf(req, req.params.code, "read");
      const issues: Issue[] = [];
      const from = req.query.from ? resolveMoment(req.query.from, zone, "querystring.from", issues) : new Date();
      const to = req.query.to
        ? resolveMoment(req.query.to, zone, "querystring.to", issues)
        : from && new Date(from.getTime() + ROTA_GAP_LOOKAHEAD_DAYS * DAY_MS);
      if (from && to && to.getTime() <= from.getTime()) issues.push({ path: "querystring.to", message: "is not after querystring.from" });
      else if (from && to && to.getTime() - from.getTime() > ROTA_MAX_WINDOW_DAYS * DAY_MS) {
        issues.push({ path: "querystring.to", message: `makes the window longer than ${ROTA_MAX_WINDOW_DAYS} days` });
      }
      if (issues.length > 0 || !from || !to) throw invalid("The window is invalid", issues);
      const shifts = await listRotaShifts(db, code, from, to);
      const gaps: RotaGap[] = rotaGaps(shifts, from, to).map((g) => spanOf(g, zone));
      return {
        mission: code,
        timeZone: zone,
        from: from.toISOString(),
        to: to.toISOString(),
        localFrom: localWallTime(from, zone),
        localTo: localWallTime(to, zone),
        shifts: shifts.map((s) => shiftItem(s, zone)),
        gaps,
      };
    },
  );

  r.get(
    "/v1/missions/:code/rota/on-duty",
    {
      schema: {
        tags: ["rota"],
        security,
        description:
          "Who is on duty at the mission at a moment (default: now): the officer and the backup of the shift holding it, or `onDuty: null` in a gap. `at` is a wall time on the mission's clock or an RFC 3339 instant. A report outside office hours goes to whoever this names (issue 21). Access as for the rota.",
        params: RotaParams,
        querystring: OnDutyQuery,
        response: { 200: OnDutyBody, ...errors },
      },
    },
    async (req) => {
      const { code, zone } = await rotaOf(req, req.params.code, "read");
      const issues: Issue[] = [];
      const at = req.query.at ? resolveMoment(req.query.at, zone, "querystring.at", issues) : new Date();
      if (issues.length > 0 || !at) throw invalid("The moment is invalid", issues);
      const shift = await rotaShiftAt(db, code, at);
      return {
        mission: code,
        timeZone: zone,
        at: at.toISOString(),
        localAt: localWallTime(at, zone),
        onDuty: shift ? { officer: shift.officer, backup: shift.backup, shift: shiftItem(shift, zone) } : null,
      };
    },
  );

  r.post(
    "/v1/missions/:code/rota",
    {
      schema: {
        tags: ["rota"],
        security,
        description:
          "The mission's head or staff add a shift: `from` and `until` are wall times on the mission's clock (its IANA zone, daylight saving included; a time the clocks skip is refused, one they show twice is the earlier), at most 14 days apart; `officer` and `backup` are different people posted at the mission today. A shift sharing an instant with another of the mission's is refused (409, naming it); touching is fine. Audited.",
        params: RotaParams,
        body: RotaShiftBody,
        response: { 201: RotaShift, ...errors },
      },
    },
    async (req, reply) => {
      const { p, code, mission, zone } = await rotaOf(req, req.params.code, "edit");
      assertOpen(mission);
      const issues: Issue[] = [];
      const officer = req.body.officer.toLowerCase();
      const backup = req.body.backup ? req.body.backup.toLowerCase() : null;
      const from = resolveMoment(req.body.from, zone, "body.from", issues);
      const until = resolveMoment(req.body.until, zone, "body.until", issues);
      if (from && until && until.getTime() <= from.getTime()) {
        issues.push({ path: "body.until", message: `is not after body.from (${req.body.from} ${zone})` });
      } else if (from && until && until.getTime() - from.getTime() > ROTA_MAX_SHIFT_DAYS * DAY_MS) {
        issues.push({ path: "body.until", message: `makes the shift longer than ${ROTA_MAX_SHIFT_DAYS} days` });
      }
      if (backup !== null && backup === officer)
        issues.push({ path: "body.backup", message: `is the officer (${officer}): the backup is someone else` });
      const posted = await postedAt(db, code, backup ? [officer, backup] : [officer]);
      if (!posted.has(officer)) issues.push({ path: "body.officer", message: `${officer} is not posted at ${code} today` });
      if (backup && backup !== officer && !posted.has(backup))
        issues.push({ path: "body.backup", message: `${backup} is not posted at ${code} today` });
      if (issues.length > 0 || !from || !until) throw invalid("The shift is invalid", issues);
      let added: Awaited<ReturnType<typeof addRotaShift>>;
      try {
        added = await addRotaShift(db, { missionCode: code, startsAt: from, endsAt: until, officer, backup }, { email: p.email, org: p.orgCode });
      } catch (err) {
        // The exclusion constraint behind the checked insert: the check under the lock makes this unreachable in practice.
        if ((err as { code?: string }).code === "23P01") throw conflict("The shift overlaps another of the mission's shifts");
        throw err;
      }
      if ("collidesWith" in added) {
        throw conflict(`The shift overlaps ${describeShift(added.collidesWith, zone)}: shifts of a mission never overlap`);
      }
      return reply.status(201).send(shiftItem(added.shift, zone));
    },
  );

  r.delete(
    "/v1/missions/:code/rota/:id",
    {
      schema: {
        tags: ["rota"],
        security,
        description: "The mission's head or staff remove a shift (kept in the audit). A shift the mission does not have is a 404.",
        params: RotaShiftParams,
        response: { 200: RotaShift, ...errors },
      },
    },
    async (req) => {
      const { p, code, zone } = await rotaOf(req, req.params.code, "edit");
      const { id } = req.params;
      const removed = await removeRotaShift(db, code, id, { email: p.email, org: p.orgCode });
      if (!removed) throw new HttpError(404, `No shift ${id} in the rota of ${code}`);
      return shiftItem(removed, zone);
    },
  );
}
