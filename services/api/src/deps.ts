import type { Db, Directory } from "@hub/db";
import type { ObjectStore } from "@hub/objects";
import type { Client } from "@hub/temporal";
import type { ApiConfig, StreamConfig } from "./env";

/** The directory, cached briefly; `invalidate` (where there is a cache) drops it after a change. */
export type DirectoryReader = { (): Promise<Directory>; invalidate?: () => void };

/** What the routes are given; nothing in the API reaches for globals. */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  config: Pick<ApiConfig, "topicPrefix" | "temporalNamespace" | "temporalUiUrl" | "api">;
  /** Where the files attached to tasks are kept (any S3-compatible store). */
  objects: ObjectStore;
  /** The directory (organisations and duties), cached briefly. */
  directory: DirectoryReader;
  /** Component checks for /readyz, each resolving or throwing with a reason. */
  readiness: Record<string, () => Promise<void>>;
  /** The live stream's poll interval and per-user cap; read from the environment when absent. */
  stream?: StreamConfig;
}
