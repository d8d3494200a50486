/** How clients sign in: what a browser needs to start an authorization-code + PKCE flow. */
import { z } from "zod";

export const AuthConfigBody = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("dev"),
    /** POST /v1/auth/dev-login, or null where it is off (production). */
    devLogin: z.string().nullable(),
  }),
  z.object({
    mode: z.literal("oidc"),
    /** The provider's issuer URL; its discovery document is at `${issuer}/.well-known/openid-configuration`. */
    issuer: z.string().url(),
    /** The public client to use with authorization code + PKCE (S256). */
    clientId: z.string(),
    /** The audience access tokens must carry for this API. */
    audience: z.string(),
  }),
]);
export type AuthConfigBody = z.infer<typeof AuthConfigBody>;
