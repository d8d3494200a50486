/**
 * Files attached to a task (docs/documents.md). What a file is attached to is a small tagged union:
 * a version (round) of the task's plan, or an assignment's report. Comments (being built
 * separately) will add `{ kind: "comment", commentId }` here, a `comment:<id>` form of `attach`,
 * and a column in task_files.
 */
import { z } from "zod";
import { Actor } from "./common";

export const FileTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("plan"), round: z.number().int().min(1) }),
  z.object({ kind: z.literal("report"), assignmentId: z.string().uuid() }),
]);
export type FileTarget = z.infer<typeof FileTarget>;

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const ATTACH = new RegExp(`^(plan:[1-9][0-9]{0,3}|report:${UUID})$`);

/** A file's name as a person gave it: kept as given for display and download, never used as a path. */
export const FileName = z
  .string()
  .max(255, "must be at most 255 characters")
  .refine((s) => s.trim().length > 0, "must name the file (not empty or only spaces)")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must not hold control characters");

/** POST /v1/workflows/{id}/files: the name and what the file is attached to; the bytes are the body. */
export const FileUploadQuery = z.object({
  name: FileName,
  attach: z.string().regex(ATTACH, "must be plan:<round> (a version of this task's plan) or report:<assignment id> (an assignment of this task)"),
});

/** `plan:2` → a plan version, `report:<uuid>` → an assignment's report (the query's regex has already held). */
export function parseFileTarget(attach: string): FileTarget {
  const [kind, value] = [attach.slice(0, attach.indexOf(":")), attach.slice(attach.indexOf(":") + 1)];
  return kind === "plan" ? { kind: "plan", round: Number(value) } : { kind: "report", assignmentId: value.toLowerCase() };
}

export const FileItem = z.object({
  id: z.string().uuid(),
  workflowId: z.string(),
  attachedTo: FileTarget,
  name: z.string(),
  /** The type told from the file's bytes (the hub never stores what a client claimed). */
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: Actor,
  storedAt: z.string(),
  /** Where to download it (with a token: the link alone grants nothing). */
  href: z.string(),
});
export type FileItem = z.infer<typeof FileItem>;

export const FileList = z.object({ items: z.array(FileItem) });
export const FileParams = z.object({ fileId: z.string().uuid() });
