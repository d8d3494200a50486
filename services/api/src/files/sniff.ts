/**
 * What a file is, told from its first bytes — never from the name or the type a client declares.
 * Only the kinds the hub accepts are recognised (PDF, office documents including Hangul's HWP and
 * HWPX, images); anything else is `null`. Pure: the upload route hands it the head of the body.
 */

export type FileKind =
  | "pdf"
  | "png"
  | "jpeg"
  | "gif"
  | "webp"
  | "docx"
  | "xlsx"
  | "pptx"
  | "hwpx"
  | "odt"
  | "ods"
  | "odp"
  | "hwp"
  | "doc"
  | "xls"
  | "ppt";

/** How many bytes of the body the sniffer needs at most; the route buffers this much before storing anything. */
export const SNIFF_BYTES = 64 * 1024;

/** The type each kind is stored and served with, and the other names clients commonly declare for it. */
export const KIND_TYPES: Record<FileKind, { type: string; aliases: string[] }> = {
  pdf: { type: "application/pdf", aliases: ["application/x-pdf"] },
  png: { type: "image/png", aliases: [] },
  jpeg: { type: "image/jpeg", aliases: ["image/jpg", "image/pjpeg"] },
  gif: { type: "image/gif", aliases: [] },
  webp: { type: "image/webp", aliases: [] },
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", aliases: [] },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", aliases: [] },
  pptx: { type: "application/vnd.openxmlformats-officedocument.presentationml.presentation", aliases: [] },
  hwpx: { type: "application/hwp+zip", aliases: ["application/vnd.hancom.hwpx", "application/haansofthwpx", "application/x-hwpx"] },
  odt: { type: "application/vnd.oasis.opendocument.text", aliases: [] },
  ods: { type: "application/vnd.oasis.opendocument.spreadsheet", aliases: [] },
  odp: { type: "application/vnd.oasis.opendocument.presentation", aliases: [] },
  hwp: { type: "application/x-hwp", aliases: ["application/vnd.hancom.hwp", "application/haansofthwp", "application/hwp"] },
  doc: { type: "application/msword", aliases: [] },
  xls: { type: "application/vnd.ms-excel", aliases: [] },
  ppt: { type: "application/vnd.ms-powerpoint", aliases: [] },
};

/** What a person calls each kind, for refusals ("its bytes are a PNG image"). */
export const KIND_LABELS: Record<FileKind, string> = {
  pdf: "a PDF document",
  png: "a PNG image",
  jpeg: "a JPEG image",
  gif: "a GIF image",
  webp: "a WebP image",
  docx: "a Word document (.docx)",
  xlsx: "an Excel workbook (.xlsx)",
  pptx: "a PowerPoint presentation (.pptx)",
  hwpx: "a Hangul document (.hwpx)",
  odt: "an OpenDocument text (.odt)",
  ods: "an OpenDocument spreadsheet (.ods)",
  odp: "an OpenDocument presentation (.odp)",
  hwp: "a Hangul document (.hwp)",
  doc: "a Word 97–2003 document (.doc)",
  xls: "an Excel 97–2003 workbook (.xls)",
  ppt: "a PowerPoint 97–2003 presentation (.ppt)",
};

/** Types that say nothing about the bytes: the sniffed kind decides alone. */
const UNSPECIFIC = new Set(["application/octet-stream", "binary/octet-stream", "application/x-download"]);

const ascii = (s: string) => Buffer.from(s, "latin1");
const startsWith = (b: Buffer, sig: Buffer | number[], at = 0) => {
  const s = Buffer.isBuffer(sig) ? sig : Buffer.from(sig);
  return b.length >= at + s.length && b.subarray(at, at + s.length).equals(s);
};

const ZIP_ENTRY = ascii("PK\x03\x04");
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** HWP 5's FileHeader stream opens with this; it lies within the first sectors of the compound file. */
const HWP_SIGNATURE = ascii("HWP Document File");

