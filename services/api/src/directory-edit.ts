/**
 * An administrator's edit of the directory, from a route: the edit is a pure function of the
 * directory file (packages/db directory-edits.ts), planned, checked, applied and audited by
 * editDirectory exactly as an import of the resulting file would be; `dryRun` answers what it
 * would change and stores nothing. Refusals become 400/404/409 with the plan's sentences.
 */
import type { DirectoryFile } from "@hub/contracts";
import { DirectoryEditRefused, editDirectory } from "@hub/db";
import type { FastifyRequest } from "fastify";
import { assertMayChangeDirectory } from "./access";
import { caller } from "./auth";
import type { ApiDeps } from "./deps";
import { badRequest, conflict, notFound } from "./errors";

export async function applyDirectoryEdit(
  deps: Pick<ApiDeps, "db" | "directory">,
  req: FastifyRequest,
  dryRun: boolean,
  edit: (file: DirectoryFile, today: string) => DirectoryFile,
) {
  const p = caller(req);
  assertMayChangeDirectory(p);
  let outcome: Awaited<ReturnType<typeof editDirectory>>;
  try {
    outcome = await editDirectory(deps.db, edit, { dryRun, by: { actor: p.email, actorOrg: p.orgCode } });
  } catch (err) {
    if (err instanceof DirectoryEditRefused) throw err.status === 404 ? notFound(err.message) : conflict(err.message);
    throw err;
  }
  if (!outcome.ok) {
    // The plan's paths point into the whole directory file; the sentence is what the caller needs.
    const issues = outcome.issues.map((i) => ({ path: "body", message: i.message }));
    throw badRequest(`The change cannot be made: ${outcome.issues.map((i) => i.message).join("; ")}`, issues);
  }
  if (outcome.batch) deps.directory.invalidate?.();
  const { ok: _, ...result } = outcome;
  return result;
}
