/** A download's name: kept as given where it is safe, never a path, and both header forms readable. */
import { describe, expect, it } from "vitest";
import { asciiFallback, attachmentDisposition, safeFileName } from "./disposition";

describe("safeFileName", () => {
  it("keeps a Korean name as given", () => {
    expect(safeFileName("2026 수입규제 대응 보고서.hwpx")).toBe("2026 수입규제 대응 보고서.hwpx");
  });
  it.each([
    ["../../etc/passwd", "_.._etc_passwd"],
    ["..\\..\\boot.ini", "_.._boot.ini"],
    ['a"b;c.pdf', "a_b_c.pdf"],
    ["line\r\nbreak.pdf", "line__break.pdf"],
    ["...", "file"],
    ["   ", "file"],
    ["C:\\Windows\\x.pdf", "C__Windows_x.pdf"],
  ])("never lets %j be a path or break the header (%j)", (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });
});

describe("attachmentDisposition", () => {
  it("is an attachment with an ASCII fallback and the UTF-8 name", () => {
    expect(attachmentDisposition("보고서 (최종).pdf")).toBe(
      "attachment; filename=\"file.pdf\"; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C%20%28%EC%B5%9C%EC%A2%85%29.pdf",
    );
    expect(attachmentDisposition("report 2026.pdf")).toBe("attachment; filename=\"report 2026.pdf\"; filename*=UTF-8''report%202026.pdf");
  });
  it("keeps the ASCII part of a mixed name", () => {
    expect(asciiFallback("KOTRA 보고서.hwpx")).toBe("KOTRA ___.hwpx");
  });
  it("puts nothing in the header a client could read as another parameter or line", () => {
    const header = attachmentDisposition('x"; filename="evil.exe\r\nSet-Cookie: a=b');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)?.length).toBe(2);
  });
});
