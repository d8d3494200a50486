/** Builds the API as a Fastify instance; main.ts only listens. Tests call buildApp and inject. */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { unstorableTextIssues } from "@hub/contracts";
import Fastify, { type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import { authPlugin } from "./auth";
import type { ApiDeps } from "./deps";
import { type AppPages, badRequest, frameworkErrors, registerErrorHandler } from "./errors";
import { DOCS_CSP, registerSecurityHeaders } from "./headers";
import { registerJsonBodyParser } from "./json-body";
import { registerRateLimits } from "./limits";
import { adminDirectoryRoutes } from "./routes/admin-directory";
import { adminOrgRoutes } from "./routes/admin-orgs";
import { adminPeopleRoutes } from "./routes/admin-people";
import { adminScimClientRoutes } from "./routes/admin-scim-clients";
import { approvalRoutes } from "./routes/approvals";
import { assignmentRoutes } from "./routes/assignments";
import { boardRoutes } from "./routes/board";
import { commentRoutes } from "./routes/comments";
import { deadLetterRoutes } from "./routes/dead-letters";
import { delegationRoutes } from "./routes/delegations";
import { directoryRoutes } from "./routes/directory";
import { directoryReadRoutes } from "./routes/directory-reads";
import { eventRoutes } from "./routes/events";
import { fileRoutes } from "./routes/files";
import { healthRoutes } from "./routes/health";
import { notificationRoutes } from "./routes/notifications";
import { planRoutes } from "./routes/plans";
import { rotaRoutes } from "./routes/rota";
import { streamRoutes } from "./routes/stream";
import { workflowRoutes } from "./routes/workflows";
import { scimRoutes } from "./scim/plugin";
import { serializerCompiler } from "./serializer";
import { registerWebApp } from "./web";

export async function buildApp(deps: ApiDeps, opts: FastifyServerOptions = {}) {
  const app = Fastify({ bodyLimit: 1024 * 1024, frameworkErrors, ...opts });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const pages: AppPages = {};
  registerErrorHandler(app, pages);
  registerJsonBodyParser(app);
  // Text PostgreSQL cannot hold exactly (NUL, half a surrogate pair) is refused in any field of
  // any route, before a schema or a handler sees it.
  app.addHook("preValidation", async (req) => {
    const issues = (["params", "query", "body"] as const).flatMap((part) => unstorableTextIssues(req[part], part === "query" ? "querystring" : part));
    if (issues.length > 0) throw badRequest(`The request is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
  });

  await registerSecurityHeaders(app);
  // Before swagger and the routes: it attaches its counters (and the documented 429) to the limited routes.
  await registerRateLimits(app, deps.config.api.limits);

  await app.register(swagger, {
    openapi: {
      info: { title: "Team Korea Hub API", version: "1", description: "Mission-led coordination of Korea's public institutions abroad." },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    },
    transform: jsonSchemaTransform,
  });
  // The documentation is public, like the schemas it describes.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/docs")) route.config = { ...(route.config as object), public: true };
  });
  await app.register(swaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list" }, ...DOCS_CSP });

  await app.register(authPlugin, { db: deps.db, auth: deps.config.api.auth });
  app.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  pages.fallback = (await registerWebApp(app, deps.config.api.webDir, deps.config.api.auth)) ?? undefined;

  for (const routes of [
    healthRoutes,
    directoryRoutes,
    directoryReadRoutes,
    adminDirectoryRoutes,
    adminPeopleRoutes,
    adminOrgRoutes,
    adminScimClientRoutes,
    scimRoutes,
    eventRoutes,
    planRoutes,
    approvalRoutes,
    assignmentRoutes,
    workflowRoutes,
    commentRoutes,
    delegationRoutes,
    deadLetterRoutes,
    streamRoutes,
    notificationRoutes,
    boardRoutes,
    fileRoutes,
    rotaRoutes,
  ]) {
    await app.register(async (scope) => routes(scope, deps));
  }
  return app;
}
