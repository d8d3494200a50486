/**
 * docs/configuration.md cannot drift from the env schemas: each env module has a table (under a
 * heading naming its file) that lists exactly the variables of its own schema, and a variable two
 * modules read has the same default in both.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { SharedEnvShape } from "@hub/config";
import { StackEnvShape } from "@hub/devstack";
import { describe, expect, it } from "vitest";
import { ApiEnvShape } from "../services/api/src/env";
import { RelayEnvShape } from "../services/relay/src/env";
import { RouterEnvShape } from "../services/router/src/env";
import { WorkerEnvShape } from "../services/worker/src/env";
import { TestEnvShape } from "../test/src/support/env";

const repoRoot = path.resolve(import.meta.dirname, "..");
const MODULES: Record<string, Record<string, { safeParse(v: unknown): unknown }>> = {
  "packages/config/src/index.ts": SharedEnvShape,
  "services/api/src/env.ts": ApiEnvShape,
  "services/relay/src/env.ts": RelayEnvShape,
  "services/router/src/env.ts": RouterEnvShape,
  "services/worker/src/env.ts": WorkerEnvShape,
  "packages/devstack/src/env.ts": StackEnvShape,
  "test/src/support/env.ts": TestEnvShape,
};

/** The variables in the first column of the table under each `## … \`file\`` heading. */
function documentedVariables(markdown: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("## ")) {
      const file = line.match(/`([\w./-]+\.ts)`/)?.[1];
      current = file ? [] : null;
      if (file) tables.set(file, current as string[]);
    } else if (current && line.startsWith("|")) {
      const first = line.split("|")[1] ?? "";
      current.push(...[...first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] as string));
    }
  }
  return tables;
}

const doc = documentedVariables(readFileSync(path.join(repoRoot, "docs/configuration.md"), "utf8"));

describe("docs/configuration.md", () => {
  it("has a table for each env module, and none for a file that is not one", () => {
    expect([...doc.keys()].sort()).toEqual(Object.keys(MODULES).sort());
  });

  it.each(Object.entries(MODULES))("lists exactly the variables of %s", (file, shape) => {
    const listed = doc.get(file) ?? [];
    expect(listed.length, `${file}: a variable listed twice`).toBe(new Set(listed).size);
    expect([...listed].sort(), `${file}'s table in docs/configuration.md`).toEqual(Object.keys(shape).sort());
  });

  it("gives a variable two modules read the same default in both", () => {
    const seen = new Map<string, { file: string; unset: unknown }>();
    for (const [file, shape] of Object.entries(MODULES)) {
      for (const [name, field] of Object.entries(shape)) {
        const unset = field.safeParse(undefined);
        const other = seen.get(name);
        if (other) expect(unset, `${name} in ${file} and ${other.file}`).toEqual(other.unset);
        else seen.set(name, { file, unset });
      }
    }
  });

  it("reads the tables (a sanity check of the parser)", () => {
    expect(documentedVariables("## A — `a/env.ts`\n\n| v | d |\n| --- | --- |\n| `FOO_BAR`, `BAZ` | `x` `NOT_ME` |\n## B\n| `QUX` |")).toEqual(
      new Map([["a/env.ts", ["FOO_BAR", "BAZ"]]]),
    );
  });
});
