/** The machine's Java, which Kafka and Keycloak both run on. */
import { lastLines, runCommand } from "./process.js";
import { type Component, StackError } from "./types.js";

export const MIN_JAVA = 17;

/** `java -version` output → major version (8 for "1.8.0_292", 17 for "17.0.15", 25 for "25"). */
export function parseJavaMajor(output: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!m?.[1]) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

/** Throws a one-line StackError for `component` unless Java MIN_JAVA+ is on the PATH; `instead` says how to do without it. */
export async function requireJava(component: Component, instead: string): Promise<void> {
  const hint = `install a JDK (apt-get install openjdk-17-jre-headless) ${instead}`;
  const result = await runCommand("java", ["-version"]);
  if (result.spawnError) throw new StackError(component, `Java ${MIN_JAVA}+ not found`, hint);
  const major = parseJavaMajor(result.output);
  if (major === undefined)
    throw new StackError(component, `could not tell the Java version (${lastLines(result.output, 1)[0] ?? "no output"})`, hint);
  if (major < MIN_JAVA) throw new StackError(component, `Java ${major} found, ${component} needs Java ${MIN_JAVA}+`, hint);
}
