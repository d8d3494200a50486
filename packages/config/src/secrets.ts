/**
 * The rules for the secret that signs the hub's own tokens. Every secret that has ever been
 * written down in this repository is listed here, so none of them can sign a production token;
 * services/api/src/env.test.ts greps the repository for JWT_SECRET values and fails if one is missing here.
 */

/** What development and tests sign with: public, so refused outside development. */
export const DEV_JWT_SECRET = "team-korea-hub-development-secret";

/** Every JWT_SECRET value found in the repository, today or in its history (docker-compose.yml's old default). */
export const KNOWN_JWT_SECRETS: readonly string[] = [DEV_JWT_SECRET, "change-me-in-production-please"];

/** HS256 wants a key at least as long as its hash (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

const HOW = "generate one with `openssl rand -base64 48` and pass it as JWT_SECRET";

/** Undefined when `secret` may sign production tokens, else one line saying what is wrong and how to fix it. */
export function productionSecretProblem(secret: string | undefined): string | undefined {
  if (secret === undefined || secret.trim() === "") return `JWT_SECRET is missing in production: ${HOW}`;
  if (KNOWN_JWT_SECRETS.includes(secret)) return `JWT_SECRET is a secret published in this repository: ${HOW}`;
  if (Buffer.byteLength(secret, "utf8") < MIN_SECRET_BYTES) {
    return `JWT_SECRET is shorter than ${MIN_SECRET_BYTES} bytes: ${HOW}`;
  }
  return undefined;
}