interface ZipEntry {
  name: string;
  /** The entry's bytes when stored uncompressed and within the head (the `mimetype` entry is). */
  stored: Buffer | null;
}

/**
 * The local file headers found in the head of a ZIP archive. Found by their signature rather than
 * by walking sizes, since writers that stream (data descriptors) leave the sizes zero in the header.
 */
function zipEntries(head: Buffer): ZipEntry[] {
  const out: ZipEntry[] = [];
  for (let at = head.indexOf(ZIP_ENTRY); at >= 0 && at + 30 <= head.length; at = head.indexOf(ZIP_ENTRY, at + 4)) {
    const method = head.readUInt16LE(at + 8);
    const size = head.readUInt32LE(at + 18);
    const nameLength = head.readUInt16LE(at + 26);
    const extraLength = head.readUInt16LE(at + 28);
    const nameEnd = at + 30 + nameLength;
    if (nameEnd > head.length) break;
    const name = head.subarray(at + 30, nameEnd).toString("utf8");
    const dataAt = nameEnd + extraLength;
    const stored = method === 0 && size > 0 && dataAt + size <= head.length ? head.subarray(dataAt, dataAt + size) : null;
    out.push({ name, stored });
  }
  return out;
}

const ODF: Record<string, FileKind> = {
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
};

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? "";

/** A ZIP is accepted only as an office container: HWPX, OpenDocument or Office Open XML. */
function zipKind(head: Buffer, name: string): FileKind | null {
  const entries = zipEntries(head);
  const first = entries[0];
  // HWPX and ODF both open with an uncompressed `mimetype` entry naming the format (their specs require it first).
  if (first?.name === "mimetype" && first.stored) {
    const mimetype = first.stored.toString("latin1").trim();
    if (mimetype === "application/hwp+zip") return "hwpx";
    return ODF[mimetype] ?? null;
  }
  if (!entries.some((e) => e.name === "[Content_Types].xml")) return null;
  const names = entries.map((e) => e.name);
  if (names.some((n) => n.startsWith("word/"))) return "docx";
  if (names.some((n) => n.startsWith("xl/"))) return "xlsx";
  if (names.some((n) => n.startsWith("ppt/"))) return "pptx";
  // The part folders lay past the head: the name's extension says which of the three it is.
  const ext = extensionOf(name);
  return ext === "docx" || ext === "xlsx" || ext === "pptx" ? ext : null;
}

/** An OLE compound file is HWP 5 by its own signature, else a legacy Office file by the name's extension. */
function oleKind(head: Buffer, name: string): FileKind | null {
  if (head.indexOf(HWP_SIGNATURE) >= 0) return "hwp";
  const ext = extensionOf(name);
  return ext === "doc" || ext === "xls" || ext === "ppt" ? ext : null;
}

/** The kind of file `head` (the first SNIFF_BYTES of it, or all of a smaller one) begins, or null when the hub does not accept it. */
export function sniffKind(head: Buffer, name: string): FileKind | null {
  if (startsWith(head, ascii("%PDF-"))) return "pdf";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "gif";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return "webp";
  if (startsWith(head, ZIP_ENTRY)) return zipKind(head, name);
  if (startsWith(head, OLE)) return oleKind(head, name);
  return null;
}

/** The media type a client declared, without parameters, lower-cased (`Application/PDF; x=1` → `application/pdf`). */
export const mediaTypeOf = (header: string) => (header.split(";")[0] ?? "").trim().toLowerCase();

/** Whether a declared type agrees with the kind the bytes are (an unspecific type always does). */
export function declaredTypeAgrees(declared: string, kind: FileKind): boolean {
  const type = mediaTypeOf(declared);
  if (UNSPECIFIC.has(type)) return true;
  const k = KIND_TYPES[kind];
  return type === k.type || k.aliases.includes(type);
}

/** Every type the hub accepts, for the refusal that lists them. */
export const ACCEPTED_TYPES = Object.values(KIND_TYPES).map((k) => k.type);
