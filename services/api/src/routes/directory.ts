import { DevLoginBody, ErrorBody, Me, Org, TokenBody } from "@hub/contracts";
import { findUserByEmail, listOrgs } from "@hub/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { notFound } from "../errors";

const security = [{ bearer: [] }];

export async function directoryRoutes(app: FastifyInstance, { db, config }: ApiDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  if (config.api.devLogin) {
    r.post(
      "/v1/auth/dev-login",
      {
        config: { public: true },
        schema: {
          tags: ["auth"],
          description: "Development and tests only (off when NODE_ENV=production): a token for a seeded user.",
          body: DevLoginBody,
          response: { 200: TokenBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const user = await findUserByEmail(db, req.body.email);
        if (!user) throw notFound(`No user ${req.body.email}; the seeded accounts are listed in the README`);
        return { token: app.jwt.sign({ sub: user.id }) };
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
}
