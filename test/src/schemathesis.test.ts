/**
 * schemathesis against the API under test's own /openapi.json, as each role: every operation
 * gets a bounded number of generated requests, and no answer may be a 5xx, break the response
 * schema the document declares for its status, or come with a status or content type the
 * document does not list for that route (so /openapi.json stays accurate). Issue 8: "every
 * route's 5xx is a bug caught by a test". A failure prints schemathesis's report with a curl
 * line that reproduces it; a success prints one line (schemathesisDigest), not schemathesis's summary.
 *
 * Scope, because the test database is shared with every other test: reads (GET) are fuzzed with
 * valid and invalid input alike; operations that change state (POST, DELETE) only with input
 * that breaks their schema (`--mode negative`), which the API must refuse with a 4xx before it
 * stores anything. Valid generated writes would publish random events, start tasks whose timers
 * keep the worker busy, and grant delegations under the seeded heads — state the other tests do
 * not expect. Those paths are covered, with real data, by the end-to-end, limits and
 * hostile-input tests.
 */
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { hubPaths } from "@hub/devstack";
import { ensureSchemathesis, schemathesisDigest } from "@hub/devstack/schemathesis";
import { beforeAll, describe, expect, it } from "vitest";
import { apiUrl, cfg, login } from "./support/hub";

/** One account per role: head of mission, mission staff, agency staff, HQ reviewer, admin. */
const ROLES = ["head.us@teamkorea.dev", "staff.us@teamkorea.dev", "kotra.us@teamkorea.dev", "hq@teamkorea.dev", "admin@teamkorea.dev"];
/** Generated requests per operation and run: enough to reach every field's boundaries, a few minutes in all on 2 cores. */
const EXAMPLES = 12;
const SEED = 20261126;

const hub = hubPaths(cfg.env, path.resolve(import.meta.dirname, "../.."));
/** schemathesis keeps its example database in its working directory: under the git-ignored hub home. */
const workDir = path.join(hub.home, "schemathesis");
let st = "";
beforeAll(async () => {
  st = await ensureSchemathesis(hub.cacheDir, (line) => console.log(line));
  await mkdir(workDir, { recursive: true });
}, 15 * 60_000);

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(st, args, {
      cwd: workDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", SCHEMATHESIS_TELEMETRY: "false" },
    });
    let output = "";
    const append = (b: Buffer) => {
      output += b.toString("utf8");
    };
    child.stdout.on("data", append);
    child.stderr.on("data", append);
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** Runs schemathesis as the user over the selected operations; resolves to its report when it found something. */
async function fuzz(email: string, select: string[], extraChecks: string[] = []): Promise<string | null> {
  const token = await login(email);
  const r = await run([
    "run",
    `${apiUrl}/openapi.json`,
    "--url",
    apiUrl,
    "--header",
    `Authorization: Bearer ${token}`,
    "--checks",
    ["not_a_server_error", "response_schema_conformance", "status_code_conformance", "content_type_conformance", ...extraChecks].join(","),
    "--max-examples",
    String(EXAMPLES),
    "--seed",
    String(SEED),
    // One worker: with two, Python 3.11's ast module (used by hypothesis to describe its
    // strategies) sometimes fails across threads ("AST constructor recursion depth mismatch").
    "--workers",
    "1",
    "--phases",
    "examples,coverage,fuzzing",
    "--suppress-health-check",
    "all",
    "--output-sanitize",
    "true",
    ...select,
  ]);
  // On success one line of our own (schemathesis's summary closes with a pytest-style line that a
  // reader of npm test's closing lines takes for a pytest run); its full report only on failure.
  if (r.code === 0) {
    console.log(`${schemathesisDigest(r.output)} (as ${email}, ${select.join(" ")})`);
    return null;
  }
  return `schemathesis as ${email} (exit ${r.code}):\n${r.output.slice(-12_000)}`;
}

describe("schemathesis: no 5xx, every response fits its schema", () => {
  for (const email of ROLES) {
    it(`reads as ${email}`, { timeout: 5 * 60_000 }, async () => {
      expect(await fuzz(email, ["--include-method", "GET"])).toBeNull();
    });

    it(`invalid writes as ${email}`, { timeout: 5 * 60_000 }, async () => {
      // negative_data_rejection: each of those requests must be refused (4xx), so none of them changed anything.
      expect(
        await fuzz(email, ["--include-method", "POST", "--include-method", "DELETE", "--mode", "negative"], ["negative_data_rejection"]),
      ).toBeNull();
    });
  }
});
