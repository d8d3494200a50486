/**
 * The test tiers (issue 18): vitest projects defined by where a test file lives and how it is
 * named, so a file added later falls into a tier without editing this list. vitest.config.ts
 * turns them into `test.projects`; scripts/test.ts (`npm test`) runs them one after another, the
 * stackless ones before it boots the stack. Every test file is in exactly one tier: the earlier
 * tiers claim their files first, and `unit` takes whatever is left outside test/src.
 *
 * Where a new test file goes:
 * - beside the code it tests (packages/, services/, workflows/, seeds/, apps/…/src): `unit`, pure
 *   code, no stack and no socket (scripts/unit-no-sockets.ts makes one fail the test);
 * - beside the code but it needs the network (a local listener, a real driver against a closed
 *   port, the stack): name it `*.int.test.ts` → `integration`;
 * - a workflow under Temporal's test tooling with no stack (bundle, replay, the time-skipping test server): `*.workflow.test.ts` → `workflow`;
 * - test/src/: `integration` against the hub `npm test` runs, unless it is a browser suite
 *   (`web*.e2e.test.ts`, `*.browser.test.ts`), a fault test (`*.faults.test.ts`), a fuzzer
 *   (`*.fuzz.test.ts`) or a test of the cluster profile that boots its own (`*.cluster.test.ts`).
 */

export type TierName = "unit" | "workflow" | "integration" | "browser" | "fuzz" | "faults" | "cluster";

export interface Tier {
  name: TierName;
  /** Globs from the repository root. */
  include: string[];
  /** Whether the tier runs against the stack `npm test` boots; the others run first, before it. */
  needsStack: boolean;
  /** One file at a time (they share the one hub under test, some stop its components). */
  serial: boolean;
  /** Set-up files of the tier (vitest `setupFiles`). */
  setupFiles?: string[];
  /**
   * May run beside the other stack tiers rather than after them: it boots and stops a stack of its
   * own on ports of its own and touches nothing the others use. On a machine with the cores for
   * both (scripts/test.ts), `npm test` starts it once the hub under test is up (the services are
   * built by then) and keeps its output in a log file; on 2 cores it runs last, like the others.
   */
  beside?: boolean;
}

/** In the order `npm test` runs them; a file belongs to the first tier that claims it. */
export const TIERS: readonly Tier[] = [
  {
    name: "unit",
    // Whatever no other tier claims.
    include: ["**/*.test.{ts,tsx}"],
    needsStack: false,
    serial: false,
    setupFiles: ["scripts/unit-no-sockets.ts"],
  },
  {
    name: "workflow",
    include: ["**/*.workflow.test.ts", "workflows/kinds/src/replay.test.ts"],
    needsStack: false,
    serial: true,
  },
  {
    name: "integration",
    include: ["test/src/**/*.test.ts", "**/*.int.test.{ts,tsx}"],
    needsStack: true,
    serial: true,
  },
  {
    name: "browser",
    include: ["test/src/**/web*.e2e.test.ts", "**/*.browser.test.{ts,tsx}"],
    needsStack: true,
    serial: true,
  },
  {
    name: "fuzz",
    include: ["test/src/schemathesis.test.ts", "test/src/hostile-input.test.ts", "**/*.fuzz.test.ts"],
    needsStack: true,
    serial: true,
  },
  {
    name: "faults",
    include: ["test/src/faults.test.ts", "**/*.faults.test.ts"],
    needsStack: true,
    serial: true,
  },
  {
    // The fault matrix on the cluster profile: three brokers, two of each hub process, its own
    // PostgreSQL and Temporal (ports from HUB_CLUSTER_PORT_BASE + 1000), under a steady load.
    name: "cluster",
    include: ["test/src/cluster-faults.test.ts", "**/*.cluster.test.ts"],
    needsStack: true,
    serial: true,
    beside: true,
  },
];

/** Never test files: dependencies, builds and the launcher's home. */
export const NOT_TESTS = ["**/node_modules/**", "**/.git/**", "**/.hub/**", "**/.build/**", "**/dist/**"];

/** Who claims a file first: the most specific names, then test/src, then unit takes the rest. */
const CLAIM_ORDER: readonly TierName[] = ["workflow", "browser", "fuzz", "faults", "cluster", "integration", "unit"];

/** What a tier leaves out: files that are no tests, and every file a tier earlier in the claim order takes. */
export function tierExclude(tier: Tier): string[] {
  const earlier = CLAIM_ORDER.slice(0, CLAIM_ORDER.indexOf(tier.name));
  return [...NOT_TESTS, ...TIERS.filter((t) => earlier.includes(t.name)).flatMap((t) => t.include)];
}
