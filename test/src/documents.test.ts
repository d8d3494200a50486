/**
 * Issue 20 §3, documents: a PDF and an HWPX attached to a revised plan (its second version) and to
 * an assignment's completion report are stored whole in the real object store (read back here
 * with the S3 client), listed on the task, downloadable byte for byte as attachments by everyone
 * who sees the task, and a 404 — the unknown id's — for another country's officers. A file whose
 * bytes contradict its declared type is refused and nothing is listed; so is a target the caller
 * may not act for. The object store stopped mid-upload: documents.faults.test.ts.
 */
import { hwpxFile, pdfFile, pngFile } from "@hub/api/file-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, hubObjectStore, listFiles, objectKeyOf, storedBytes, upload } from "./support/files";
import { act, call, eventually, inDays, login, openCase, pendingApproval, uniqueRef } from "./support/hub";
import { inProcessApi } from "./support/in-process-api";

const store = hubObjectStore();
afterAll(() => store.close());

const PDF = "application/pdf";
const HWPX = "application/hwp+zip";
const ctx = {} as { workflowId: string; kotraTask: string; staff: string; kotra: string };

beforeAll(async () => {
  const { workflowId, approval, head, staff } = await openCase(uniqueRef("DOCS"));
  expect((await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "request_changes" } })).status).toBe(200);
  const plan = {
    assignments: [...approval.plan.assignments, { key: "extra", org: "KOTRA-US", task: "Collect the exporters' data.", dueOn: inDays(10) }],
  };
  const revised = await call("POST", `/v1/workflows/${encodeURIComponent(workflowId)}/plan`, { token: staff, body: { plan } });
  expect(revised.status, JSON.stringify(revised.body)).toBe(202);
  const round2 = await pendingApproval("head.us@teamkorea.dev", workflowId, { round: 2 });
  expect((await call("POST", `/v1/approvals/${round2.id}/decision`, { token: head, body: { decision: "approve" } })).status).toBe(200);
  const kotraTask = await eventually("KOTRA-US's assignment", async () => {
    const t = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: await login("hq@teamkorea.dev") });
    return t.body.assignments?.find((a: { org: string; key: string }) => a.org === "KOTRA-US" && a.key !== "extra")?.id as string | undefined;
  });
  const kotra = await login("kotra.us@teamkorea.dev");
  await act("kotra.us@teamkorea.dev", kotraTask, "ack");
  await act("kotra.us@teamkorea.dev", kotraTask, "complete", { report: "Four exporters at risk; the figures are attached." });
  Object.assign(ctx, { workflowId, kotraTask, staff, kotra });
}, 120_000);

