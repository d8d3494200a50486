/**
 * Single sign-on (HUB_AUTH=oidc) with oauth4webapi: authorization code + PKCE (S256) at the
 * provider the API names in GET /v1/auth/config, with state and nonce checked on return.
 *
 * The tokens live in this module's memory only. sessionStorage holds, for the few seconds of the
 * redirect, what the return must be checked against (PKCE verifier, state, nonce) and nothing
 * after it. The access token is renewed with the refresh token shortly before it expires; when that
 * fails the app signs out with the reason "expired", and the sign-in page says so.
 */
import type { AuthConfigBody } from "@hub/contracts";
import * as oauth from "oauth4webapi";
import { session } from "./session";

export type OidcConfig = Extract<AuthConfigBody, { mode: "oidc" }>;

/** Where the provider sends the browser back: an app route (the API serves index.html for it). */
export const CALLBACK_PATH = "/auth/callback";
/** Where the provider sends the browser after ending its session. */
export const SIGNED_OUT_PATH = "/signed-out";
const PENDING_KEY = "hub.oidc.pending";
/** Renew this long before the access token expires, so a request in flight never carries a dead one. */
const RENEW_AHEAD_S = 30;
const RETRY_MS = 10_000;

/** A sign-in that cannot be completed, with a sentence for the person (the pages show it as it is). */
export class SignInFailed extends Error {}

interface Pending {
  issuer: string;
  verifier: string;
  state: string;
  nonce: string;
}

interface Tokens {
  /** The provider these came from (renewal and sign-out go back to it). */
  config: OidcConfig;
  idToken: string;
  refreshToken: string | undefined;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** The e-mail the provider signed this person in with (the refusal page names it). */
  email: string | undefined;
}

let tokens: Tokens | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;

// Anything that ends the session (sign-out, a 401 from the API) drops the provider's tokens too.
session.subscribe(() => {
  if (session.token() !== null) return;
  tokens = null;
  clearTimeout(renewTimer);
});

const client = (config: OidcConfig): oauth.Client => ({ client_id: config.clientId });
const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

/**
 * oauth4webapi refuses plain http, as it should; the one exception is a provider on this machine's
 * loopback address (the development Keycloak), where nothing crosses a network.
 */
function httpOptions(issuer: URL) {
  const loopback = issuer.protocol === "http:" && (issuer.hostname === "127.0.0.1" || issuer.hostname === "localhost" || issuer.hostname === "[::1]");
  return { [oauth.allowInsecureRequests]: loopback, signal: AbortSignal.timeout(10_000) };
}

const servers = new Map<string, Promise<oauth.AuthorizationServer>>();
/** The provider's discovery document (endpoints), read once per page load. */
function server(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  let as = servers.get(config.issuer);
  if (!as) {
    const issuer = new URL(config.issuer);
    as = oauth
      .discoveryRequest(issuer, httpOptions(issuer))
      .then((r) => oauth.processDiscoveryResponse(issuer, r))
      .catch((err: unknown) => {
        servers.delete(config.issuer);
        throw new SignInFailed(`The sign-in provider ${config.issuer} cannot be reached (${(err as Error).message}); try again shortly.`);
      });
    servers.set(config.issuer, as);
  }
  return as;
}

