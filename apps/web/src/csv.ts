/**
 * CSV as spreadsheet apps read it: RFC 4180 (every field quoted, quotes doubled, CRLF between
 * rows, line breaks kept inside quotes), UTF-8 with a byte-order mark so Excel reads Korean as
 * Korean. A field a person wrote that starts like a formula (= + - @, tab, CR) gets a leading
 * apostrophe, the usual guard against a spreadsheet running it; every other character is kept.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string, opts: { guard?: boolean } = {}): string {
  const safe = opts.guard && FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Header row and rows → the file's text, BOM first. Cells marked `guard` are text people wrote. */
export function toCsv(header: string[], rows: { value: string; guard?: boolean }[][]): string {
  const lines = [header.map((h) => csvField(h)), ...rows.map((r) => r.map((c) => csvField(c.value, { guard: c.guard })))];
  return `\uFEFF${lines.map((l) => l.join(",")).join("\r\n")}\r\n`;
}

/** Hands the text to the browser as a download (no server round trip: the page already has the history). */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
