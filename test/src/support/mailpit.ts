/** Reading delivered e-mail through Mailpit's HTTP API (the launcher's Mailpit, HUB_TEST_MAILPIT_URL). */
import { cfg, eventually } from "./hub";

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The hub's notice ids this message carries (X-Hub-Notice-Ids). */
  noticeIds: string[];
}

const base = () => {
  if (!cfg.mailpitUrl) throw new Error("HUB_TEST_MAILPIT_URL is not set: run the tests with 'npm test' (which starts Mailpit)");
  return cfg.mailpitUrl;
};

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${base()}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`Mailpit ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Summary {
  ID: string;
}

/** Every message to `email` whose text holds `word` (e.g. a task's unique reference), oldest first. */
export async function mailTo(email: string, word: string): Promise<Mail[]> {
  const found = await getJson<{ messages: Summary[] }>(`/api/v1/search?limit=200&query=${encodeURIComponent(`to:${email} ${word}`)}`);
  const mails = await Promise.all(
    found.messages.map(async (m) => {
      const full = await getJson<{ ID: string; To: { Address: string }[]; Subject: string; Text: string; HTML: string }>(`/api/v1/message/${m.ID}`);
      const headers = await getJson<Record<string, string[]>>(`/api/v1/message/${m.ID}/headers`);
      const ids = (headers["X-Hub-Notice-Ids"]?.[0] ?? "").split(",").filter(Boolean);
      return { id: full.ID, to: full.To.map((t) => t.Address), subject: full.Subject, text: full.Text, html: full.HTML, noticeIds: ids };
    }),
  );
  return mails.reverse();
}

/** Waits until `email` has a message about `word` whose subject holds `subject`, and returns it. */
export function mailArrives(email: string, word: string, subject: string, timeoutMs = 30_000): Promise<Mail> {
  return eventually(
    `mail "${subject}" about ${word} to ${email}`,
    async () => (await mailTo(email, word)).find((m) => m.subject.includes(subject)),
    timeoutMs,
    500,
  );
}

/** The messages to `email` about `word` whose subject holds `subject`. */
export async function mailsWith(email: string, word: string, subject: string): Promise<Mail[]> {
  return (await mailTo(email, word)).filter((m) => m.subject.includes(subject));
}
