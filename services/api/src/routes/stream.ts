/**
 * Live updates over Server-Sent Events. A client first takes a ticket with its bearer token
 * (POST /v1/stream/ticket), then opens GET /v1/stream?ticket=… with EventSource, which cannot
 * send an Authorization header; a ticket is single use and dies in 60 s, so unlike a token in the
 * URL it is worth nothing once it shows up in a log. Each event names what changed, by id
 * (`approval.changed`, `assignment.changed`, `task.changed`), only for things the caller's lists
 * would show; the client refetches through the normal routes.
 */

import { ErrorBody, StreamHeaders, StreamQuery, StreamTicketBody } from "@hub/contracts";
import { issueStreamTicket, principalFor, redeemStreamTicket } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { maySeeApprovals } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { streamConfig } from "../env";
import { HttpError, unauthorized } from "../errors";
import { StreamHub } from "../stream-hub";

const STREAM_DOC = `Server-Sent Events. Open with a ticket from POST /v1/stream/ticket (EventSource cannot send an Authorization header, and a token in a URL would outlive the log line it lands in; a ticket is single use and valid 60 s).
Events: \`approval.changed\`, \`assignment.changed\`, \`task.changed\`, each \`{type, id, workflowId}\` for something the caller's lists show (refetch it through the normal routes); \`ready\` once caught up; \`reset\` when the missed changes cannot be replayed (unknown or pruned id, older than 24 h, or more than 1,000): reload the lists. Each event's \`id\` resumes the stream: the Last-Event-ID header, or \`lastEventId\` when opening a new EventSource with a fresh ticket. A comment every 15 s keeps the connection alive.`;

/** The stream's 200: documented as text/event-stream (zod's JSON Schema carries the OpenAPI content through). */
const EventStream = z
  .string()
  .meta({ description: "An endless text/event-stream", content: { "text/event-stream": { schema: { type: "string" } } } });

export async function streamRoutes(app: FastifyInstance, { db, stream }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = stream ?? streamConfig();
  const hub = new StreamHub({ db, pollMs: cfg.pollMs, maxPerUser: cfg.maxPerUser, log: (msg, err) => app.log.warn({ err }, msg) });
  // Before the server stops accepting: an open stream never ends by itself, so close() would wait for ever.
  app.addHook("preClose", async () => hub.close());

  r.post(
    "/v1/stream/ticket",
    {
      schema: {
        tags: ["stream"],
        security: [{ bearer: [] }],
        description: "A single-use ticket, valid 60 s, to open GET /v1/stream with.",
        response: { 200: StreamTicketBody },
      },
    },
    async (req) => {
      const { ticket, expiresAt } = await issueStreamTicket(db, caller(req).userId);
      return { ticket, expiresAt: expiresAt.toISOString() };
    },
  );

  r.get(
    "/v1/stream",
    {
      // No bearer token: the ticket authenticates (checked below).
      config: { public: true },
      schema: {
        tags: ["stream"],
        description: STREAM_DOC,
        querystring: StreamQuery,
        headers: StreamHeaders,
        response: { 200: EventStream, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      if (!req.query.ticket) throw unauthorized("Open the stream with a ticket: POST /v1/stream/ticket, then GET /v1/stream?ticket=<ticket>");
      const userId = await redeemStreamTicket(db, req.query.ticket);
      const principal = userId ? await principalFor(db, userId) : null;
      if (!principal) throw unauthorized("The ticket is unknown, used or expired: take a new one from POST /v1/stream/ticket");
      if (!hub.hasRoomFor(principal.userId)) {
        throw new HttpError(429, `You already have ${cfg.maxPerUser} live streams open; close one (or reuse it across tabs)`);
      }
      const lastSeq = req.headers["last-event-id"] ?? req.query.lastEventId ?? null;
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      });
      const sink = { write: (chunk: string) => void res.write(chunk), buffered: () => res.writableLength, end: () => res.end() };
      try {
        const disconnect = await hub.open({ principal, approvals: maySeeApprovals(principal) }, lastSeq, sink);
        req.raw.socket.once("close", disconnect);
        if (req.raw.socket.destroyed) disconnect();
      } catch (err) {
        req.log.warn({ err }, "stream: could not open");
        res.end();
      }
    },
  );
}
