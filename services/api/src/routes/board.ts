/**
 * The head of mission's Team Korea board (GET /v1/board) and HQ's overview across missions
 * (GET /v1/overview). Read-only; the board is scoped to the caller's country (access.ts), and
 * what it lists goes through the same visibility rules as the lists (packages/db board-reads.ts).
 */
import { Board, BoardQuery, ErrorBody, Overview, OverviewQuery } from "@hub/contracts";
import { countryBoard, missionsOverview, teamOf } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { assertMaySeeOverview, boardCountryFor, noBoard } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function boardRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/v1/board",
    {
      schema: {
        tags: ["board"],
        security,
        description:
          "A country's Team Korea board: running tasks by kind (counts and the newest tasks, each with its assignments' progress), overdue assignments by organisation (the longest overdue first), and the newest events. Mission and agency staff read their own country's; HQ reviewers and administrators any country's. Another country's board answers 404, like a country without a Team Korea; ministries at home get 403.",
        querystring: BoardQuery,
        response: { 200: Board, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      const country = boardCountryFor(p, req.query.country);
      const mission = teamOf(await deps.directory(), country).mission;
      if (!mission) throw noBoard(country);
      return countryBoard(db, p, country, mission);
    },
  );

  r.get(
    "/v1/overview",
    {
      schema: {
        tags: ["board"],
        security,
        description:
          "HQ's picture across missions: per country, running tasks and overdue assignments now; cycle times (median and 90th percentile, hours) of completed tasks per kind and of completed assignments per organisation; SLA breaches (approvals escalated past their deadline, assignments completed late or still open past their due day), newest first. `from`/`to` restrict cycle times and breaches to what ended, escalated or fell due in those days (UTC).",
        querystring: OverviewQuery,
        response: { 200: Overview, ...errors },
      },
    },
    async (req) => {
      assertMaySeeOverview(caller(req));
      return missionsOverview(db, req.query);
    },
  );
}
