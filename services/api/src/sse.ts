/**
 * Server-Sent Events framing, by hand: the format is four line prefixes (`id:`, `event:`,
 * `data:`, `retry:`) and comments (`:`), each event ended by a blank line. A library would add a
 * dependency for a dozen lines. Data is always one line of JSON (JSON.stringify writes no newline).
 */
export const sseEvent = (e: { id?: string; event: string; data: unknown }): string =>
  `${e.id === undefined ? "" : `id: ${e.id}\n`}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;

/** A comment line: ignored by EventSource, but it keeps proxies and the socket from idling out. */
export const sseComment = (text: string): string => `: ${text.replace(/[\r\n]/g, " ")}\n\n`;

/** How long the browser waits before reconnecting by itself. */
export const sseRetry = (ms: number): string => `retry: ${ms}\n\n`;
