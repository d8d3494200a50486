/**
 * tsx packages/devstack/src/cli.ts up | down [component…] | status
 * Problems a person can fix print as one line and exit 1; anything else is a bug and keeps its stack.
 */
import { fileURLToPath } from "node:url";
import { ConfigError } from "@hub/config";
import { readStackEnv as readEnv, stackConfig } from "./env.js";
import { type Component, StackError, stackDown, stackStatus, stackUp } from "./index.js";
import { COMPONENTS } from "./types.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const log = (line: string) => console.log(line);

function usage(): never {
  console.error("usage: cli.ts up | down [postgres|kafka|temporal|keycloak|mailpit|minio …] | status");
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const cfg = stackConfig(readEnv(), repoRoot);
  switch (command) {
    case "up": {
      const e = await stackUp(cfg, log);
      log("");
      log(`DATABASE_URL=${e.databaseUrl}`);
      log(`KAFKA_BROKERS=${e.kafkaBrokers.join(",")}`);
      log(`TEMPORAL_ADDRESS=${e.temporalAddress}`);
      log(`TEMPORAL_NAMESPACE=${e.temporalNamespace}`);
      if (e.temporalUiUrl) log(`# Temporal Web UI: ${e.temporalUiUrl}`);
      log(`HUB_SMTP_URL=${e.smtpUrl}`);
      if (e.mailpitUrl) log(`# Mailpit (web inbox): ${e.mailpitUrl}`);
      log(`HUB_S3_URL=${e.s3Url}`);
      if (e.s3Credentials) {
        log(`HUB_S3_ACCESS_KEY_ID=${e.s3Credentials.accessKeyId}`);
        log(`HUB_S3_SECRET_ACCESS_KEY=${e.s3Credentials.secretAccessKey}`);
      }
      log(`# PostgreSQL admin: ${e.postgresAdminUrl}`);
      log(`# state and logs: ${cfg.home}`);
      return;
    }
    case "down": {
      const unknown = rest.filter((c) => !COMPONENTS.includes(c as Component));
      if (unknown.length > 0) usage();
      await stackDown(cfg, log, rest.length > 0 ? (rest as Component[]) : undefined);
      return;
    }
    case "status": {
      for (const s of await stackStatus(cfg)) {
        const pid = s.pid !== undefined ? ` pid ${s.pid}` : "";
        const detail = s.detail ? ` — ${s.detail}` : "";
        log(`${s.component.padEnd(9)} ${s.state.padEnd(8)} ${s.address}${pid}${detail}`);
      }
      return;
    }
    default:
      usage();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof StackError || err instanceof ConfigError) {
      console.error(err.message);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
