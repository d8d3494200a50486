/**
 * CloudEvents 1.0 protocol bindings for HTTP and Kafka: each content mode is turned into the one
 * structured JSON envelope that parseEvent checks, so every mode is validated by the same zod
 * contract and says the same things when refused.
 *
 * - structured: the body (HTTP) or the value (Kafka) is the event as JSON;
 * - binary: the attributes travel as headers (`ce-` on HTTP, `ce_` on Kafka), the content type
 *   header is `datacontenttype`, and the body/value is the data;
 * - batch (HTTP only): the body is a JSON array of structured events.
 */

export const CE_JSON = "application/cloudevents+json";
export const CE_BATCH = "application/cloudevents-batch+json";

export type Headers = Record<string, string | string[] | undefined>;
export type BindingResult = { ok: true; input: Record<string, unknown> } | { ok: false; error: string };

/** The media type of a content-type header, without parameters, lower case. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0]?.trim().toLowerCase() || undefined;
}

const isJsonMedia = (m: string | undefined) => m === "application/json" || (m?.startsWith("application/") === true && m.endsWith("+json"));

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v);

/**
 * Header values are percent-encoded by the HTTP binding (spaces, quotes, '%' and non-ASCII);
 * a malformed escape is kept as written rather than refused, since it may be a literal '%'.
 */
function percentDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The attributes carried in headers with the given prefix, and the content type as `datacontenttype`. */
function attributesFrom(headers: Headers, prefix: string, decode: (v: string) => string): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const value = headerValue(raw);
    if (value === undefined || !lower.startsWith(prefix)) continue;
    attrs[lower.slice(prefix.length)] = decode(value);
  }
  const contentType = headerValue(headers["content-type"] ?? headers["Content-Type"]);
  if (contentType !== undefined) attrs.datacontenttype = contentType;
  return attrs;
}

/** True when an HTTP request is in binary mode: its attributes are `ce-` headers. */
export const isHttpBinary = (headers: Headers) => headers["ce-specversion"] !== undefined;

/** HTTP binary mode: the `ce-` headers and the already parsed JSON body, as a structured event. */
export function fromHttpBinary(headers: Headers, body: unknown): Record<string, unknown> {
  return { ...attributesFrom(headers, "ce-", percentDecode), data: body };
}

/**
 * A Kafka message as a structured event. Binary mode when it carries a `ce_specversion` header
 * (the data is the value, JSON as its content type says); otherwise structured mode, with or
 * without the `content-type: application/cloudevents+json` header the binding recommends.
 */
export function fromKafkaMessage(headers: Headers, value: string | null): BindingResult {
  const binary = headers.ce_specversion !== undefined;
  if (!binary) {
    const media = mediaTypeOf(headerValue(headers["content-type"]));
    if (media !== undefined && media !== CE_JSON && media !== "application/json")
      return { ok: false, error: `a structured-mode message must be ${CE_JSON}, not ${media}; a binary-mode one carries ce_ headers` };
    return parseObject(value, "the message is not JSON");
  }
  const attrs = attributesFrom(headers, "ce_", (v) => v);
  const media = mediaTypeOf(typeof attrs.datacontenttype === "string" ? attrs.datacontenttype : undefined);
  if (media !== undefined && !isJsonMedia(media)) return { ok: false, error: `the data must be JSON (content-type application/json), not ${media}` };
  if (value === null) return { ok: true, input: attrs };
  try {
    return { ok: true, input: { ...attrs, data: JSON.parse(value) } };
  } catch {
    return { ok: false, error: "the message value (the event's data in binary mode) is not JSON" };
  }
}

function parseObject(value: string | null, error: string): BindingResult {
  try {
    const json: unknown = JSON.parse(value ?? "");
    if (typeof json === "object" && json !== null && !Array.isArray(json)) return { ok: true, input: json as Record<string, unknown> };
  } catch {
    // reported below
  }
  return { ok: false, error };
}
