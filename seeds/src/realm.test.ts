import { describe, expect, it } from "vitest";
import { USERS } from "./directory";
import { DEV_PASSWORD, keycloakRealms, OTHER_REALM, OUTSIDER_EMAIL, SHORT_LIVED_CLIENT } from "./realm";

const options = { realm: "team-korea", audience: "team-korea-hub", clientId: "team-korea-hub-web", apiOrigins: ["http://127.0.0.1:3000"] };
type Realm = { realm: string; users: { email: string; emailVerified: boolean; credentials: { value: string }[] }[]; clients: any[] };
const [hub, other] = keycloakRealms(options) as unknown as Realm[];

describe("the development Keycloak realms", () => {
  it("hold every seeded account, verified, with the one development password, and the outsider", () => {
    expect(hub?.users.map((u) => u.email).sort()).toEqual([...USERS.map((u) => u.email), OUTSIDER_EMAIL].sort());
    for (const u of hub?.users ?? []) {
      expect(u.emailVerified).toBe(true);
      expect(u.credentials).toEqual([expect.objectContaining({ value: DEV_PASSWORD })]);
    }
  });

  it("give the browser a public PKCE client returning to the API, whose tokens carry the hub's audience and the e-mail", () => {
    const web = hub?.clients.find((c) => c.clientId === options.clientId);
    expect(web).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      redirectUris: ["http://127.0.0.1:3000/*"],
    });
    expect(web.attributes["pkce.code.challenge.method"]).toBe("S256");
    const mappers = Object.fromEntries(web.protocolMappers.map((m: any) => [`${m.protocolMapper}:${m.config["claim.name"] ?? ""}`, m.config]));
    expect(mappers["oidc-audience-mapper:"]).toMatchObject({ "included.custom.audience": "team-korea-hub", "access.token.claim": "true" });
    expect(mappers["oidc-usermodel-property-mapper:email"]).toMatchObject({ "access.token.claim": "true" });
    expect(mappers["oidc-usermodel-property-mapper:email_verified"]).toMatchObject({ "access.token.claim": "true" });
    expect(hub?.clients.find((c) => c.clientId === SHORT_LIVED_CLIENT)?.attributes["access.token.lifespan"]).toBe("1");
  });

  it("come as the hub's realm and a second one with the same accounts", () => {
    expect([hub?.realm, other?.realm]).toEqual(["team-korea", OTHER_REALM]);
    expect(other?.users.length).toBe(hub?.users.length);
  });
});
