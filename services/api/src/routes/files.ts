/**
 * Files attached to a task (docs/documents.md): upload through the API (the body is the file),
 * list, download. Every request checks the caller may see the task (404 like an unknown id
 * otherwise); a download link alone grants nothing. The bytes go to the object store under a
 * random key; the file is listed only once the store has every byte.
 */
import { randomUUID } from "node:crypto";
import { ErrorBody, FileItem, FileList, FileParams, FileUploadQuery, parseFileTarget } from "@hub/contracts";
import {
  findTaskFile,
  findVisibleTask,
  findVisibleTaskRow,
  listTaskFiles,
  markTaskFileStored,
  releaseTaskFile,
  reserveTaskFile,
  type TaskFileRow,
} from "@hub/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { unseen } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { badRequest, lengthRequired, tooLarge, unsupportedType } from "../errors";
import { assertMayAttach } from "../files/attach";
import { meteredBody, readHead } from "../files/body";
import { attachmentDisposition } from "../files/disposition";
import { ACCEPTED_TYPES, declaredTypeAgrees, KIND_LABELS, KIND_TYPES, mediaTypeOf, SNIFF_BYTES, sniffKind } from "../files/sniff";

const security = [{ bearer: [] }];
const TaskParams = z.object({ id: z.string().min(1).max(200) });
const bytes = (n: number) => `${n.toLocaleString("en")} bytes`;
const MiB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

function toFileItem(f: TaskFileRow): z.infer<typeof FileItem> {
  return {
    id: f.id,
    workflowId: f.workflowId,
    attachedTo: f.targetKind === "plan" ? { kind: "plan", round: f.planRound as number } : { kind: "report", assignmentId: f.assignmentId as string },
    name: f.name,
    contentType: f.contentType,
    size: Number(f.sizeBytes),
    sha256: f.sha256,
    uploadedBy: { email: f.uploadedByEmail, org: f.uploadedByOrg },
    storedAt: f.storedAt.toISOString(),
    href: `/v1/files/${f.id}`,
  };
}

/** The declared length: required (the store is told it up front), within the per-file limit, not zero. */
function declaredSize(req: FastifyRequest, maxFileBytes: number): number {
  const header = req.headers["content-length"];
  if (header === undefined) {
    throw lengthRequired("Send the file with a Content-Length header (chunked uploads are not accepted); nothing was stored");
  }
  const size = Number(header);
  if (size === 0) throw badRequest("The file is empty; nothing was stored", [{ path: "body", message: "is empty" }]);
  if (size > maxFileBytes) {
    throw tooLarge(`The file is ${bytes(size)}; one file may be at most ${bytes(maxFileBytes)} (${MiB(maxFileBytes)}). Nothing was stored`);
  }
  return size;
}

