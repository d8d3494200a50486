/** The live stream (GET /v1/stream, Server-Sent Events): its ticket, its query and what each event carries. */
import { z } from "zod";

/** POST /v1/stream/ticket: a single-use ticket to open the stream with, valid for a minute. */
export const StreamTicketBody = z.object({ ticket: z.string(), expiresAt: z.string().datetime() });
export type StreamTicketBody = z.infer<typeof StreamTicketBody>;

/** A position in the stream, as the API writes it in each event's `id:` (a positive integer, bigint-safe). */
export const StreamEventId = z.string().regex(/^\d{1,18}$/, "must be an event id the stream sent (digits)");

export const StreamQuery = z.object({
  ticket: z.string().max(100).optional().describe("From POST /v1/stream/ticket: single use, valid 60 s."),
  lastEventId: StreamEventId.optional().describe(
    "Resume after this event (as the Last-Event-ID header does; for a new EventSource opened after a reconnect with a fresh ticket).",
  ),
});
export type StreamQuery = z.infer<typeof StreamQuery>;

export const StreamHeaders = z.object({ "last-event-id": StreamEventId.optional() });

export const STREAM_EVENT_TYPES = ["approval.changed", "assignment.changed", "task.changed"] as const;
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

/**
 * The data of each change event: what changed, by id; the client refetches it through the
 * normal routes, so the stream itself carries nothing beyond ids the caller may see.
 */
export const StreamChange = z.object({
  type: z.enum(STREAM_EVENT_TYPES),
  /** The approval's or assignment's id; for task.changed, the task's (workflow) id. */
  id: z.string(),
  workflowId: z.string(),
});
export type StreamChange = z.infer<typeof StreamChange>;
