/**
 * The Content-Disposition of a download: always `attachment` (a browser never renders an uploaded
 * file in the hub's origin), with the name as given in RFC 5987's `filename*` and an ASCII fallback
 * for clients that read only `filename`. The name is data, never a path: separators, control
 * characters and quotes cannot reach the header or a file system through it.
 */

/** Characters a file system or a header would read as something other than part of a name. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what this replaces
const UNSAFE = /[\u0000-\u001f\u007f"\\/:*?<>|;]/g;

/** The name as given, minus what would make it a path or break the header; never empty. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(UNSAFE, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .trim();
  return cleaned.length > 0 ? cleaned : "file";
}

/** An ASCII stand-in for `filename=`: non-ASCII letters become `_`, the extension kept. */
export function asciiFallback(name: string): string {
  const ascii = safeFileName(name).replace(/[^\x20-\x7e]/g, "_");
  return /[A-Za-z0-9]/.test(ascii.replace(/\.[A-Za-z0-9]+$/, "")) ? ascii : `file${/\.[A-Za-z0-9]{1,8}$/.exec(ascii)?.[0] ?? ""}`;
}

/** RFC 5987 percent-encoding (encodeURIComponent leaves ' ( ) * ! unescaped; attr-char does not allow them). */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function attachmentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(safeFileName(name))}`;
}
