/** The answer to a batch of CloudEvents (HTTP batch mode): one outcome per event, in the order sent. */
import { z } from "zod";

/** Events in one batch: enough for a publisher catching up, small enough for one transaction. */
export const EVENT_BATCH_MAX = 100;

export const EventBatchOutcome = z.object({
  /** The event's index in the batch, so an event without a usable id can be found too. */
  index: z.number().int(),
  id: z.string().nullable(),
  status: z.enum(["accepted", "duplicate", "refused"]),
  /** For a refused event: the status it would have had alone (400 invalid, 403 not yours to publish, 429 beyond the publishing limit: each event of a batch counts as one publication), and why. */
  statusCode: z.number().int().optional(),
  error: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type EventBatchOutcome = z.infer<typeof EventBatchOutcome>;

export const EventBatchResult = z.object({ results: z.array(EventBatchOutcome) });
export type EventBatchResult = z.infer<typeof EventBatchResult>;
