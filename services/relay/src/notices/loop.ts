/**
 * The notice loop, beside the outbox relay in the relay process (never in a workflow or an API
 * request): expands new facts into notices, then sends what is due through SMTP (nodemailer),
 * one message per notice or one digest per recipient. A failed send is retried with backoff
 * (retryMs, doubling, at most 10 minutes) and parked with its reason after maxAttempts; a mail
 * server that refuses a message for good (5xx) parks it at once. Each message carries the ids
 * of its notices (X-Hub-Notice-Ids) and a Message-ID built from them.
 */

import { defaultNotificationPrefs } from "@hub/contracts";
import {
  type Db,
  type DueNotice,
  expandNoticeFacts,
  findNoticePrefs,
  leaseDueNotices,
  markNoticesFailed,
  markNoticesSent,
  type NewNotice,
  noticeReaders,
  pendingDigestDue,
  releaseNotices,
  toNotificationPrefs,
} from "@hub/db";
import { describe, type Log, sleep } from "@hub/runtime";
import nodemailer from "nodemailer";
import type { NoticeConfig } from "../env";
import { audiencesFor } from "./recipients";
import { type NoticeData, renderEmail } from "./render";
import { noticeDueAt } from "./timing";

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;
const BATCH = 50;

export interface NoticeLoop {
  stop(): Promise<void>;
}

/** The retry time after `attempts` failures, or null when the notice is to be parked. */
export function retryAt(attempts: number, cfg: Pick<NoticeConfig, "retryMs" | "maxAttempts">, now = Date.now()): Date | null {
  if (attempts >= cfg.maxAttempts) return null;
  return new Date(now + Math.min(MAX_BACKOFF_MS, cfg.retryMs * 2 ** (attempts - 1)));
}

/** Expands up to BATCH facts; resolves to how many. */
export function expandFacts(db: Db, cfg: NoticeConfig, log: Log, now = () => new Date()): Promise<number> {
  return expandNoticeFacts(
    db,
    BATCH,
    async (q, fact) => {
      const at = now();
      const notices: NewNotice[] = [];
      for (const a of await audiencesFor(q, fact, at.toISOString().slice(0, 10))) {
        for (const person of a.people) {
          const stored = await findNoticePrefs(q, person.id);
          const prefs = stored ? toNotificationPrefs(stored) : defaultNotificationPrefs({ timeZone: person.orgTimeZone, country: person.orgCountry });
          const gathering = prefs.delivery === "digest" ? await pendingDigestDue(q, person.id) : null;
          const dueAt = noticeDueAt({ prefs, urgent: a.urgent, now: at, digestMs: cfg.digestMs, gathering });
          notices.push({ recipient: person, kind: a.kind, urgent: a.urgent, data: { ...a.data }, dueAt });
        }
      }
      return notices;
    },
    (fact, err) => log(`no notices for ${fact.action} of ${fact.workflowId} (timeline ${fact.timelineId}): ${describe(err)}`),
  );
}

/** The messages for leased notices: each digest reader's together, everyone else's one by one. */
async function messagesOf(db: Db, due: DueNotice[]): Promise<{ to: string; language: "ko" | "en"; notices: DueNotice[] }[]> {
  const readers = await noticeReaders(db, [...new Set(due.map((n) => n.recipientId))]);
  const digests = new Map<string, { to: string; language: "ko" | "en"; notices: DueNotice[] }>();
  const single: { to: string; language: "ko" | "en"; notices: DueNotice[] }[] = [];
  for (const n of due) {
    const r = readers.get(n.recipientId) ?? { language: "ko" as const, delivery: "instant" as const };
    if (r.delivery === "digest") {
      const m = digests.get(n.recipientId) ?? { to: n.email, language: r.language, notices: [] };
      m.notices.push(n);
      digests.set(n.recipientId, m);
    } else single.push({ to: n.email, language: r.language, notices: [n] });
  }
  return [...single, ...digests.values()];
}

/** What a round of sending needs: the database, the settings, the log and the mail transport. */
export interface Mailer {
  db: Db;
  cfg: NoticeConfig;
  log: Log;
  transport: nodemailer.Transporter;
}

/** An SMTP transport for the configured server, or null when none is configured. */
export function mailTransport(cfg: NoticeConfig): nodemailer.Transporter | null {
  return cfg.smtpUrl ? nodemailer.createTransport(cfg.smtpUrl, { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 15_000 }) : null;
}

