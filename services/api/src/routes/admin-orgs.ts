/**
 * Organisations and duties, one change at a time, for administrators: open an organisation (a
 * consulate general with its team, an agency office), change one (names, time zone, team lead,
 * acting head, closing it), and set who holds a duty. Each is an edit of the directory
 * (../directory-edit.ts), planned, checked and audited as an import; `?dryRun=true` stores nothing.
 * A duty's new holders take the work of tasks started after the change; running tasks keep theirs.
 */
import {
  DirectoryDutyEntry,
  DirectoryEditQuery,
  DirectoryImportResult,
  DutyHoldersBody,
  ErrorBody,
  NewOrgBody,
  OrgChangeBody,
  OrgCode,
} from "@hub/contracts";
import { addOrg, changeOrg, setDutyHolders } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ApiDeps } from "../deps";
import { applyDirectoryEdit } from "../directory-edit";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const response = { 200: DirectoryImportResult, ...errors };

export async function adminOrgRoutes(app: FastifyInstance, deps: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/v1/admin/orgs",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "Administrators: opens an organisation (a code already in the directory is a 409). An agency office names its `teamLead` " +
          "when a consulate general leads its team; a mission may name its `actingHead`.",
        querystring: DirectoryEditQuery,
        body: NewOrgBody,
        response,
      },
    },
    async (req) => applyDirectoryEdit(deps, req, req.query.dryRun, (file) => addOrg(file, req.body)),
  );

  r.patch(
    "/v1/admin/orgs/:code",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "Administrators: changes an organisation's names, time zone, team lead, acting head, or closes it (`closed: true`: it keeps its history, takes no new work).",
        params: z.object({ code: OrgCode }),
        querystring: DirectoryEditQuery,
        body: OrgChangeBody,
        response,
      },
    },
    async (req) => applyDirectoryEdit(deps, req, req.query.dryRun, (file) => changeOrg(file, req.params.code, req.body)),
  );

  r.put(
    "/v1/admin/duties/:duty",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "Administrators: who holds a duty (trade-remedy, job-matching …) from now on, all holders at once; an empty list removes the duty. " +
          "Tasks started after the change use the new holders; running tasks keep the team they started with.",
        params: z.object({ duty: DirectoryDutyEntry.shape.duty }),
        querystring: DirectoryEditQuery,
        body: DutyHoldersBody,
        response,
      },
    },
    async (req) => applyDirectoryEdit(deps, req, req.query.dryRun, (file) => setDutyHolders(file, req.params.duty, req.body)),
  );
}
