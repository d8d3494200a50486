/**
 * Lists that must stay current without a reload. For now they are refetched on focus and every
 * LIVE_INTERVAL_MS; when the API's event stream (GET /v1/stream) lands, this hook subscribes to it
 * and invalidates the query on a matching event instead — the pages do not change.
 */
import { type QueryKey, useQuery } from "@tanstack/react-query";

export const LIVE_INTERVAL_MS = 2_000;

export function useLive<T>(queryKey: QueryKey, queryFn: () => Promise<T>) {
  return useQuery({ queryKey, queryFn, refetchInterval: LIVE_INTERVAL_MS, refetchOnWindowFocus: true, refetchIntervalInBackground: false });
}
