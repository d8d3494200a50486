import { createRequire } from "node:module";
import path from "node:path";

/**
 * The workflow sources, for bundleWorkflowCode; Node-only, never imported by workflow code.
 * Found through the package's own location, so it holds when this module is compiled into a
 * service bundle elsewhere.
 */
export const kindsDir = path.dirname(createRequire(import.meta.url).resolve("@hub/kinds/package.json"));
export const workflowsPath = path.join(kindsDir, "src", "workflows.ts");
/** The repository root (workflows/kinds/../..). */
export const repoRoot = path.resolve(kindsDir, "..", "..");
