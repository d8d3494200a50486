/**
 * Leader election on PostgreSQL: a session-level advisory lock held on a connection of its own.
 * Whoever holds the lock leads; when the leader's process dies or its connection drops (a crash,
 * a PostgreSQL restart), the server releases the lock and a standby takes it within one poll.
 * Used by the outbox relay: one publisher at a time keeps each country's events in order.
 */
import pg from "pg";

export interface Leadership {
  /** Resolves once this process leads; rejects when stopped first. */
  acquired(): Promise<void>;
  /** True while the lock's connection is up (a lost connection means another may lead now). */
  leading(): boolean;
  /** Resolves when leadership is lost (the connection dropped). */
  lost(): Promise<void>;
  release(): Promise<void>;
}

export function electLeader(opts: {
  databaseUrl: string;
  /** Names the lock; every candidate of one role uses the same key. */
  key: number;
  /** Shown in pg_stat_activity.application_name, so an operator (or a fault test) can tell who leads. */
  applicationName: string;
  pollMs?: number;
}): Leadership {
  const pollMs = opts.pollMs ?? 1000;
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let onLost: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => {
    onLost = resolve;
  });

  const acquired = (async () => {
    while (!stopped) {
      const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: opts.applicationName, connectionTimeoutMillis: 5000 });
      c.on("error", () => undefined);
      try {
        await c.connect();
        for (;;) {
          if (stopped) throw new Error("stopped");
          const r = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [opts.key]);
          if (r.rows[0]?.ok) {
            client = c;
            leading = true;
            const drop = () => {
              if (!leading) return;
              leading = false;
              onLost();
            };
            c.on("error", drop);
            c.on("end", drop);
            return;
          }
          await new Promise((r) => setTimeout(r, pollMs));
        }
      } catch (err) {
        await c.end().catch(() => undefined);
        if (stopped) throw err;
        await new Promise((r) => setTimeout(r, pollMs));
      }
    }
    throw new Error("stopped");
  })();
  acquired.catch(() => undefined);

  return {
    acquired: () => acquired,
    leading: () => leading,
    lost: () => lost,
    async release() {
      stopped = true;
      leading = false;
      await client?.end().catch(() => undefined);
      onLost(); // whoever waits for the end of leadership: it has ended
    },
  };
}
