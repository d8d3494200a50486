/**
 * The app talks to the hub's public API only, same origin. Every failure becomes an ApiError
 * carrying the API's own sentence (`message` of its error shape), which the pages show as it is.
 */
import { session } from "./session";

/** One problem with a request, at the field path the API names (e.g. `body.assignments.0.dueOn`). */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A 400's per-field problems, so forms can show each next to its field. */
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "The hub cannot be reached; check the connection and try again.");
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    // A token the API no longer accepts (expired, user removed): back to the sign-in page, which says so.
    if (res.status === 401 && token) session.clear("expired");
    const { message, issues } = (json ?? {}) as { message?: unknown; issues?: unknown };
    throw new ApiError(
      res.status,
      typeof message === "string" ? message : `${res.status} ${res.statusText}`,
      Array.isArray(issues) ? (issues as ApiIssue[]) : [],
    );
  }
  return json as T;
}