describe("documents on a revised plan and a completion report", () => {
  const files: { id: string; bytes: Buffer; name: string; type: string }[] = [];

  it("stores a PDF and an HWPX on the plan's second version and on the report, whole, in the real object store", async () => {
    const sent = [
      { token: ctx.staff, attach: "plan:2", name: "수정 계획 (2차).pdf", bytes: pdfFile(`plan ${uniqueRef()}`), type: PDF },
      { token: ctx.staff, attach: "plan:2", name: "수정 계획 (2차).hwpx", bytes: hwpxFile("수정 계획"), type: HWPX },
      { token: ctx.kotra, attach: `report:${ctx.kotraTask}`, name: "KOTRA report.pdf", bytes: pdfFile(`report ${uniqueRef()}`), type: PDF },
      // Declared as "I don't know": the bytes alone say what it is.
      {
        token: ctx.kotra,
        attach: `report:${ctx.kotraTask}`,
        name: "수출기업 현황.hwpx",
        bytes: hwpxFile("수출기업"),
        type: "application/octet-stream",
      },
    ];
    for (const f of sent) {
      const r = await upload(f.token, ctx.workflowId, f);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const type = f.name.endsWith(".pdf") ? PDF : HWPX;
      expect(r.body).toMatchObject({
        name: f.name,
        contentType: type,
        size: f.bytes.length,
        workflowId: ctx.workflowId,
        href: `/v1/files/${r.body.id}`,
      });
      expect(r.body.attachedTo).toEqual(f.attach === "plan:2" ? { kind: "plan", round: 2 } : { kind: "report", assignmentId: ctx.kotraTask });
      // In the store under a random key, never the name; every byte of it.
      expect(await storedBytes(store, objectKeyOf(r.body.id))).toEqual(f.bytes);
      files.push({ id: r.body.id, bytes: f.bytes, name: f.name, type });
    }
    const listed = await listFiles(ctx.staff, ctx.workflowId);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((f: { id: string }) => f.id)).toEqual(files.map((f) => f.id));
    expect(listed.body.items[2].uploadedBy).toEqual({ email: "kotra.us@teamkorea.dev", org: "KOTRA-US" });
  });

  it("lets everyone who sees the task download each file, byte for byte, as an attachment", async () => {
    // The mission's people, the assigned agencies (MOTIE sees the task through its assignment), HQ.
    for (const email of ["staff.us", "head.us", "kotra.us", "motie", "hq"]) {
      const token = await login(`${email}@teamkorea.dev`);
      for (const f of files) {
        const r = await download(token, f.id);
        expect(r.status, `${email} ${f.name}`).toBe(200);
        expect(r.bytes.equals(f.bytes), `${email} ${f.name}: the same bytes`).toBe(true);
        expect(r.headers.get("content-type")).toBe(f.type);
        expect(r.headers.get("x-content-type-options")).toBe("nosniff");
        const disposition = r.headers.get("content-disposition") ?? "";
        expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
        expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? "")).toBe(f.name);
      }
    }
  });

  it("answers another country's officers 404, as for a file or task that does not exist", async () => {
    for (const email of ["staff.jp", "head.jp", "kotra.vn"]) {
      const token = await login(`${email}@teamkorea.dev`);
      for (const f of files) {
        const r = await download(token, f.id);
        expect(r.status, `${email} ${f.name}`).toBe(404);
        expect(JSON.parse(r.bytes.toString()).message).toBe(`No file ${f.id}`);
      }
      expect((await listFiles(token, ctx.workflowId)).status).toBe(404);
      const attempt = await upload(token, ctx.workflowId, { attach: "plan:2", name: "x.pdf", bytes: pdfFile(), type: PDF });
      expect(attempt.status).toBe(404);
    }
    const hq = await login("hq@teamkorea.dev");
    expect((await download(hq, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("refuses a file claiming application/pdf that is not one, and lists nothing for it", async () => {
    const before = (await listFiles(ctx.staff, ctx.workflowId)).body.items.length;
    const fakes = [
      ["plain text", Buffer.from("This is not a PDF at all, only text with a .pdf name.\n")],
      ["an HTML page", Buffer.from("<!doctype html><script>alert(document.cookie)</script>")],
      ["a PNG image", pngFile()],
      ["an HWPX document", hwpxFile()],
    ] as const;
    for (const [what, bytes] of fakes) {
      const r = await upload(ctx.staff, ctx.workflowId, { attach: "plan:2", name: "계획서.pdf", bytes: Buffer.from(bytes), type: PDF });
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(415);
      expect(r.body.message).toMatch(/nothing was stored/);
    }
    const png = await upload(ctx.staff, ctx.workflowId, { attach: "plan:2", name: "계획서.pdf", bytes: pngFile(), type: PDF });
    expect(png.body.message).toBe("The file was sent as application/pdf, but its bytes are a PNG image; nothing was stored");
    expect((await listFiles(ctx.staff, ctx.workflowId)).body.items.length).toBe(before);
  });

  it("lets only those who may act attach: the plan's mission to its versions, the assignment's organisation to its report", async () => {
    const file = { name: "x.pdf", bytes: pdfFile(), type: PDF };
    const before = (await listFiles(ctx.staff, ctx.workflowId)).body.items.length;
    const kotraOnPlan = await upload(ctx.kotra, ctx.workflowId, { ...file, attach: "plan:2" });
    expect(kotraOnPlan.status).toBe(403);
    expect(kotraOnPlan.body.message).toBe("Only EMB-US's head or staff may attach files to this plan");
    const motieOnKotra = await upload(await login("motie@teamkorea.dev"), ctx.workflowId, { ...file, attach: `report:${ctx.kotraTask}` });
    expect(motieOnKotra.status).toBe(403);
    const hqOnPlan = await upload(await login("hq@teamkorea.dev"), ctx.workflowId, { ...file, attach: "plan:1" });
    expect(hqOnPlan.status).toBe(403);

    const noRound = await upload(ctx.staff, ctx.workflowId, { ...file, attach: "plan:9" });
    expect(noRound.status).toBe(400);
    expect(noRound.body.issues).toEqual([{ path: "querystring.attach", message: "names plan version 9, which this task does not have" }]);
    const badAttach = await upload(ctx.staff, ctx.workflowId, { ...file, attach: "comment:1" });
    expect(badAttach.status).toBe(400);
    expect(badAttach.body.issues.map((i: { path: string }) => i.path)).toEqual(["querystring.attach"]);
    const noName = await upload(ctx.staff, ctx.workflowId, { ...file, name: "", attach: "plan:2" });
    expect(noName.status).toBe(400);
    expect(noName.body.issues.map((i: { path: string }) => i.path)).toEqual(["querystring.name"]);
    const empty = await upload(ctx.staff, ctx.workflowId, { ...file, bytes: Buffer.alloc(0), attach: "plan:2" });
    expect(empty.status).toBe(400);
    expect((await listFiles(ctx.staff, ctx.workflowId)).body.items.length).toBe(before);
  });

  it("refuses a file over the per-file limit before storing any of it", async () => {
    // 25 MiB + 1 byte, declared up front: refused on its Content-Length.
    const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0x25);
    pdfFile().copy(big);
    const r = await upload(ctx.staff, ctx.workflowId, { attach: "plan:2", name: "huge.pdf", bytes: big, type: PDF });
    expect(r.status).toBe(413);
    expect(r.body.message).toBe("The file is 26,214,401 bytes; one file may be at most 26,214,400 bytes (25 MiB). Nothing was stored");
  });

  it("refuses a file that would take the task past its limit, and lists nothing for it", async () => {
    const listed = (await listFiles(ctx.staff, ctx.workflowId)).body.items as { size: number }[];
    const used = listed.reduce((n, f) => n + f.size, 0);
    // An API of the same code over the same database and store, whose per-task limit leaves 100 bytes.
    const tight = await inProcessApi({ HUB_TASK_FILES_MAX_BYTES: String(used + 100) });
    try {
      const file = pdfFile("one too many");
      const r = await tight.app.inject({
        method: "POST",
        url: `/v1/workflows/${encodeURIComponent(ctx.workflowId)}/files?name=more.pdf&attach=plan:2`,
        headers: { authorization: `Bearer ${ctx.staff}`, "content-type": PDF },
        payload: file,
      });
      expect(r.statusCode, r.body).toBe(413);
      expect(r.json().message).toMatch(
        /^This task's files already take [\d.]+ MiB of its [\d.]+ MiB; a file of [\d.]+ MiB does not fit\. Nothing was stored$/,
      );
    } finally {
      await tight.close();
    }
    expect((await listFiles(ctx.staff, ctx.workflowId)).body.items.length).toBe(listed.length);
  });
});
