/**
 * Keycloak realms for the development stack, generated from the seeded accounts: every seeded
 * user signs in at the launcher's Keycloak with DEV_PASSWORD. Imported afresh on every Keycloak
 * start (it keeps no database), so the realm always matches these seeds.
 */
import { USERS } from "./directory";

/** The one password of every account in the development Keycloak (README, "Single sign-on"). */
export const DEV_PASSWORD = "teamkorea-dev";
/** Known to Keycloak but not to the hub's directory: signs in fine, and the API answers 403. */
export const OUTSIDER_EMAIL = "outsider@teamkorea.dev";
/** A client whose access tokens live one second, so tests can hold a genuinely expired token (and the browser must renew them). */
export const SHORT_LIVED_CLIENT = "team-korea-hub-short-lived";
/** A second realm with the same accounts and clients: its tokens are well-formed but from another issuer. */
export const OTHER_REALM = "other";

export interface RealmOptions {
  realm: string;
  /** The audience the API requires in access tokens (OIDC_AUDIENCE). */
  audience: string;
  /** The browser's public client (OIDC_CLIENT_ID). */
  clientId: string;
  /** Origins the browser may return to after signing in (the API's). */
  apiOrigins: string[];
}

type Json = Record<string, unknown>;

const mapper = (name: string, protocolMapper: string, config: Record<string, string>): Json => ({
  name,
  protocol: "openid-connect",
  protocolMapper,
  config: { "access.token.claim": "true", "introspection.token.claim": "true", ...config },
});

/** Access tokens carry the hub's audience and the verified e-mail the directory is keyed by, whatever scopes are asked for. */
const tokenMappers = (audience: string): Json[] => [
  mapper("hub audience", "oidc-audience-mapper", { "included.custom.audience": audience, "id.token.claim": "false" }),
  mapper("email", "oidc-usermodel-property-mapper", {
    "user.attribute": "email",
    "claim.name": "email",
    "jsonType.label": "String",
    "id.token.claim": "true",
    "userinfo.token.claim": "true",
  }),
  mapper("email verified", "oidc-usermodel-property-mapper", {
    "user.attribute": "emailVerified",
    "claim.name": "email_verified",
    "jsonType.label": "boolean",
    "id.token.claim": "true",
    "userinfo.token.claim": "true",
  }),
];

function clients(o: RealmOptions): Json[] {
  const web: Json = {
    clientId: o.clientId,
    name: "Team Korea Hub (browser)",
    enabled: true,
    publicClient: true,
    // Authorization code + PKCE for the browser; direct grants only because this is a development realm (tests).
    standardFlowEnabled: true,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: true,
    serviceAccountsEnabled: false,
    redirectUris: o.apiOrigins.map((origin) => `${origin}/*`),
    webOrigins: o.apiOrigins,
    attributes: { "pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+" },
    protocolMappers: tokenMappers(o.audience),
  };
  // Also signs in through the browser, so the web app's token renewal and its "expired" sign-out are tested in seconds.
  const shortLived: Json = {
    ...web,
    clientId: SHORT_LIVED_CLIENT,
    name: "Tests: one-second access tokens",
    attributes: { ...(web.attributes as Json), "access.token.lifespan": "1" },
  };
  return [web, shortLived];
}

function user(email: string, name: string, org: string): Json {
  return {
    username: email,
    email,
    emailVerified: true,
    enabled: true,
    // Keycloak's user profile requires both names, or sign-in stops at "account is not fully set up".
    firstName: name,
    lastName: org,
    credentials: [{ type: "password", value: DEV_PASSWORD, temporary: false }],
  };
}

/** One realm (Keycloak's import format) holding every seeded account and the outsider. */
export function keycloakRealm(o: RealmOptions): Json {
  return {
    realm: o.realm,
    displayName: `Team Korea Hub (development${o.realm === OTHER_REALM ? ", another realm" : ""})`,
    enabled: true,
    sslRequired: "none",
    accessTokenLifespan: 300,
    users: [...USERS.map((u) => user(u.email, u.name, u.org)), user(OUTSIDER_EMAIL, "Not in the directory", "none")],
    clients: clients(o),
  };
}

/** The hub's realm and a second one (OTHER_REALM) whose tokens the API must refuse. */
export function keycloakRealms(o: RealmOptions): Json[] {
  return [keycloakRealm(o), keycloakRealm({ ...o, realm: OTHER_REALM })];
}
