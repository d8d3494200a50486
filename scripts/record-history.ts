/**
 * Records a workflow's history for the replay tests, into its kind's folder
 * (workflows/<kind>/histories/<name>.binpb):
 *   node --import tsx scripts/record-history.ts <workflow-id> <name>
 * Binary protobuf, so replay does not depend on a JSON codec (the SDK's JSON conversion trips
 * over two protobufjs copies in node_modules).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseWorkflowId } from "@hub/contracts";
import { readStackEnv as readEnv, stackConfig, stackEndpoints } from "@hub/devstack";
import { repoRoot } from "@hub/devstack/hub-services";
import { connectTemporalClient } from "@hub/temporal";
import proto from "@temporalio/proto";

const { temporal } = proto;

const [workflowId, name] = process.argv.slice(2);
if (!workflowId || !name) {
  console.error("usage: record-history.ts <workflow-id> <name>");
  process.exit(2);
}
const kind = parseWorkflowId(workflowId)?.kind;
if (!kind) {
  console.error(`${workflowId} is not a joint task's workflow id ({kind}:{country}:{ref})`);
  process.exit(2);
}
const ep = stackEndpoints(stackConfig(readEnv(), repoRoot));
const client = await connectTemporalClient({ address: ep.temporalAddress, namespace: ep.temporalNamespace });
const history = await client.workflow.getHandle(workflowId).fetchHistory();
const file = path.join(repoRoot, "workflows", kind, "histories", `${name}.binpb`);
writeFileSync(file, temporal.api.history.v1.History.encode(history).finish());
console.log(`wrote ${history.events?.length ?? 0} events to ${path.relative(repoRoot, file)}`);
await client.connection.close();
