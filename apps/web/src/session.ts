/**
 * Who is signed in: the access token the app sends as Bearer, and why the last session ended.
 *
 * Development sign-in mirrors its token to sessionStorage, so a reload of the same tab stays signed
 * in. Single sign-on keeps its tokens in memory only (oidc.ts): a script injected into the page
 * could read sessionStorage, and a reload costs no password while the provider's own session lives.
 * Nothing goes to localStorage, which outlives the tab and is shared by every tab of the origin.
 */
const KEY = "hub.token";
type Listener = () => void;

/** Why the app is signed out: the person chose to, or the API stopped accepting the token (expired, removed). */
export type SignedOutReason = "signed-out" | "expired";

interface Current {
  token: string;
  /** Changes on each sign-in, not when a token is renewed: what is cached per person survives a renewal. */
  key: string;
}

let signIns = 0;
const stored = sessionStorage.getItem(KEY);
let current: Current | null = stored ? { token: stored, key: `s${++signIns}` } : null;
let reason: SignedOutReason | null = null;
const listeners = new Set<Listener>();
const notify = () => {
  for (const l of listeners) l();
};

export const session = {
  token: () => current?.token ?? null,
  /** One value per sign-in (null when signed out): for caches and streams that belong to the person. */
  key: () => current?.key ?? null,
  reason: () => reason,
  /** `persist`: mirror the token to sessionStorage (development sign-in only). */
  signIn(token: string, opts: { persist: boolean }) {
    current = { token, key: `s${++signIns}` };
    reason = null;
    if (opts.persist) sessionStorage.setItem(KEY, token);
    notify();
  },
  /** A fresh access token for the same sign-in (refresh-token grant): nothing re-renders for it. */
  renew(token: string) {
    if (current) current = { ...current, token };
  },
  clear(why: SignedOutReason = "signed-out") {
    if (current === null) return;
    current = null;
    reason = why;
    sessionStorage.removeItem(KEY);
    notify();
  },
  subscribe(l: Listener) {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};
