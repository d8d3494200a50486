/**
 * Issue 10, outbound: a subscriber on a local port receives signed CloudEvents (structured mode)
 * for the event, the approval and the assignment changes it may see, none that it may not,
 * and receives them after being down for a while (retries with backoff), with nothing
 * delivered twice to a receiver that answered 2xx.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CHANGE_EVENT_TYPES, SIGNATURE_HEADER, TRADE_RESTRICTION_DETECTED } from "@hub/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { assignmentsOf, call, decide, detectedEvent, eventually, login, openCase, uniqueRef } from "./support/hub";

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  event: { id: string; type: string; source: string; subject?: string; data: Record<string, unknown> };
}

/** A local receiver that records what it is sent and answers 204; it can be down (its port closed) and come back. */
class Receiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  port = 0;

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        this.received.push({ headers: req.headers, body, event: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    s?.closeAllConnections();
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks/hub`;
  }
}

const TYPES = [TRADE_RESTRICTION_DETECTED, CHANGE_EVENT_TYPES.approval, CHANGE_EVENT_TYPES.assignment];

async function subscribe(email: string, url: string) {
  const r = await call("POST", "/v1/subscriptions", { token: await login(email), body: { url, types: TYPES } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; secret: string; status: string };
}

const listed = async (email: string, id: string) => {
  const r = await call("GET", "/v1/subscriptions", { token: await login(email) });
  expect(r.status).toBe(200);
  return r.body.items.find((s: { id: string }) => s.id === id);
};

describe("CloudEvents subscriptions", () => {
  const us = new Receiver();
  const jp = new Receiver();
  const made: [string, string][] = [];

  afterAll(async () => {
    for (const [email, id] of made) await call("DELETE", `/v1/subscriptions/${id}`, { token: await login(email) });
    await us.down();
    await jp.down();
  });

  it("refuses receivers it must not call and types it does not know, naming the field", async () => {
    const token = await login("staff.us@teamkorea.dev");
    for (const url of ["http://10.0.0.7/hook", "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/x", "not a url"]) {
      const r = await call("POST", "/v1/subscriptions", { token, body: { url, types: TYPES } });
      expect(r.status, url).toBe(400);
      expect(r.body.issues[0].path).toBe("body.url");
    }
    const r = await call("POST", "/v1/subscriptions", { token, body: { url: "http://127.0.0.1:9/x", types: ["kr.teamkorea.nothing.v1"] } });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toBe("body.types.0");
  });

  it("delivers signed events and changes the subscriber may see, after its receiver was down, once each, and none it may not", async () => {
    // The US receiver starts down: its port is known but closed.
    await us.up();
    await us.down();
    await jp.up();
    const subUs = await subscribe("staff.us@teamkorea.dev", us.url);
    const subJp = await subscribe("staff.jp@teamkorea.dev", jp.url);
    made.push(["staff.us@teamkorea.dev", subUs.id], ["staff.jp@teamkorea.dev", subJp.id]);
    expect(subUs.secret.length).toBeGreaterThanOrEqual(40);
    expect(subUs.status).toBe("active");

    const ref = uniqueRef("SUBS");
    const { workflowId, approval, head } = await openCase(ref);
    expect((await decide("head.us@teamkorea.dev", approval.id, "approve")).status).toBe(200);
    const assignments = await eventually("the case's assignments", async () => {
      const a = await assignmentsOf(workflowId);
      return a.length > 0 ? a : undefined;
    });
    expect(head).toBeTruthy();

    // While the receiver is down the deliveries wait, with the failure shown in the list.
    const waiting = await eventually("a failed attempt listed", async () => {
      const s = await listed("staff.us@teamkorea.dev", subUs.id);
      return s.delivery.pending > 0 && s.delivery.lastError ? s : undefined;
    });
    expect(waiting.status).toBe("active");
    expect(waiting.delivery.lastError).toMatch(/fetch failed|ECONNREFUSED|refused/i);
    expect(us.received).toHaveLength(0);

    await us.up();
    const forCase = () => us.received.filter((r) => r.event.subject === workflowId || (r.event.data as { caseRef?: string }).caseRef === ref);
    await eventually(
      "the event, the approval change and an assignment change at the US receiver",
      async () => {
        const types = new Set(forCase().map((r) => r.event.type));
        return TYPES.every((t) => types.has(t)) ? true : undefined;
      },
      45_000,
    );

    for (const r of us.received) {
      // Structured mode, signed over the exact body.
      expect(r.headers["content-type"]).toContain("application/cloudevents+json");
      expect(r.headers[SIGNATURE_HEADER]).toBe(`sha256=${createHmac("sha256", subUs.secret).update(r.body).digest("hex")}`);
      expect(r.event).toMatchObject({ specversion: "1.0" });
    }
    const got = forCase();
    expect(got.find((r) => r.event.type === TRADE_RESTRICTION_DETECTED)?.event.source).toBe("EMB-US");
    expect(got.some((r) => r.event.type === CHANGE_EVENT_TYPES.approval && r.event.data.id === approval.id)).toBe(true);
    const assignmentIds = new Set(assignments.map((a: { id: string }) => a.id));
    expect(got.some((r) => r.event.type === CHANGE_EVENT_TYPES.assignment && assignmentIds.has(r.event.data.id as string))).toBe(true);

    // Every delivery settled: nothing pending, and no event id was sent twice after a 2xx.
    const settled = await eventually("the US subscription settled", async () => {
      const s = await listed("staff.us@teamkorea.dev", subUs.id);
      return s.delivery.pending === 0 ? s : undefined;
    });
    expect(settled.delivery.delivered).toBe(us.received.length);
    const ids = us.received.map((r) => r.event.id);
    expect(new Set(ids).size).toBe(ids.length);

    // Japan's mission may see none of the US case: its receiver, up all along, got none of it,
    // while it does get what Japan's mission may see (a case it publishes), which the US one does not.
    const jpRef = uniqueRef("SUBS-JP");
    const jpEvent = detectedEvent({ source: "EMB-JP", country: "JP", caseRef: jpRef });
    expect((await call("POST", "/v1/events", { token: await login("staff.jp@teamkorea.dev"), body: jpEvent })).status).toBe(202);
    await eventually("the JP event at the JP receiver", async () => jp.received.some((r) => r.event.id === jpEvent.id) || undefined);
    expect(jp.received.filter((r) => r.event.subject === workflowId || (r.event.data as { caseRef?: string }).caseRef === ref)).toEqual([]);
    expect(us.received.some((r) => r.event.id === jpEvent.id)).toBe(false);
    // Nor does it see the US subscription, or may delete it.
    expect(await listed("staff.jp@teamkorea.dev", subUs.id)).toBeUndefined();
    expect((await call("DELETE", `/v1/subscriptions/${subUs.id}`, { token: await login("staff.jp@teamkorea.dev") })).status).toBe(404);
    // The secret is never shown again.
    expect(JSON.stringify(await listed("staff.us@teamkorea.dev", subUs.id))).not.toContain(subUs.secret);
  });
});
