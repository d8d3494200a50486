/**
 * Opaque keyset cursors: the API never exposes offsets or internal ordering columns.
 *
 * A cursor is read back only if it is exactly one this API could have issued: canonical
 * base64url of a JSON array of strings, each part in the exact form the encoder writes
 * (`Date.toISOString()` of a year PostgreSQL and JavaScript agree on, a lower-case UUID, a
 * bigint in range, a workflow id). Anything else — a well-formed cursor holding wrong values
 * included — is an InvalidCursorError (400), never a value handed to a query that could fail.
 */
import { parseWorkflowId } from "@hub/contracts/core";

export type CursorPart = "timestamp" | "uuid" | "seq" | "workflowId" | "email";

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEQ = /^[1-9]\d{0,18}$/;
const MAX_BIGINT = 2n ** 63n - 1n;
/** The business reference of a workflow id, as `BusinessRef` allows it. */
const REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const VALID: Record<CursorPart, (s: string) => boolean> = {
  timestamp: (s) => ISO_TIMESTAMP.test(s) && s.slice(0, 4) !== "0000" && new Date(s).toISOString() === s,
  uuid: (s) => UUID.test(s),
  seq: (s) => SEQ.test(s) && BigInt(s) <= MAX_BIGINT,
  // A plan of a mission other than the country's leading one: `<mission code>:<ref>`.
  // A person's e-mail as the directory keeps it (lower case; people are listed by it).
  email: (s) => s.length <= 254 && /^[^\sA-Z@]+@[^\sA-Z@]+$/.test(s),
  workflowId: (s) => REF.test((parseWorkflowId(s)?.ref ?? "").replace(/^[A-Z][A-Z0-9-]{1,31}:/, "")),
};

export function encodeCursor(parts: (string | number | bigint)[]): string {
  return Buffer.from(JSON.stringify(parts.map(String))).toString("base64url");
}

/** The cursor's parts, checked against their kinds; null without a cursor; InvalidCursorError otherwise. */
export function decodeCursor(cursor: string | undefined, kinds: readonly CursorPart[]): string[] | null {
  if (!cursor) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  const ok =
    Array.isArray(parts) &&
    parts.length === kinds.length &&
    parts.every((p, i) => typeof p === "string" && VALID[kinds[i] as CursorPart](p)) &&
    // Buffer's decoder skips characters outside the alphabet; only the canonical text is ours.
    encodeCursor(parts) === cursor;
  if (!ok) throw new InvalidCursorError();
  return parts as string[];
}

export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not one this API issued; start again without it");
  }
}
