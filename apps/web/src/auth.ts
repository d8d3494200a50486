/** How this hub signs people in (GET /v1/auth/config), and signing out whichever way they signed in. */
import type { AuthConfigBody } from "@hub/contracts";
import { type QueryClient, useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { endSessionUrl } from "./oidc";
import { session } from "./session";

/** The sign-in mode does not change while the hub runs: asked once per page load. */
export const useAuthConfig = () =>
  useQuery({ queryKey: ["auth-config"], queryFn: () => api<AuthConfigBody>("GET", "/v1/auth/config"), staleTime: Number.POSITIVE_INFINITY });

/**
 * Forgets the tokens and everything cached for the person; after single sign-on, also ends the
 * provider's session (its end-session page sends the browser back to /signed-out), so the next
 * sign-in asks for the password again.
 */
export async function signOut(queries: QueryClient): Promise<void> {
  const provider = await endSessionUrl();
  session.clear();
  queries.clear();
  if (provider) window.location.assign(provider);
}
