/**
 * What the inbox pages share: their filters and order live in the address (a view can be
 * bookmarked, and Back returns to it), and pages follow the API's cursors.
 */
import { useState } from "react";
import { useSearchParams } from "react-router-dom";

/** Items per page: a page a person can scan, and one the browser draws at once. */
export const PAGE_SIZE = 50;

/** One filter: its name in the address and the values it offers ("" = any, unless a default is set). */
export interface FilterSpec {
  values: readonly string[];
  fallback?: string;
}

/**
 * The filters as the address holds them; a value the filter does not offer (a hand-edited
 * address) reads as the default, so the API is only ever asked for what it accepts.
 */
export function useFilters<K extends string>(specs: Record<K, FilterSpec>): [Record<K, string>, (name: K, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const values = {} as Record<K, string>;
  for (const name of Object.keys(specs) as K[]) {
    const v = params.get(name) ?? "";
    values[name] = specs[name].values.includes(v) ? v : (specs[name].fallback ?? "");
  }
  const set = (name: K, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value && value !== specs[name].fallback) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [values, set];
}

/** The API's query for a list: the filters that are set, the page size and the page's cursor. */
export function listQuery(fixed: Record<string, string>, filters: Record<string, string>, cursor: string | undefined): string {
  const q = new URLSearchParams(fixed);
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  q.set("limit", String(PAGE_SIZE));
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

/**
 * Pages on keyset cursors: the cursors of the pages before this one, so Previous goes back
 * without offsets. A change of filters (`resetKey`) starts again at the first page.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({ key: resetKey, cursors: [] });
  const cursors = state.key === resetKey ? state.cursors : [];
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length + 1,
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}
