/** The sniffer tells each accepted kind from its bytes alone, refuses the rest, and checks a declared type against them. */
import { describe, expect, it } from "vitest";
import { docxFile, hwpxFile, odtFile, oleFile, pdfFile, pngFile, storedZip } from "./fixtures";
import { declaredTypeAgrees, sniffKind } from "./sniff";

describe("sniffKind", () => {
  it.each([
    ["a PDF", pdfFile(), "x.bin", "pdf"],
    ["a PNG", pngFile(), "x", "png"],
    ["a JPEG", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), "photo", "jpeg"],
    ["a GIF", Buffer.from("GIF89a\x01\x00", "latin1"), "g", "gif"],
    ["a WebP", Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]), "w", "webp"],
    ["an HWPX", hwpxFile(), "보고서.hwpx", "hwpx"],
    ["an HWPX whatever its name", hwpxFile(), "report.pdf", "hwpx"],
    ["a DOCX", docxFile(), "a", "docx"],
    ["an ODT", odtFile(), "a", "odt"],
    ["an HWP 5 file by its signature", oleFile(true), "no-extension", "hwp"],
    ["a legacy .doc by its extension", oleFile(false), "old.DOC", "doc"],
    ["a legacy .xls by its extension", oleFile(false), "old.xls", "xls"],
  ])("tells %s", (_what, bytes, name, kind) => {
    expect(sniffKind(bytes, name)).toBe(kind);
  });

  it.each([
    ["plain text claiming to be a PDF", Buffer.from("hello, this is not a PDF"), "fake.pdf"],
    ["an HTML page", Buffer.from("<!doctype html><script>alert(1)</script>"), "page.pdf"],
    ["a plain ZIP archive", storedZip([["readme.txt", "hi"]]), "archive.zip"],
    ["a ZIP whose mimetype names another format", storedZip([["mimetype", "application/epub+zip"]]), "book.hwpx"],
    ["an OLE file that is no HWP and has no office extension", oleFile(false), "mystery.bin"],
    ["nothing at all", Buffer.alloc(0), "empty.pdf"],
    ["the PDF signature cut short", Buffer.from("%PD"), "short.pdf"],
  ])("refuses %s", (_what, bytes, name) => {
    expect(sniffKind(bytes, name)).toBeNull();
  });
});

describe("declaredTypeAgrees", () => {
  it("accepts the kind's own type, its aliases, parameters and case, and an unspecific type", () => {
    expect(declaredTypeAgrees("application/pdf", "pdf")).toBe(true);
    expect(declaredTypeAgrees("Application/PDF; charset=binary", "pdf")).toBe(true);
    expect(declaredTypeAgrees("application/octet-stream", "hwpx")).toBe(true);
    expect(declaredTypeAgrees("application/vnd.hancom.hwpx", "hwpx")).toBe(true);
    expect(declaredTypeAgrees("application/haansofthwp", "hwp")).toBe(true);
  });

  it("refuses a type the bytes contradict", () => {
    expect(declaredTypeAgrees("application/pdf", "png")).toBe(false);
    expect(declaredTypeAgrees("image/png", "hwpx")).toBe(false);
    expect(declaredTypeAgrees("text/html", "pdf")).toBe(false);
  });
});
