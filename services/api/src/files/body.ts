/**
 * An upload's body as it arrives: its head read first (for sniffing, before anything is stored),
 * then the whole of it handed to the object store as one stream that counts and hashes every byte
 * and fails unless exactly the declared length arrives. The request itself is never destroyed, so
 * the API can still answer when the store fails half-way; what the client still sends is drained.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Transform } from "node:stream";

/** Reads up to `want` bytes (less when the body is shorter) and pauses the request after them. */
export function readHead(req: IncomingMessage, want: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (err?: Error) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.pause();
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= want) finish();
    };
    const onEnd = () => finish();
    const onError = (err: Error) => finish(err);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

export interface MeteredBody {
  /** What the object store reads: the head, then the rest of the request. */
  stream: Transform;
  /** The SHA-256 of every byte that went through, once the stream has ended. */
  sha256(): string;
  /** Stops feeding the store and lets the request's remaining bytes drain, so the API can answer. */
  abandon(): void;
}

/** The head already read plus the rest of `req`, exactly `size` bytes or an error. */
export function meteredBody(req: IncomingMessage, head: Buffer, size: number): MeteredBody {
  const hash = createHash("sha256");
  let seen = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > size) return cb(new Error(`the body is longer than its Content-Length (${size} bytes)`));
      hash.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      cb(seen === size ? null : new Error(`the body ended after ${seen} of ${size} bytes`));
    },
  });
  // A client that goes away mid-upload must fail the store's request, not leave it waiting.
  const onClose = () => {
    if (!req.complete) stream.destroy(new Error("the client stopped sending before the whole file arrived"));
  };
  req.once("close", onClose);
  if (head.length >= size) {
    stream.end(head);
  } else {
    stream.write(head);
    req.pipe(stream);
  }
  return {
    stream,
    sha256: () => hash.digest("hex"),
    abandon() {
      req.off("close", onClose);
      req.unpipe(stream);
      stream.destroy();
      req.resume();
    },
  };
}
