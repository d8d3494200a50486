export type Component = "postgres" | "kafka" | "temporal";

export const COMPONENTS: readonly Component[] = ["postgres", "kafka", "temporal"];

export interface StackEndpoints {
  databaseUrl: string;
  kafkaBrokers: string[];
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl?: string;
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
