/**
 * One change to a person at a time, for administrators: add a person with their first posting,
 * change their names or deactivate them, move them to a new posting, end their posting. Each is
 * an edit of the directory (../directory-edit.ts); `?dryRun=true` answers what it would change.
 */
import {
  DirectoryEditQuery,
  type DirectoryFile,
  DirectoryImportResult,
  EndPostingBody,
  ErrorBody,
  NewPersonBody,
  NewPostingBody,
  PersonChangeBody,
} from "@hub/contracts";
import { addPerson, changePerson, endPosting, findPerson, movePerson } from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayChangeDirectory } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { applyDirectoryEdit } from "../directory-edit";
import { notFound } from "../errors";

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const PersonParams = z.object({ id: z.string().uuid() });

export async function adminPeopleRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  const apply = (req: FastifyRequest, dryRun: boolean, edit: (file: DirectoryFile, today: string) => DirectoryFile) =>
    applyDirectoryEdit(deps, req, dryRun, edit);
  /** The person's e-mail; only an administrator learns whether the id exists. */
  const emailOf = async (req: FastifyRequest, id: string) => {
    assertMayChangeDirectory(caller(req));
    const person = await findPerson(db, id);
    if (!person) throw notFound(`No person ${id} in the directory`);
    return person.email;
  };

  r.post(
    "/v1/admin/people",
    {
      schema: {
        tags: ["directory"],
        security,
        description: "Administrators: adds a person with their first posting (an e-mail already in the directory is a 409).",
        querystring: DirectoryEditQuery,
        body: NewPersonBody,
        response: { 200: DirectoryImportResult, ...errors },
      },
    },
    async (req) => apply(req, req.query.dryRun, (file) => addPerson(file, req.body)),
  );

  /** A route that edits the person `:id` names: the same schema, the same checks, its own edit. */
  function personEdit<B extends z.ZodTypeAny>(
    method: "PATCH" | "POST",
    url: string,
    description: string,
    body: B,
    edit: (file: DirectoryFile, email: string, body: z.infer<B>, today: string) => DirectoryFile,
  ) {
    r.route({
      method,
      url,
      schema: {
        tags: ["directory"],
        security,
        description,
        params: PersonParams,
        querystring: DirectoryEditQuery,
        body,
        response: { 200: DirectoryImportResult, ...errors },
      },
      handler: async (req) => {
        const email = await emailOf(req, (req.params as z.infer<typeof PersonParams>).id);
        const { dryRun } = req.query as z.infer<typeof DirectoryEditQuery>;
        return apply(req, dryRun, (file, today) => edit(file, email, req.body as z.infer<B>, today));
      },
    });
  }

  personEdit(
    "PATCH",
    "/v1/admin/people/:id",
    "Administrators: changes a person's names, or deactivates (`active: false`) or reactivates them. A deactivation takes effect at once: " +
      "their next request is a 401, their live streams close, their delegations end, their notices stop.",
    PersonChangeBody,
    (file, email, body) => changePerson(file, email, body),
  );
  personEdit(
    "POST",
    "/v1/admin/people/:id/postings",
    "Administrators: a move or a role change. The new posting starts on `from`; the posting open then ends the day before, so at most one is current. " +
      "From `from` the person sees the new organisation's work and no longer the old one's.",
    NewPostingBody,
    (file, email, body, today) => movePerson(file, email, body, today),
  );
  personEdit(
    "POST",
    "/v1/admin/people/:id/postings/end",
    "Administrators: the person leaves. Their current posting ends on `until` (yesterday: gone today, at once).",
    EndPostingBody,
    (file, email, body, today) => endPosting(file, email, body.until, today),
  );
}
