/**
 * The hub's object store: files attached to tasks, kept in any S3-compatible service through the
 * AWS SDK's S3 client (the launcher's MinIO in development and tests; any S3 service in
 * production). Four calls and nothing more, so the routes never see the SDK; every failure to
 * reach the store is one error type the API answers with 503.
 */
import type { Readable } from "node:stream";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";

export interface ObjectStoreConfig {
  /** The S3 endpoint (http://127.0.0.1:19000 for the launcher's MinIO); null: AWS's own for the region. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Null: the SDK's default chain (AWS_* variables, an instance or task role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Path-style URLs (http://host/bucket/key), which MinIO and most self-hosted services need. */
  forcePathStyle: boolean;
}

/** The store could not be reached or failed on its side: nothing was stored, the caller may try again. */
export class ObjectStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the object store is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "ObjectStoreUnavailableError";
  }
}

export interface StoredObject {
  body: Readable;
  size: number;
}

export interface ObjectStore {
  readonly bucket: string;
  /** Stores exactly `size` bytes under `key`; resolves only once the store has all of them. */
  put(key: string, body: Readable | Buffer, size: number, contentType: string): Promise<void>;
  /** The object's bytes as a stream, or null when there is no such key. */
  get(key: string): Promise<StoredObject | null>;
  /** The object's size, or null when there is no such key. */
  head(key: string): Promise<number | null>;
  /** Removes `key` (no error when it was not there). */
  delete(key: string): Promise<void>;
  /** Makes sure the bucket exists (created when missing); once per process, before the first upload. */
  ensureBucket(): Promise<void>;
  close(): void;
}

/**
 * Every failure of the store is the store's, never the client's: down, slow, or refusing the hub's
 * own credentials (a misconfiguration an operator must fix). The API answers 503 for all of them.
 */
const unavailable = (err: unknown) => new ObjectStoreUnavailableError(err);

const statusOf = (err: unknown) => (err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined);

const isMissing = (err: unknown) => err instanceof NoSuchKey || err instanceof NotFound || statusOf(err) === 404;

export function createObjectStore(cfg: ObjectStoreConfig): ObjectStore {
  const client = new S3Client({
    region: cfg.region,
    ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    ...(cfg.credentials ? { credentials: cfg.credentials } : {}),
    forcePathStyle: cfg.forcePathStyle,
    // One attempt: an upload's body is a request stream that cannot be replayed, and a client
    // waiting on a download is better told 503 at once than after the SDK's backoff.
    maxAttempts: 1,
    // Checksums only where S3 requires them: the SDK's newer default (a CRC trailer on every
    // upload) is refused by several S3-compatible services, and the hub keeps its own SHA-256.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // An unreachable store is told within seconds, not after the operating system's TCP timeout.
    // A connection per request: with one attempt, a kept-alive socket the store had just closed
    // as idle failed an upload with "socket hang up" (a fresh-clone run's first upload, 503).
    requestHandler: { connectionTimeout: 5000, httpAgent: { keepAlive: false }, httpsAgent: { keepAlive: false } },
  });
  const Bucket = cfg.bucket;
  let bucketReady: Promise<void> | null = null;

  async function ensureBucket(): Promise<void> {
    try {
      await client.send(new HeadBucketCommand({ Bucket }));
    } catch (err) {
      // 403: the hub may not list the bucket (a store set up with object rights only); take it as there.
      if (statusOf(err) === 403) return;
      if (!isMissing(err)) throw unavailable(err);
      try {
        await client.send(new CreateBucketCommand({ Bucket }));
      } catch (created) {
        // Another API process created it first.
        const name = (created as { name?: string }).name;
        if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists") throw unavailable(created);
      }
    }
  }
  /** Once per process on success; a failure is retried by the next call. */
  const bucket = () => {
    bucketReady ??= ensureBucket().catch((err) => {
      bucketReady = null;
      throw err;
    });
    return bucketReady;
  };

  return {
    bucket: Bucket,
    async put(key, body, size, contentType) {
      await bucket();
      try {
        await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: size, ContentType: contentType }));
      } catch (err) {
        throw unavailable(err);
      }
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return { body: out.Body as Readable, size: Number(out.ContentLength ?? 0) };
      } catch (err) {
        if (isMissing(err)) return null;
        throw unavailable(err);
      }
    },
    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return Number(out.ContentLength ?? 0);
      } catch (err) {
        if (isMissing(err)) return null;
        throw unavailable(err);
      }
    },
    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      } catch (err) {
        if (!isMissing(err)) throw unavailable(err);
      }
    },
    ensureBucket: bucket,
    close: () => client.destroy(),
  };
}