/** Leaves for the provider's login page; the browser comes back to CALLBACK_PATH. */
export async function startSignIn(config: OidcConfig): Promise<void> {
  const as = await server(config);
  if (!as.authorization_endpoint) throw new SignInFailed(`The sign-in provider ${config.issuer} names no authorization endpoint.`);
  const pending: Pending = {
    issuer: config.issuer,
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: "code",
    scope: "openid email profile",
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: "S256",
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  window.location.assign(url.href);
}

function takePending(issuer: string): Pending {
  const raw = sessionStorage.getItem(PENDING_KEY);
  // Single use: whatever happens next, this verifier and state are never accepted again.
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  if (!pending || pending.issuer !== issuer) {
    throw new SignInFailed("This sign-in was not started from this tab, or was already used. Start again from the sign-in page.");
  }
  return pending;
}

/** Why the provider's answer was refused, as a sentence. */
function refusal(err: unknown): SignInFailed {
  if (err instanceof SignInFailed) return err;
  if (err instanceof oauth.AuthorizationResponseError || err instanceof oauth.ResponseBodyError) {
    return new SignInFailed(`The sign-in provider refused: ${err.error_description ?? err.error}. Start again from the sign-in page.`);
  }
  return new SignInFailed(`The sign-in could not be completed (${(err as Error).message}). Start again from the sign-in page.`);
}

const completions = new Map<string, Promise<void>>();
/**
 * Back from the provider: checks state (and the issuer it names), trades the code and the PKCE
 * verifier for tokens, checks the ID token's nonce, then signs in. Once per return URL, however
 * often React runs the effect that calls it.
 */
export function completeSignIn(config: OidcConfig, returnUrl: URL): Promise<void> {
  let done = completions.get(returnUrl.href);
  if (!done) {
    done = exchange(config, returnUrl).catch((err: unknown) => {
      throw refusal(err);
    });
    completions.set(returnUrl.href, done);
  }
  return done;
}

async function exchange(config: OidcConfig, returnUrl: URL): Promise<void> {
  const pending = takePending(config.issuer);
  const as = await server(config);
  const params = oauth.validateAuthResponse(as, client(config), returnUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client(config),
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    httpOptions(new URL(config.issuer)),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client(config), response, { expectedNonce: pending.nonce, requireIdToken: true });
  const claims = oauth.getValidatedIdTokenClaims(result);
  if (!result.id_token || !claims) throw new SignInFailed("The sign-in provider sent no ID token.");
  keep(config, result, result.id_token, typeof claims.email === "string" ? claims.email : undefined);
  session.signIn(result.access_token, { persist: false });
}

function keep(config: OidcConfig, result: oauth.TokenEndpointResponse, idToken: string, email: string | undefined) {
  tokens = {
    config,
    idToken,
    refreshToken: result.refresh_token ?? tokens?.refreshToken,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
    email,
  };
  scheduleRenewal();
}

function scheduleRenewal() {
  clearTimeout(renewTimer);
  if (!tokens) return;
  const inMs = Math.max(1_000, tokens.expiresAt - Date.now() - RENEW_AHEAD_S * 1000);
  renewTimer = setTimeout(() => void renew(), inMs);
}

/** A new access token from the refresh token; signed out ("expired") once that is impossible. */
async function renew() {
  const held = tokens;
  if (!held) return;
  const { config } = held;
  if (!held.refreshToken) return session.clear("expired");
  try {
    const as = await server(config);
    const response = await oauth.refreshTokenGrantRequest(as, client(config), oauth.None(), held.refreshToken, httpOptions(new URL(config.issuer)));
    const result = await oauth.processRefreshTokenResponse(as, client(config), response);
    if (tokens !== held) return; // signed out meanwhile
    keep(config, result, result.id_token ?? held.idToken, held.email);
    session.renew(result.access_token);
  } catch (err) {
    if (tokens !== held) return;
    // The provider said no (session ended, refresh token expired): sign in again. A network
    // failure is tried again while the current access token still works.
    const refused = err instanceof oauth.ResponseBodyError;
    if (refused || Date.now() + RETRY_MS >= held.expiresAt) return session.clear("expired");
    renewTimer = setTimeout(() => void renew(), RETRY_MS);
  }
}

/** The e-mail the provider signed the current person in with, if single sign-on was used. */
export const signedInEmail = () => tokens?.email;

/**
 * The provider's end-session URL for the current sign-in (RP-initiated logout, with the ID token
 * as hint so the provider asks nothing), or null where there is none to end.
 */
export async function endSessionUrl(): Promise<string | null> {
  const held = tokens;
  if (!held) return null;
  const { config } = held;
  const as = await server(config).catch(() => null);
  if (!as?.end_session_endpoint) return null;
  const url = new URL(as.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    id_token_hint: held.idToken,
    post_logout_redirect_uri: `${window.location.origin}${SIGNED_OUT_PATH}`,
  }).toString();
  return url.href;
}
