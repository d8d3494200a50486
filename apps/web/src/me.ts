/** The signed-in person (GET /v1/me) and whether anyone is signed in at all. */
import type { Me } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { api } from "./api";
import { session } from "./session";

/** Who is signed in, as one value per sign-in (not the token itself, which renewal replaces without a re-render); null when no one is. */
export const useToken = () => useSyncExternalStore(session.subscribe, session.key);

export function useMe() {
  const token = useToken();
  return useQuery({ queryKey: ["me", token], queryFn: () => api<Me>("GET", "/v1/me"), enabled: token !== null, staleTime: 60_000 });
}

/** Where each role starts. */
export const homeOf = (role: Me["role"]) => (role === "MISSION_HEAD" || role === "HQ_REVIEWER" ? "/approvals" : "/assignments");
