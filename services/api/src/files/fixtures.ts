/**
 * Small but well-formed files of the kinds the hub accepts, built byte by byte, for the unit tests
 * of the sniffer and the stack tests of the upload routes (which store them in the real object
 * store). A ZIP here is a real archive (local headers, central directory, CRC-32) any unzip reads.
 */
import { crc32 } from "node:zlib";

/** A ZIP archive of stored (uncompressed) entries, in the order given. */
export function storedZip(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-page PDF (with `padTo` bytes of comment lines, for a large file). */
export function pdfFile(text = "Team Korea Hub", padTo = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >> endobj\n4 0 obj << /Length ${text.length + 24} >> stream\nBT /F1 12 Tf 20 100 Td (${text}) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n`;
  const pad = Math.max(0, padTo - body.length - 6);
  return Buffer.concat([Buffer.from(body, "latin1"), Buffer.alloc(pad, "%"), Buffer.from("\n%%EOF", "latin1")]);
}

/** An HWPX document: OWPML's container, its `mimetype` entry first and stored, as Hangul writes it. */
export function hwpxFile(text = "팀코리아 보고서"): Buffer {
  return storedZip([
    ["mimetype", "application/hwp+zip"],
    [
      "version.xml",
      '<?xml version="1.0" encoding="UTF-8"?><hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" major="5" minor="1"/>',
    ],
    ["META-INF/container.xml", '<?xml version="1.0"?><ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container"/>'],
    [
      "Contents/section0.xml",
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"><hp:t>${text}</hp:t></hs:sec>`,
    ],
  ]);
}

/** A Word document (OOXML) with its content-types part first. */
export const docxFile = () =>
  storedZip([
    ["[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ["_rels/.rels", '<?xml version="1.0"?><Relationships/>'],
    ["word/document.xml", '<?xml version="1.0"?><w:document/>'],
  ]);

/** An OpenDocument text. */
export const odtFile = () =>
  storedZip([
    ["mimetype", "application/vnd.oasis.opendocument.text"],
    ["content.xml", '<?xml version="1.0"?><office:document-content/>'],
  ]);

/** The first sector of an OLE compound file; `hwp` adds HWP 5's FileHeader signature after it. */
export function oleFile(hwp: boolean): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const sector = Buffer.alloc(512);
  if (hwp) Buffer.from("HWP Document File", "latin1").copy(sector);
  return Buffer.concat([header, sector]);
}

/** The PNG signature and an IHDR chunk's start: enough bytes to be told apart. */
export const pngFile = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("\0\0\0\rIHDR", "latin1"), Buffer.alloc(64)]);
