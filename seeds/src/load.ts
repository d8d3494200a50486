import { type Db, importDirectory } from "@hub/db";
import { SEED_DIRECTORY } from "./directory";

/**
 * Puts the seed directory in place through the directory import (audited as `seeds`). Idempotent,
 * so it runs at every start; it adds and changes but closes nothing the file leaves out
 * (closeMissing: false), so what an admin added to a development hub survives a restart.
 */
export async function loadSeeds(db: Db): Promise<{ orgs: number; users: number; duties: number; changes: number }> {
  const r = await importDirectory(db, SEED_DIRECTORY, { dryRun: false, closeMissing: false, by: { actor: "seeds", actorOrg: null } });
  if (!r.ok) throw new Error(`seeds/directory.json cannot be imported: ${r.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
  return {
    orgs: SEED_DIRECTORY.organizations.length,
    users: SEED_DIRECTORY.people.length,
    duties: SEED_DIRECTORY.duties.length,
    changes: r.changes.length,
  };
}