export async function fileRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db, objects } = deps;
  const limits = deps.config.api.files;
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The body of an upload is the file itself, whatever its type: it is read as a stream by the
  // handler, never parsed (and never buffered whole). This scope holds only the file routes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_req, _payload, done) => done(null));

  r.post(
    "/v1/workflows/:id/files",
    {
      schema: {
        tags: ["files"],
        security,
        description: [
          "Attach a file to a version of the task's plan (`attach=plan:<round>`; its mission's head or staff) or to an assignment's report",
          "(`attach=report:<assignment id>`; the assignment's organisation, its holder once claimed). The request body is the file's bytes,",
          "with Content-Length and a Content-Type (`application/octet-stream` when unknown). The type is told from the bytes: PDF, Word/Excel/",
          "PowerPoint (OOXML and 97–2003), Hangul HWP and HWPX, OpenDocument, PNG, JPEG, GIF, WebP; a declared type that disagrees is refused",
          "(415). 201 once the object store has every byte; 413 past the per-file or per-task limit; 503 with Retry-After when the store is down.",
        ].join(" "),
        params: TaskParams,
        querystring: FileUploadQuery,
        response: {
          201: FileItem,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          411: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      const t = await findVisibleTask(db, p, req.params.id);
      if (!t) throw unseen("joint task", req.params.id);
      const target = parseFileTarget(req.query.attach);
      await assertMayAttach(db, p, t, target);
      const declared = req.headers["content-type"];
      if (!declared) {
        throw badRequest("Send the file's Content-Type (application/octet-stream when you do not know it); nothing was stored", [
          { path: "headers.content-type", message: "is required" },
        ]);
      }
      const size = declaredSize(req, limits.maxFileBytes);

      const head = await readHead(req.raw, Math.min(SNIFF_BYTES, size));
      const kind = sniffKind(head, req.query.name);
      if (!kind) {
        req.raw.resume();
        throw unsupportedType(
          `The file's bytes are none of the kinds the hub keeps (PDF, office documents including HWP and HWPX, images: ${ACCEPTED_TYPES.join(", ")}); nothing was stored`,
        );
      }
      if (!declaredTypeAgrees(declared, kind)) {
        req.raw.resume();
        throw unsupportedType(`The file was sent as ${mediaTypeOf(declared)}, but its bytes are ${KIND_LABELS[kind]}; nothing was stored`);
      }

      const id = randomUUID();
      // The key is a random id: the name a person gave never reaches the store, a path or a URL.
      const objectKey = `files/${id}`;
      const contentType = KIND_TYPES[kind].type;
      const reservation = {
        id,
        workflowId: t.id,
        target,
        name: req.query.name,
        contentType,
        size,
        objectKey,
        by: { email: p.email, org: p.orgCode },
      };
      const room = await reserveTaskFile(db, reservation, limits.maxTaskBytes);
      if (!room.reserved) {
        req.raw.resume();
        throw tooLarge(
          `This task's files already take ${MiB(room.used)} of its ${MiB(limits.maxTaskBytes)}; a file of ${MiB(size)} does not fit. Nothing was stored`,
        );
      }
      const body = meteredBody(req.raw, head, size);
      try {
        await objects.put(objectKey, body.stream, size, contentType);
        await markTaskFileStored(db, id, body.sha256());
      } catch (err) {
        body.abandon();
        // Nothing is listed for a failed upload: its row goes, and so do whatever bytes the store kept
        // (when it is reachable; an object left behind has no row, so nobody can list or fetch it).
        await releaseTaskFile(db, id).catch(() => undefined);
        await objects.delete(objectKey).catch(() => undefined);
        throw err;
      }
      const stored = (await findTaskFile(db, id)) as TaskFileRow;
      return reply.status(201).send(toFileItem(stored));
    },
  );

  r.get(
    "/v1/workflows/:id/files",
    {
      schema: {
        tags: ["files"],
        security,
        description: "The task's files, oldest first: every one whose bytes the object store holds in full.",
        params: TaskParams,
        response: { 200: FileList, 404: ErrorBody },
      },
    },
    async (req) => {
      const t = await findVisibleTaskRow(db, caller(req), req.params.id);
      if (!t) throw unseen("joint task", req.params.id);
      return { items: (await listTaskFiles(db, t.id)).map(toFileItem) };
    },
  );

  r.get(
    "/v1/files/:fileId",
    {
      schema: {
        tags: ["files"],
        security,
        description:
          "Download a file (200, its bytes, as an attachment under the name it was given). Whoever may not see its task gets the 404 of an unknown id.",
        params: FileParams,
        // The bytes go out under the type told from them: every type a file can have, beside the errors' JSON.
        produces: ["application/json", ...ACCEPTED_TYPES],
        response: { 200: z.string().describe("The file's bytes, as an attachment"), 404: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => {
      const f = await findTaskFile(db, req.params.fileId);
      if (!f || !(await findVisibleTaskRow(db, caller(req), f.workflowId))) throw unseen("file", req.params.fileId);
      const object = await objects.get(f.objectKey);
      if (!object) {
        req.log.warn({ file: f.id }, "a stored file's object is missing from the object store");
        throw unseen("file", req.params.fileId);
      }
      return (
        reply
          .header("content-type", f.contentType)
          .header("content-length", String(object.size))
          .header("content-disposition", attachmentDisposition(f.name))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "private, no-store")
          // The bytes stream through as they come from the store (Fastify skips serialising a stream);
          // the typed reply knows only the JSON bodies of the schema.
          .send(object.body as never)
      );
    },
  );
}
