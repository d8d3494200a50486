/** What tests need to build an API in-process (e.g. a second one in another auth mode): main.ts wires the same. */
export { buildApp } from "./app";
export type { ApiDeps } from "./deps";
export { directoryCache } from "./directory";
export {
  type ApiConfig,
  type ApiEnv,
  ApiEnvSchema,
  ApiEnvShape,
  type AuthConfig,
  apiConfig,
  type FileLimits,
  objectStoreConfig,
  type RateLimits,
  readApiEnv,
  type StreamConfig,
} from "./env";
export { safeFileName } from "./files/disposition";
export { HUB_TOKEN_AUDIENCE, HUB_TOKEN_ISSUER } from "./hub-tokens";
