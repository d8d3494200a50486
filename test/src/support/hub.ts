/** Talking to the hub under test the way a client would: over HTTP, as a seeded user. */
import { randomUUID } from "node:crypto";
import { TRADE_RESTRICTION_DECIDED, TRADE_RESTRICTION_DETECTED } from "@hub/contracts";
import { testConfig } from "./env";

export const cfg = testConfig();
export const apiUrl = cfg.apiUrl;

export interface Res<T = any> {
  status: number;
  body: T;
}

export async function call<T = any>(
  method: string,
  path: string,
  /** timeoutMs: give up (the promise rejects) when no whole answer came in time, e.g. from a process killed mid-request. */
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  // A content type the caller names (a CloudEvents batch, say) is kept; JSON otherwise.
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
    signal: opts.timeoutMs ? AbortSignal.timeout(opts.timeoutMs) : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body: body as T };
}

const tokens = new Map<string, string>();
export async function login(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const r = await call<{ token: string }>("POST", "/v1/auth/dev-login", { body: { email } });
  if (r.status !== 200) throw new Error(`dev-login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  tokens.set(email, r.body.token);
  return r.body.token;
}

/** Polls until the check returns a value (not undefined/false), or fails with the last error. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : last}` : ""}`);
}

export const uniqueRef = (prefix = "T") => `${prefix}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`.toUpperCase();

export function detectedEvent(o: { source?: string; country?: string; caseRef: string; commentDeadline?: string; id?: string }) {
  return {
    specversion: "1.0",
    id: o.id ?? randomUUID(),
    source: o.source ?? "EMB-US",
    type: TRADE_RESTRICTION_DETECTED,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    data: {
      country: o.country ?? "US",
      caseRef: o.caseRef,
      measure: "anti_dumping",
      products: [{ hsCode: "7208.51", description: "Hot-rolled steel plate" }],
      authority: "US Department of Commerce",
      summary: "Anti-dumping investigation opened on Korean hot-rolled steel plate.",
      ...(o.commentDeadline ? { commentDeadline: o.commentDeadline } : {}),
    },
  };
}

export function decidedEvent(o: { source?: string; country?: string; caseRef: string }) {
  return {
    specversion: "1.0",
    id: randomUUID(),
    source: o.source ?? "KOTRA-US",
    type: TRADE_RESTRICTION_DECIDED,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    data: { country: o.country ?? "US", caseRef: o.caseRef, outcome: "terminated", summary: "Commerce terminated the investigation with no duty." },
  };
}

export const workflowIdOf = (country: string, caseRef: string) => `trade-restriction:${country}:${caseRef}`;

/** Publishes a detected event and waits until its task's approval is pending. */
export async function openCase(caseRef: string, opts: { commentDeadline?: string } = {}) {
  const staff = await login("staff.us@teamkorea.dev");
  const head = await login("head.us@teamkorea.dev");
  const posted = await call("POST", "/v1/events", { token: staff, body: detectedEvent({ caseRef, ...opts }) });
  if (posted.status !== 202) throw new Error(`publish: ${posted.status} ${JSON.stringify(posted.body)}`);
  const workflowId = workflowIdOf("US", caseRef);
  const approval = await eventually(`pending approval for ${caseRef}`, async () => {
    const r = await call("GET", "/v1/approvals?status=pending&limit=200", { token: head });
    return r.body.items?.find((a: { workflowId: string }) => a.workflowId === workflowId);
  });
  return { workflowId, approval, staff, head };
}

export async function assignmentsOf(workflowId: string): Promise<any[]> {
  const hq = await login("hq@teamkorea.dev");
  const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: hq });
  return r.body.assignments ?? [];
}

export async function historyOf(workflowId: string): Promise<any[]> {
  const hq = await login("hq@teamkorea.dev");
  const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}/history`, { token: hq });
  return r.body.entries ?? [];
}

export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A CloudEvent of any type, as an organisation publishes it. */
export function cloudEvent(type: string, source: string, data: Record<string, unknown>, id: string = randomUUID()) {
  return { specversion: "1.0", id, source, type, time: new Date().toISOString(), datacontenttype: "application/json", data };
}

/** Publishes through the API as the given user and expects it accepted. */
export async function publish(email: string, event: unknown): Promise<void> {
  const r = await call("POST", "/v1/events", { token: await login(email), body: event });
  if (r.status !== 202) throw new Error(`publish as ${email}: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Waits until the user sees a pending approval of the task (at the given chain step). */
export async function pendingApproval(email: string, workflowId: string, opts: { step?: number; round?: number } = {}) {
  const token = await login(email);
  return eventually(`pending approval of ${workflowId} for ${email}`, async () => {
    const r = await call("GET", "/v1/approvals?status=pending&limit=200", { token });
    return r.body.items?.find(
      (a: any) =>
        a.workflowId === workflowId && (opts.step === undefined || a.step === opts.step) && (opts.round === undefined || a.round === opts.round),
    );
  });
}

export async function decide(email: string, approvalId: string, decision: string, comment?: string) {
  return call("POST", `/v1/approvals/${approvalId}/decision`, { token: await login(email), body: { decision, ...(comment ? { comment } : {}) } });
}

/** The task as HQ sees it. */
export async function taskOf(workflowId: string): Promise<any> {
  const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: await login("hq@teamkorea.dev") });
  return r.body;
}

/** Waits until the task shows the given status (in progress: with its assignments out), and returns it. */
export const taskIn = (workflowId: string, status: string, timeoutMs = 30_000) =>
  eventually(
    `${workflowId} ${status}`,
    async () => {
      const t = await taskOf(workflowId);
      return t.status === status && (status !== "in_progress" || t.assignments.length > 0) ? t : undefined;
    },
    timeoutMs,
  );

/** An assignment action as the given user, expecting it recorded (200). */
export async function act(email: string, assignmentId: string, action: string, body?: unknown): Promise<any> {
  const r = await call("POST", `/v1/assignments/${assignmentId}/${action}`, { token: await login(email), body });
  if (r.status !== 200) throw new Error(`${email} ${action} ${assignmentId}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Acknowledges and completes an assignment as the given user. */
export async function finish(email: string, assignmentId: string, report: string, outcome?: string): Promise<void> {
  await act(email, assignmentId, "ack");
  await act(email, assignmentId, "complete", { report, ...(outcome ? { outcome } : {}) });
}

/** Dead letters an operator sees whose payload holds the needle. */
export async function deadLetterWith(needle: string): Promise<any> {
  const admin = await login("admin@teamkorea.dev");
  return eventually(`a dead letter holding ${needle}`, async () => {
    const r = await call("GET", "/v1/dead-letters?limit=200", { token: admin });
    return r.body.items.find((d: { payload: string }) => d.payload.includes(needle));
  });
}
