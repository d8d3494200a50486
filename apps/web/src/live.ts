/**
 * Lists that stay current without a reload. While the API's live stream is connected (stream.ts),
 * its events refetch exactly the lists they concern and a slow safety refresh remains; while it is
 * not (connecting, or the API has none), the lists are refetched every few seconds. Pages only
 * call useLive.
 */
import { type QueryKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { LiveStream, type StreamState } from "./stream";

/** Refresh interval without the stream, and the safety refresh with it. */
export const POLL_MS = 2_000;
export const SAFETY_MS = 60_000;

export const StreamContext = createContext<LiveStream | null>(null);

/** One stream for the signed-in user (started by App while a token exists). */
export function useStreamFor(token: string | null): LiveStream {
  const queries = useQueryClient();
  const [stream] = useState(() => new LiveStream(queries));
  useEffect(() => {
    if (token === null) return;
    stream.start();
    return () => stream.stop();
  }, [stream, token]);
  return stream;
}

export function useStreamState(): StreamState {
  const stream = useContext(StreamContext);
  return useSyncExternalStore(stream?.subscribe ?? (() => () => undefined), stream?.state ?? (() => "off" as const));
}

export function useLive<T>(queryKey: QueryKey, queryFn: () => Promise<T>) {
  const live = useStreamState() === "live";
  return useQuery({ queryKey, queryFn, refetchInterval: live ? SAFETY_MS : POLL_MS, refetchOnWindowFocus: true, refetchIntervalInBackground: false });
}