/** Sends one message; throws when the server fails (the caller backs off), parks what can never go. */
async function send(mailer: Mailer, m: { to: string; language: "ko" | "en"; notices: DueNotice[] }, now: Date): Promise<void> {
  const { db, cfg, log, transport } = mailer;
  const ids = m.notices.map((n) => n.id);
  let email: ReturnType<typeof renderEmail>;
  try {
    email = renderEmail(
      m.notices.map((n) => ({ kind: n.kind, data: n.data as unknown as NoticeData })),
      m.language,
      cfg.publicUrl,
    );
  } catch (err) {
    // Data no template foresaw: no retry can write this message, so it is parked at once
    // (listed at /v1/notices/parked) and the others go out.
    await markNoticesFailed(db, ids, `the notice cannot be written: ${describe(err)}`, null);
    log(`parked notice(s) ${ids.join(", ")}: cannot be written (${describe(err)})`);
    return;
  }
  const messageId = `<notice-${ids.join(".")}@teamkorea-hub>`;
  try {
    await transport.sendMail({
      from: cfg.from,
      to: m.to,
      subject: email.subject.replace(/[\r\n]+/g, " "),
      text: email.text,
      html: email.html,
      messageId,
      headers: { "X-Hub-Notice-Ids": ids.join(","), "X-Hub-Workflow-Ids": [...new Set(m.notices.map((n) => n.workflowId))].join(",") },
    });
  } catch (err) {
    const attempts = Math.max(...m.notices.map((n) => n.attempts)) + 1;
    const { responseCode: code, code: name } = err as { responseCode?: number; code?: string };
    // 5xx: the server refuses this message for good; EENVELOPE/EMESSAGE: nodemailer cannot build it (no valid recipient).
    const permanent = (code !== undefined && code >= 500 && code < 600) || name === "EENVELOPE" || name === "EMESSAGE";
    await markNoticesFailed(db, ids, describe(err), permanent ? null : retryAt(attempts, cfg, now.getTime()));
    if (permanent) {
      // Refused for this message alone: parked, and the batch goes on.
      log(`parked notice(s) ${ids.join(", ")} to ${m.to}: ${describe(err)}`);
      return;
    }
    throw err;
  }
  await markNoticesSent(db, ids, messageId);
}

/**
 * One round of sending: leases up to BATCH notices due at `now` and sends them. Resolves to how
 * many it leased; throws when the mail server fails, after handing the unsent rest back.
 */
export async function sendDueNotices(mailer: Mailer, now: Date): Promise<number> {
  const due = await leaseDueNotices(mailer.db, BATCH, LEASE_MS, now);
  const messages = await messagesOf(mailer.db, due);
  for (const [i, m] of messages.entries()) {
    try {
      await send(mailer, m, now);
    } catch (err) {
      // The server is failing: the rest of the batch goes back unsent, to be tried with the next round.
      await releaseNotices(
        mailer.db,
        messages.slice(i + 1).flatMap((r) => r.notices.map((n) => n.id)),
      );
      throw err;
    }
  }
  return due.length;
}

/** Runs rounds until stopped; `clock` tells it the time (tests pass their own). */
export function startNoticeLoop(opts: { db: Db; cfg: NoticeConfig; log: Log; clock?: () => Date }): NoticeLoop {
  const { db, cfg, log, clock = () => new Date() } = opts;
  let stopped = false;
  let failingSince: number | null = null;
  const transport = mailTransport(cfg);
  if (!transport) log("no HUB_SMTP_URL: e-mail notices are kept in the outbox (notices) and not sent");

  const loop = (async () => {
    while (!stopped) {
      let worked = 0;
      try {
        worked += await expandFacts(db, cfg, log, clock);
        if (transport) {
          worked += await sendDueNotices({ db, cfg, log, transport }, clock());
          if (failingSince !== null) {
            log(`mail server reachable again after ${Math.round((Date.now() - failingSince) / 1000)} s; sending what waited`);
            failingSince = null;
          }
        }
      } catch (err) {
        if (failingSince === null) {
          failingSince = Date.now();
          log(`cannot send e-mail notices (${describe(err)}); retrying with backoff`);
        }
      }
      if (worked === 0 || failingSince !== null) await sleep(cfg.pollMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      transport?.close();
    },
  };
}
