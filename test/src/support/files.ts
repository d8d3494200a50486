/** Files attached to tasks, as a client sends and fetches them, and the real object store the hub under test keeps them in. */
import { objectStoreConfig, readApiEnv } from "@hub/api";
import { createObjectStore, type ObjectStore } from "@hub/objects";
import { apiUrl, call, type Res } from "./hub";

const taskFiles = (workflowId: string) => `/v1/workflows/${encodeURIComponent(workflowId)}/files`;

/** POST the bytes as the file's body, with the declared type; the answer parsed when it is JSON. */
export async function upload(token: string, workflowId: string, o: { attach: string; name: string; bytes: Buffer; type: string }): Promise<Res> {
  const query = new URLSearchParams({ name: o.name, attach: o.attach });
  const res = await fetch(`${apiUrl}${taskFiles(workflowId)}?${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": o.type },
    body: o.bytes,
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

export const listFiles = async (token: string, workflowId: string) => call("GET", taskFiles(workflowId), { token });

/** GET a file: its status, headers and bytes. */
export async function download(token: string, fileId: string) {
  const res = await fetch(`${apiUrl}/v1/files/${fileId}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The store the hub under test writes to (HUB_S3_* as `npm test` gave its services), read with the S3 client itself. */
export function hubObjectStore(): ObjectStore {
  return createObjectStore(objectStoreConfig(readApiEnv(process.env)));
}

/** Where the API keeps a file's bytes: a random key, never the name (services/api/src/routes/files.ts). */
export const objectKeyOf = (fileId: string) => `files/${fileId}`;

/** Reads a stored object whole (null when there is none). */
export async function storedBytes(store: ObjectStore, key: string): Promise<Buffer | null> {
  const o = await store.get(key);
  if (!o) return null;
  const chunks: Buffer[] = [];
  for await (const c of o.body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
