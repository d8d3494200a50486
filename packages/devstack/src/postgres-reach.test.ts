import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { traversableByOthers } from "./postgres";

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe("traversableByOthers (may PostgreSQL, run as 'postgres', reach a folder of the clone?)", () => {
  it("judges a folder not made yet by the folders above it: a private clone (mode 700, like mktemp -d) is not reachable", () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), "hub-reach-"));
    made.push(clone);
    chmodSync(clone, 0o700);
    // The cluster profile's folders (.hub/cluster-test/postgres/…) do not exist when this is asked.
    expect(traversableByOthers(path.join(clone, "hub", ".hub", "cluster-test", "postgres", "postgres"))).toBe(false);
    chmodSync(clone, 0o755);
    expect(traversableByOthers(path.join(clone, "hub", ".hub", "cluster-test", "postgres", "postgres"))).toBe(true);
  });
});
