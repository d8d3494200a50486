import { bundleWorkflowCode, DefaultLogger } from "@temporalio/worker";
import { describe, expect, it } from "vitest";
import { workflowsPath } from "./paths";

describe("workflow bundle", () => {
  // A Node built-in or an I/O library imported into workflow code fails here, not in production.
  it("bundles for the Temporal sandbox", async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger("WARN") });
    expect(code).toContain("tradeRestrictionWorkflow");
  }, 120_000);
});
