/**
 * The directory as the API's checks need it (who holds which duty, who may take part where),
 * read from Postgres at most every few seconds: it changes with imports and admin work, not per
 * request. An import through this process drops it at once (`invalidate`); other processes see
 * the change within TTL_MS.
 */
import { type Db, type Directory, loadDirectory } from "@hub/db";
import type { DirectoryReader } from "./deps";

const TTL_MS = 5_000;

/** `onChange`: what else follows a change made through this process (the vacancy sweep). */
export function directoryCache(db: Db, onChange?: () => void): DirectoryReader {
  let cached: { at: number; dir: Promise<Directory> } | null = null;
  const read = () => {
    if (!cached || Date.now() - cached.at > TTL_MS) {
      const dir = loadDirectory(db);
      cached = { at: Date.now(), dir };
      dir.catch(() => {
        cached = null;
      });
    }
    return cached.dir;
  };
  return Object.assign(read, {
    invalidate: () => {
      cached = null;
      onChange?.();
    },
  });
}
