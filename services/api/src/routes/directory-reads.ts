/**
 * What the directory's web pages read (docs/web-app.md, "The directory's pages"): one organisation
 * with its duties and its team, and the people a caller may see. Administrators and HQ reviewers
 * read all of it; a head of mission their own team (their mission and the offices it leads);
 * anyone else: 403. What lies outside a head's team is a 404, as an unknown code or id is.
 */
import { DirectoryPeopleQuery, ErrorBody, OrgCodeParams, OrgDetail, PersonDetail, PersonSummary, page } from "@hub/contracts";
import { findOrg, findPerson, listPeopleAt } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { directoryScopeFor, dutiesOfOrg, teamOfOrg } from "../directory-scope";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function directoryReadRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/v1/directory/orgs/:code",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "One organisation for the directory's pages: its fields, whether it leads its country's team, the duties it holds (by name or through its network) " +
          "and the team it is in. Administrators and HQ reviewers: any; a head of mission: the organisations of their own team (any other code is a 404).",
        params: OrgCodeParams,
        response: { 200: OrgDetail, ...errors },
      },
    },
    async (req) => {
      const dir = await deps.directory();
      const scope = directoryScopeFor(caller(req), dir);
      const { code } = req.params;
      if (scope && !scope.has(code)) throw unseen("organisation", code);
      const org = await findOrg(db, code);
      if (!org) throw unseen("organisation", code);
      return { ...org, leadsTeam: dir.orgs.get(code)?.leadsTeam ?? false, duties: dutiesOfOrg(dir, code), team: teamOfOrg(dir, code) };
    },
  );

  r.get(
    "/v1/directory/people",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "People by e-mail with the posting current today. Administrators and HQ reviewers: everyone; a head of mission: those posted today at an organisation of their own team. " +
          "`org`: those posted there today (for a head, an organisation outside their team is a 404).",
        querystring: DirectoryPeopleQuery,
        response: { 200: page(PersonSummary), ...errors },
      },
    },
    async (req) => {
      const scope = directoryScopeFor(caller(req), await deps.directory());
      const { org, ...rest } = req.query;
      if (org && scope && !scope.has(org)) throw unseen("organisation", org);
      return listPeopleAt(db, { ...rest, orgs: org ? [org] : scope ? [...scope] : null });
    },
  );

  r.get(
    "/v1/directory/people/:id",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "One person with every posting. Administrators and HQ reviewers: anyone; a head of mission: those posted today at an organisation of their own team (anyone else is a 404).",
        params: z.object({ id: z.string().uuid() }),
        response: { 200: PersonDetail, ...errors },
      },
    },
    async (req) => {
      const scope = directoryScopeFor(caller(req), await deps.directory());
      const person = await findPerson(db, req.params.id);
      if (!person || (scope && !(person.current && scope.has(person.current.org)))) throw unseen("person", req.params.id);
      return person;
    },
  );
}
