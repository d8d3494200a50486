/**
 * The directory as the API's checks need it (who holds which duty, who may take part where),
 * read from Postgres at most every few seconds: it changes with seeds and admin work, not per request.
 */
import { type Db, type Directory, loadDirectory } from "@hub/db";

const TTL_MS = 5_000;

export function directoryCache(db: Db): () => Promise<Directory> {
  let cached: { at: number; dir: Promise<Directory> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > TTL_MS) {
      const dir = loadDirectory(db);
      cached = { at: Date.now(), dir };
      dir.catch(() => {
        cached = null;
      });
    }
    return cached.dir;
  };
}
