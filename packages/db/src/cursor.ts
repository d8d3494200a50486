/** Opaque keyset cursors: the API never exposes offsets or internal ordering columns. */
export function encodeCursor(parts: (string | number | bigint)[]): string {
  return Buffer.from(JSON.stringify(parts.map(String))).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): string[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === "string")) return parts;
  } catch {
    // fall through: a malformed cursor is a client error, reported by the caller
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not one this API issued; start again without it");
  }
}
