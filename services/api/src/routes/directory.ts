import { AuthConfigBody, DevAccountsBody, DevLoginBody, ErrorBody, Me, Org, OrgCode, TokenBody } from "@hub/contracts";
import { findOrg, findUserByEmail, listAccounts, listOrgs, signInRefusal } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { notFound, unauthorized } from "../errors";

const security = [{ bearer: [] }];

export async function directoryRoutes(app: FastifyInstance, { db, config }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const auth = config.api.auth;
  r.get(
    "/v1/auth/config",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        description:
          "How to sign in. `oidc`: authorization code + PKCE (S256) at `issuer` with the public client `clientId`, then send the access token as `Authorization: Bearer`. `dev`: the hub's own tokens from `devLogin`.",
        response: { 200: AuthConfigBody },
      },
    },
    async () =>
      auth.mode === "oidc"
        ? { mode: "oidc" as const, issuer: auth.issuer, clientId: auth.clientId, audience: auth.audience }
        : { mode: "dev" as const, devLogin: auth.devLogin ? "/v1/auth/dev-login" : null },
  );

  // Only where the hub signs its own tokens, and never in production.
  const sign = app.signHubToken;
  if (auth.mode === "dev" && auth.devLogin && sign) {
    r.post(
      "/v1/auth/dev-login",
      {
        config: { public: true },
        schema: {
          tags: ["auth"],
          description: "Development and tests only (off when NODE_ENV=production or HUB_AUTH=oidc): a token for a seeded user.",
          body: DevLoginBody,
          response: { 200: TokenBody, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const user = await findUserByEmail(db, req.body.email);
        if (!user) {
          // Known but inactive or without a posting today: refused with why (a 401, as on the next request).
          const refusal = await signInRefusal(db, { email: req.body.email });
          if (refusal) throw unauthorized(refusal);
          // The address is not repeated back: the answer stays small whatever was sent.
          throw notFound("No account for that e-mail; the seeded accounts are listed in the README");
        }
        return { token: await sign(user.id) };
      },
    );

    // The web app's development sign-in page lists these; like dev-login itself it does not exist
    // where dev-login is off (production, HUB_AUTH=oidc), so the directory is never public there.
    r.get(
      "/v1/auth/dev-accounts",
      {
        config: { public: true },
        schema: {
          tags: ["auth"],
          description: "Development and tests only (exists only where dev-login does): every account, grouped by organisation, for a sign-in page.",
          response: { 200: DevAccountsBody },
        },
      },
      async () => {
        const groups = new Map<string, DevAccountsBody["orgs"][number]>();
        for (const { org, ...account } of await listAccounts(db)) {
          const g = groups.get(org.code) ?? { org, accounts: [] };
          g.accounts.push(account);
          groups.set(org.code, g);
        }
        return { orgs: [...groups.values()] };
      },
    );
  }

  r.get("/v1/me", { schema: { tags: ["directory"], security, response: { 200: Me } } }, async (req) => {
    const p = caller(req);
    const user = await findUserByEmail(db, p.email);
    if (!user) throw notFound("Your account no longer exists");
    return { email: user.email, name: user.name, role: user.role, org: user.org };
  });

  r.get("/v1/orgs", { schema: { tags: ["directory"], security, response: { 200: z.object({ items: z.array(Org) }) } } }, async (req) => {
    caller(req);
    return { items: await listOrgs(db) };
  });

  // Anyone signed in reads an organisation, as GET /v1/orgs lists them all.
  r.get(
    "/v1/orgs/:code",
    {
      schema: {
        tags: ["directory"],
        security,
        description: "One organisation: names, kind and mission kind, country, network, time zone, open or closed, team lead.",
        params: z.object({ code: OrgCode }),
        response: { 200: Org, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      caller(req);
      const org = await findOrg(db, req.params.code);
      if (!org) throw notFound(`No organisation ${req.params.code}`);
      return org;
    },
  );
}
