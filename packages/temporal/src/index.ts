/** Temporal connection helpers shared by the API, the router and the worker. */
import { Client, Connection } from "@temporalio/client";

export interface TemporalSettings {
  address: string;
  namespace: string;
}

export async function connectTemporalClient(s: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({ address: s.address, connectTimeout: "5s" });
  return new Client({ connection, namespace: s.namespace });
}

/** A round trip to the server for /readyz. */
export async function pingTemporal(client: Client): Promise<void> {
  await client.workflowService.getSystemInfo({});
}

/** Link to a workflow's raw event history in the Temporal Web UI. */
export function temporalHistoryUrl(uiUrl: string | undefined, namespace: string, workflowId: string): string | null {
  if (!uiUrl) return null;
  return `${uiUrl.replace(/\/$/, "")}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export { Client };
