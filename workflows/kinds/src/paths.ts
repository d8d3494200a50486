import { fileURLToPath } from "node:url";

/** Entry file for bundleWorkflowCode; Node-only, never imported by workflow code. */
export const workflowsPath = fileURLToPath(new URL("./workflows.ts", import.meta.url));
