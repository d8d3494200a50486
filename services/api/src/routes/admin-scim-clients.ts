/**
 * SCIM provisioning clients, for administrators (docs/scim.md): list them, create one (its token
 * is in that answer only; the hub keeps its SHA-256), revoke one (its token is refused from the
 * next request; the client stays listed, as the audit's `scim:<name>` names it).
 */
import { ErrorBody, NewScimClientBody, ScimClientCreated, ScimClientItem, ScimClientList } from "@hub/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertMayChangeDirectory } from "../access";
import { caller } from "../auth";
import type { ApiDeps } from "../deps";
import { conflict, notFound } from "../errors";
import { createClient, listClients, revokeClient, type ScimClientRow } from "../scim/store";

const security = [{ bearer: [] }];
const item = (c: ScimClientRow): ScimClientItem => ({
  id: c.id,
  name: c.name,
  createdBy: c.createdBy,
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});

export async function adminScimClientRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/v1/admin/scim-clients",
    {
      schema: {
        tags: ["directory"],
        security,
        description: "Administrators: the SCIM provisioning clients, newest first, revoked ones too; never their tokens.",
        response: { 200: ScimClientList, 403: ErrorBody },
      },
    },
    async (req) => {
      assertMayChangeDirectory(caller(req));
      return { items: (await listClients(db)).map(item) };
    },
  );

  r.post(
    "/v1/admin/scim-clients",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "Administrators: a new SCIM provisioning client. Its bearer token for /scim/v2 is in this answer only (the hub keeps its hash); " +
          "its changes to the directory are audited as scim:<name>. A name already used (revoked clients included) is a 409.",
        body: NewScimClientBody,
        response: { 201: ScimClientCreated, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = caller(req);
      assertMayChangeDirectory(p);
      const created = await createClient(db, req.body.name, p.email);
      if (!created) throw conflict(`A SCIM client named ${req.body.name} exists already (revoked ones keep their name, as the audit names them)`);
      return reply.status(201).send({ ...item(created.client), token: created.token });
    },
  );

  r.delete(
    "/v1/admin/scim-clients/:id",
    {
      schema: {
        tags: ["directory"],
        security,
        description:
          "Administrators: revokes a SCIM provisioning client; its token is refused from the next request. Revoking again changes nothing.",
        params: z.object({ id: z.uuid() }),
        response: { 200: ScimClientItem, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      assertMayChangeDirectory(caller(req));
      const revoked = await revokeClient(db, req.params.id);
      if (!revoked) throw notFound(`No SCIM client ${req.params.id}`);
      return item(revoked);
    },
  );
}
