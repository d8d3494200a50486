/**
 * The directory's admin routes: import (dry run or apply) and export of the directory file
 * (docs/directory.md), its audit, and its people. Administrators change it; administrators and
 * HQ reviewers read all of it; a head of mission reads the people of their own organisation.
 */
import {
  Cursor,
  DirectoryAuditItem,
  DirectoryFile,
  DirectoryImportQuery,
  DirectoryImportResult,
  ErrorBody,
  Limit,
  PeopleQuery,
  PersonDetail,
  PersonSummary,
  page,
} from "@hub/contracts";
import { findPerson, importDirectory, listDirectoryAudit, listPeople, readDirectory } from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayChangeDirectory, assertMayReadDirectory, maySeePerson, peopleScopeFor, unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest } from "../errors";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** A directory of ~200 missions, ~1,000 offices and ~10,000 people is a few megabytes of JSON. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

export async function adminDirectoryRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/v1/admin/directory/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      // Who may import is settled before the body is read (onRequest, after the API's own
      // authentication hook): nobody else gets a 32 MB body parsed, nor learns what a file lacks.
      onRequest: async (req: FastifyRequest) => assertMayChangeDirectory(caller(req)),
      schema: {
        tags: ["directory"],
        security,
        description:
          "Administrators: the whole directory as one file (docs/directory.md). `dryRun=true` answers exactly what would be added, changed, closed and removed; " +
          "`dryRun=false` applies exactly that in one transaction and audits each change. What the file leaves out is closed (organisations, people) or removed " +
          "(duties, postings not yet started). The same file again changes nothing. A file with problems is refused with every problem named, and changes nothing.",
        querystring: DirectoryImportQuery,
        body: DirectoryFile,
        response: { 200: DirectoryImportResult, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      const outcome = await importDirectory(db, req.body, {
        dryRun: req.query.dryRun,
        closeMissing: true,
        by: { actor: p.email, actorOrg: p.orgCode },
      });
      if (!outcome.ok) {
        const issues = outcome.issues.map((i) => ({ path: `body.${i.path}`, message: i.message }));
        throw badRequest(`The directory file cannot be imported: ${issues.length} problem(s), nothing was changed`, issues);
      }
      if (outcome.batch) deps.directory.invalidate?.();
      const { ok: _, ...result } = outcome;
      return result;
    },
  );

  r.get(
    "/v1/admin/directory/export",
    {
      schema: {
        tags: ["directory"],
        security,
        description: "Administrators and HQ reviewers: the whole directory in the import's format; importing it back changes nothing.",
        response: { 200: DirectoryFile, ...errors },
      },
    },
    async (req) => {
      assertMayReadDirectory(caller(req));
      return readDirectory(db);
    },
  );

  r.get(
    "/v1/admin/directory/audit",
    {
      schema: {
        tags: ["directory"],
        security,
        description: "Administrators and HQ reviewers: every change to the directory, newest first — who, when, what, before and after.",
        querystring: z.object({ limit: Limit, cursor: Cursor.optional() }),
        response: { 200: page(DirectoryAuditItem), ...errors },
      },
    },
    async (req) => {
      assertMayReadDirectory(caller(req));
      return listDirectoryAudit(db, req.query);
    },
  );

  r.get(
    "/v1/admin/people",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "People by e-mail with the posting current today: administrators and HQ reviewers everyone's (`org`: those posted there today), a head of mission their own organisation's.",
        querystring: PeopleQuery,
        response: { 200: page(PersonSummary), ...errors },
      },
    },
    async (req) => {
      const org = peopleScopeFor(caller(req), req.query.org);
      return listPeople(db, { ...req.query, org });
    },
  );

  r.get(
    "/v1/admin/people/:id",
    {
      schema: {
        tags: ["directory"],
        security,
        description: "One person with every posting. A head of mission sees those posted at their organisation today; any other id is a 404.",
        params: z.object({ id: z.string().uuid() }),
        response: { 200: PersonDetail, ...errors },
      },
    },
    async (req) => {
      const p = caller(req);
      peopleScopeFor(p, undefined);
      const person = await findPerson(db, req.params.id);
      if (!person || !maySeePerson(p, person.current)) throw unseen("person", req.params.id);
      return person;
    },
  );
}
