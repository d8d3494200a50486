export type Component = "postgres" | "kafka" | "temporal" | "keycloak" | "mailpit" | "minio";

/** What every stack needs; `stackUp` starts these unless told otherwise. */
export const CORE_COMPONENTS: readonly Component[] = ["postgres", "kafka", "temporal", "mailpit", "minio"];
/** Everything the launcher can run: Keycloak only on request (HUB_AUTH=oidc, and `npm test`). */
export const COMPONENTS: readonly Component[] = [...CORE_COMPONENTS, "keycloak"];

export interface StackEndpoints {
  databaseUrl: string;
  kafkaBrokers: string[];
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl?: string;
  /** The OpenID Connect issuer (the launcher's Keycloak realm, or OIDC_ISSUER), when Keycloak was asked for. */
  oidcIssuer?: string;
  /** Where e-mail notices go (the launcher's Mailpit, or HUB_SMTP_URL). */
  smtpUrl: string;
  /** The launcher's Mailpit web inbox and HTTP API; absent with an external SMTP server. */
  mailpitUrl?: string;
  /** Where files attached to tasks are kept: the launcher's MinIO, or HUB_S3_URL. */
  s3Url: string;
  /** The launcher's MinIO's credentials; absent with an external store (the services read HUB_S3_* themselves). */
  s3Credentials?: { accessKeyId: string; secretAccessKey: string };
  postgresAdminUrl: string;
  /** What this call started; components reused or external are not listed. */
  started: Component[];
}

export interface ComponentStatus {
  component: Component;
  state: "running" | "stopped" | "external";
  pid?: number;
  address: string;
  detail?: string;
}

export type Log = (line: string) => void;

/**
 * A failure a person can act on. `message` says what is wrong, `hint` what to do; together they
 * are printed as one line ("kafka: port 19092 is taken by another process — set HUB_KAFKA_PORT …"),
 * so Error.message carries that whole line for callers that only print `err.message`.
 */
export class StackError extends Error {
  readonly reason: string;

  constructor(
    public component: Component | "stack",
    message: string,
    public hint: string,
  ) {
    super(`${component}: ${message}${hint ? ` — ${hint}` : ""}`);
    this.name = "StackError";
    this.reason = message;
  }
}
