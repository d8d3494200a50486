/**
 * Issue 20 §3: the object store stopped in the middle of an upload. A 20 MiB PDF streams to the
 * API; after its first mebibyte the launcher's MinIO is stopped, and the rest follows. The upload
 * is answered 503 with Retry-After (never a 500), nothing is listed, no row of it remains, and the
 * task is as it was. While the store is down a stored file's download is a 503 too; once MinIO is
 * back (restarted here, whatever happened) both work again. Runs in the faults tier, since it
 * stops a component every other test file shares.
 */
import http from "node:http";
import { hwpxFile, pdfFile } from "@hub/api/file-fixtures";
import { createDb, sql } from "@hub/db";
import { readStackEnv as readEnv, stackConfig, startComponent, stopComponent } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { afterAll, describe, expect, it } from "vitest";
import { download, listFiles, upload } from "./support/files";
import { call, cfg, eventually, login, openCase, type Res, uniqueRef } from "./support/hub";

// The launcher's own view of the stack (without the endpoints npm test exported for the services).
const { DATABASE_URL: _d, KAFKA_BROKERS: _k, TEMPORAL_ADDRESS: _t, HUB_S3_URL: _s, ...localEnv } = process.env;
const stack = stackConfig(readEnv(localEnv), repoRoot);
const db = createDb(cfg.service.databaseUrl, { max: 2 });
afterAll(() => db.close());

const MiB = 1024 * 1024;

/**
 * A large upload over plain HTTP (so its Content-Length is exactly what is said): its first
 * mebibyte at once, the rest only after `resume` resolves. Resolves with the answer, which may
 * come before the client has sent everything (the API answers as soon as the store fails).
 */
function pausedUpload(path: string, token: string, bytes: Buffer, resume: Promise<void>, sentFirst: () => void): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${cfg.apiUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/pdf", "content-length": String(bytes.length) },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || "null") }));
    });
    // Writing after the API has answered and closed may fail; the answer is what counts.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    req.write(bytes.subarray(0, MiB), () => sentFirst());
    void resume.then(async () => {
      for (let at = MiB; at < bytes.length && !req.destroyed; at += 256 * 1024) {
        if (!req.write(bytes.subarray(at, at + 256 * 1024))) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    });
  });
}

/** What a task is, as far as files could harm it: its status and its assignments' states. */
async function taskState(workflowId: string) {
  const r = await call("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`, { token: await login("hq@teamkorea.dev") });
  return { status: r.body.status, assignments: r.body.assignments.map((a: { id: string; status: string }) => [a.id, a.status]) };
}

describe("the object store stopped mid-upload", () => {
  it.runIf(cfg.s3Owned)(
    "answers 503, lists nothing and leaves the task unharmed; works again once the store is back",
    async () => {
      const { workflowId, approval, head, staff } = await openCase(uniqueRef("DOCFAULT"));
      expect((await call("POST", `/v1/approvals/${approval.id}/decision`, { token: head, body: { decision: "approve" } })).status).toBe(200);
      await eventually("the assignments", async () => (await taskState(workflowId)).assignments.length === 3);
      const kept = await upload(staff, workflowId, { attach: "plan:1", name: "계획.hwpx", bytes: hwpxFile(), type: "application/hwp+zip" });
      expect(kept.status, JSON.stringify(kept.body)).toBe(201);
      const before = await taskState(workflowId);

      const big = pdfFile("twenty mebibytes", 20 * MiB);
      let resume: () => void = () => undefined;
      const resumed = new Promise<void>((r) => {
        resume = r;
      });
      let firstSent: () => void = () => undefined;
      const sentFirst = new Promise<void>((r) => {
        firstSent = r;
      });
      const query = new URLSearchParams({ name: "큰 파일.pdf", attach: "plan:1" });
      const answer = pausedUpload(`/v1/workflows/${encodeURIComponent(workflowId)}/files?${query}`, staff, big, resumed, firstSent);
      try {
        await sentFirst;
        // The API has sniffed the head and reserved the file's row: it is streaming to MinIO. Stop it under the upload.
        await eventually("the upload under way", async () => {
          const rows = await db.query<{ n: string }>(
            sql`SELECT count(*)::text AS n FROM task_files WHERE workflow_id = ${workflowId} AND status = 'uploading'`,
          );
          return rows[0]?.n === "1";
        });
        await new Promise((r) => setTimeout(r, 300));
        await stopComponent(stack, "minio", () => undefined);
        resume();
        const r = await answer;
        expect(r.status, JSON.stringify(r.body)).toBe(503);
        expect(r.body.message).toBe("The hub's file store is unavailable for a moment; nothing was stored. Try again shortly.");

        // Nothing listed, no row left behind, the task as it was.
        expect((await listFiles(staff, workflowId)).body.items.map((f: { id: string }) => f.id)).toEqual([kept.body.id]);
        const rows = await db.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM task_files WHERE workflow_id = ${workflowId}`);
        expect(rows[0]?.n).toBe("1");
        expect(await taskState(workflowId)).toEqual(before);

        // While the store is down: a download and a new upload are 503 with Retry-After.
        const res = await fetch(`${cfg.apiUrl}/v1/files/${kept.body.id}`, { headers: { authorization: `Bearer ${staff}` } });
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("10");
        await res.body?.cancel();
        const again = await upload(staff, workflowId, { attach: "plan:1", name: "작은.pdf", bytes: pdfFile(), type: "application/pdf" });
        expect(again.status).toBe(503);
      } finally {
        resume();
        await startComponent(stack, "minio", () => undefined);
      }
      // Back: the stored file downloads whole, and an upload goes through.
      const back = await download(staff, kept.body.id);
      expect(back.status).toBe(200);
      expect(back.bytes.equals(hwpxFile())).toBe(true);
      const after = await upload(staff, workflowId, { attach: "plan:1", name: "다시.pdf", bytes: pdfFile(), type: "application/pdf" });
      expect(after.status, JSON.stringify(after.body)).toBe(201);
      expect(await taskState(workflowId)).toEqual(before);
    },
    180_000,
  );
});
