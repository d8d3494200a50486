/**
 * The seed directory: seeds/directory.json, in the directory file's format (docs/directory.md),
 * from the Ministry of Foreign Affairs' plan (see ../shared/DOMAIN.md). The tests rely on its
 * exact codes and e-mail addresses. No organisation data lives in code: this module only reads
 * the file, and the seeds load it through the same import as `npm run directory:import`.
 */
import { readFileSync } from "node:fs";
import { DirectoryFile, type Role } from "@hub/contracts";

export const SEED_DIRECTORY_FILE = new URL("../directory.json", import.meta.url);

export const SEED_DIRECTORY: DirectoryFile = DirectoryFile.parse(JSON.parse(readFileSync(SEED_DIRECTORY_FILE, "utf8")));

export interface SeedUser {
  email: string;
  name: string;
  role: Role;
  org: string;
}

/** The seeded accounts as their open posting makes them (each seeded person has one). */
export const USERS: SeedUser[] = SEED_DIRECTORY.people.flatMap((p) =>
  p.postings.filter((x) => x.until === null).map((x) => ({ email: p.email, name: p.name, role: x.role, org: x.org })),
);
