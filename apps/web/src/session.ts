/**
 * The signed-in user's token. Kept in memory, mirrored to sessionStorage so a reload of the same
 * tab stays signed in — never in localStorage, which outlives the tab and is shared by every tab of
 * the origin. This is the development login; the single sign-on flow (a later slice) keeps its
 * tokens in memory only.
 */
const KEY = "hub.token";
type Listener = () => void;

let current: string | null = sessionStorage.getItem(KEY);
const listeners = new Set<Listener>();
const notify = () => {
  for (const l of listeners) l();
};

export const session = {
  token: () => current,
  signIn(token: string) {
    current = token;
    sessionStorage.setItem(KEY, token);
    notify();
  },
  clear() {
    if (current === null) return;
    current = null;
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
