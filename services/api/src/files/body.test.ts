/** An upload's body: the head read first, then all of it streamed on exactly once, counted and hashed; a short body fails. */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { meteredBody, readHead } from "./body";

/** A request body arriving in chunks (`complete` once it has all ended, as IncomingMessage says). */
function request(chunks: Buffer[], endAfter = true) {
  const req = new PassThrough() as PassThrough & { complete: boolean };
  req.complete = false;
  req.on("end", () => {
    req.complete = true;
  });
  setImmediate(() => {
    for (const c of chunks) req.write(c);
    if (endAfter) req.end();
  });
  return req;
}

async function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return Buffer.concat(out);
}

const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
const chunks = [bytes.subarray(0, 1000), bytes.subarray(1000, 70_000), bytes.subarray(70_000)];

describe("readHead and meteredBody", () => {
  it("reads the head, then hands on every byte once, in order, with its SHA-256", async () => {
    const req = request(chunks);
    const head = await readHead(req as unknown as IncomingMessage, 64 * 1024);
    expect(head.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(head.equals(bytes.subarray(0, head.length))).toBe(true);
    const body = meteredBody(req as unknown as IncomingMessage, head, bytes.length);
    expect((await drain(body.stream)).equals(bytes)).toBe(true);
    expect(body.sha256()).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("passes a body smaller than the head on whole", async () => {
    const small = Buffer.from("%PDF-1.4 small");
    const req = request([small]);
    const head = await readHead(req as unknown as IncomingMessage, 64 * 1024);
    expect(head.equals(small)).toBe(true);
    expect((await drain(meteredBody(req as unknown as IncomingMessage, head, small.length).stream)).equals(small)).toBe(true);
  });

  it("fails when fewer bytes arrive than were declared", async () => {
    const req = request([bytes.subarray(0, 100_000)]);
    const head = await readHead(req as unknown as IncomingMessage, 64 * 1024);
    const body = meteredBody(req as unknown as IncomingMessage, head, bytes.length);
    await expect(drain(body.stream)).rejects.toThrow(`the body ended after 100000 of ${bytes.length} bytes`);
  });

  it("fails when the client goes away mid-body", async () => {
    const req = request([bytes.subarray(0, 100_000)], false);
    const head = await readHead(req as unknown as IncomingMessage, 64 * 1024);
    const body = meteredBody(req as unknown as IncomingMessage, head, bytes.length);
    setImmediate(() => req.emit("close"));
    await expect(drain(body.stream)).rejects.toThrow("the client stopped sending before the whole file arrived");
  });
});
