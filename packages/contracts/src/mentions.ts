/**
 * Mentions in a comment's text, zod-free: the API checks and notifies them, the web app shows
 * them (comments.ts has the contract).
 */

/**
 * `@` followed by an e-mail address: `@kotra.us@teamkorea.dev`. Not preceded by a word character,
 * a dot or another `@`, so an address written plainly (`write to kotra.us@teamkorea.dev`) is no
 * mention; the domain ends at its last label, so a full stop after it is punctuation.
 */
const MENTION = /(?<![\p{L}\p{N}_.@+-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/gu;

/** The people a text mentions, by e-mail (lower case, as the directory keeps them), each once, in order. */
export function mentionsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(MENTION)) found.add((m[1] as string).toLowerCase());
  return [...found];
}
