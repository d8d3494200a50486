/**
 * The production rules for the signing secret, and a sweep of the repository: every JWT_SECRET
 * value written anywhere in it must be on the list production refuses.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, DEV_JWT_SECRET, KNOWN_JWT_SECRETS } from "@hub/config";
import { describe, expect, it } from "vitest";
import { apiConfig, readApiEnv as readEnv } from "./env";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const endpoints = { DATABASE_URL: "postgresql://u:p@db:5432/x", KAFKA_BROKERS: "kafka:9092", TEMPORAL_ADDRESS: "temporal:7233" };
const production = (secret: string | undefined) =>
  readEnv({ ...endpoints, NODE_ENV: "production", ...(secret === undefined ? {} : { JWT_SECRET: secret }) });

/**
 * JWT_SECRET values written in a file: compose defaults (after `:-`), quoted string literals given
 * to a name ending in JWT_SECRET (after `:` or `=`, in code, YAML or JSON) and shell or .env
 * assignments. References (`:?` in compose, `$(openssl …)` in a shell) are not values.
 */
export function secretsWrittenIn(text: string): string[] {
  const found = [
    ...text.matchAll(/JWT_SECRET:?-([^}\s"'`]*)\}/g),
    ...text.matchAll(/JWT_SECRET["']?\s*[:=]\s*["']([^"'$]+)["']/g),
    ...text.matchAll(/^\s*(?:export\s+)?JWT_SECRET=([^\s"'$]+)/gm),
  ];
  return [...new Set(found.map((m) => m[1] as string))];
}

describe("the signing secret in production", () => {
  it.each([
    ["missing", undefined, /JWT_SECRET is missing in production/],
    ["empty", "", /JWT_SECRET is missing in production/],
    ["the development default", DEV_JWT_SECRET, /published in this repository/],
    ["the old docker-compose.yml default", "change-me-in-production-please", /published in this repository/],
    ["16 characters", "0123456789abcdef", /shorter than 32 bytes/],
    ["31 bytes", "x".repeat(31), /shorter than 32 bytes/],
  ])("refuses one that is %s, with one line saying how to make one", (_label, secret, problem) => {
    const err = (() => {
      try {
        apiConfig(production(secret));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toMatch(problem);
    expect(message).toContain("openssl rand -base64 48");
    expect(message).not.toContain("\n");
  });

  it("accepts a random one of 32 bytes or more, and turns dev-login off", () => {
    const secret = randomBytes(48).toString("base64");
    const { auth } = apiConfig(production(secret)).api;
    expect(auth).toEqual({ mode: "dev", jwtSecret: secret, lifetimeS: 12 * 3600, devLogin: false });
  });

  it("uses the development secret outside production, with dev-login on", () => {
    expect(apiConfig(readEnv(endpoints)).api.auth).toMatchObject({ mode: "dev", jwtSecret: DEV_JWT_SECRET, devLogin: true });
  });

  it("bounds the token lifetime (JWT_LIFETIME_MINUTES, at most a day)", () => {
    expect(apiConfig(readEnv({ ...endpoints, JWT_LIFETIME_MINUTES: "30" })).api.auth).toMatchObject({ lifetimeS: 1800 });
    expect(() => readEnv({ ...endpoints, JWT_LIFETIME_MINUTES: String(24 * 60 + 1) })).toThrow(/JWT_LIFETIME_MINUTES/);
  });
});

describe("HUB_AUTH=oidc", () => {
  it("needs the provider's issuer, and then needs no signing secret even in production", () => {
    expect(() => apiConfig(readEnv({ ...endpoints, HUB_AUTH: "oidc" }))).toThrow(/OIDC_ISSUER is missing/);
    const issuer = "https://id.example.org/realms/hub";
    const { auth } = apiConfig(readEnv({ ...endpoints, NODE_ENV: "production", HUB_AUTH: "oidc", OIDC_ISSUER: issuer })).api;
    expect(auth).toEqual({ mode: "oidc", issuer, audience: "team-korea-hub", clientId: "team-korea-hub-web" });
  });
});

describe("every JWT_SECRET value in the repository is refused in production", () => {
  it("finds values the way they are written", () => {
    const composeDefault = "JWT_SECRET: $" + "{JWT_" + "SECRET:-from-compose}";
    expect(secretsWrittenIn(composeDefault)).toEqual(["from-compose"]);
    // Split so the sweep below does not find these samples in this very file.
    expect(secretsWrittenIn("const DEV_JWT_" + 'SECRET = "from-code";')).toEqual(["from-code"]);
    expect(secretsWrittenIn("export JWT_SECRET=from-shell\n")).toEqual(["from-shell"]);
    expect(secretsWrittenIn("JWT_SECRET: $" + "{JWT_SECRET:?set it}\nJWT_SECRET=$(openssl rand -base64 48)")).toEqual([]);
  });

  it("lists each one in KNOWN_JWT_SECRETS", () => {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" })
      .split("\0")
      .filter(Boolean);
    const written = new Map<string, string>();
    for (const file of files) {
      if (/\.(png|jpg|ico|binpb|woff2?|lock)$|package-lock\.json$/.test(file)) continue;
      let text: string;
      try {
        text = readFileSync(path.join(repoRoot, file), "utf8");
      } catch {
        continue; // listed but deleted in the work tree
      }
      for (const secret of secretsWrittenIn(text)) written.set(secret, file);
    }
    expect(written.get(DEV_JWT_SECRET), "the sweep finds the development secret in packages/config").toBe("packages/config/src/secrets.ts");
    for (const [secret, file] of written) {
      expect(KNOWN_JWT_SECRETS, `${file} writes JWT_SECRET "${secret}": add it to KNOWN_JWT_SECRETS`).toContain(secret);
    }
  });
});
