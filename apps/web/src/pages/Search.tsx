/**
 * Search across the tasks the caller may see (for HQ: all of them): kind, country, status, an
 * organisation involved, start dates and words of the title, Korean or English. The filters live
 * in the address (?q=…&kind=…), so a search can be bookmarked, shared and gone back to; results
 * come a page at a time on the API's keyset cursor ("more").
 */
import type { Org, WorkflowItem } from "@hub/contracts";
import { TASK_STATUSES, WORKFLOW_KINDS } from "@hub/contracts/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { api } from "../api";
import { titleIn } from "../texts";
import { seoulTime } from "../time";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";
import "../hq.css";

const FILTERS = ["q", "kind", "country", "status", "org", "from", "to"] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;
const PAGE = 25;

const filtersOf = (params: URLSearchParams): Filters => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ""])) as Filters;

/** Only the filters that are set, as the API's query string. */
const queryOf = (f: Filters, cursor?: string) => {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (f[k].trim() !== "") q.set(k, f[k].trim());
  q.set("limit", String(PAGE));
  if (cursor) q.set("cursor", cursor);
  return q.toString();
};

export function Search() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const submitted = filtersOf(params);
  const [draft, setDraft] = useState<Filters>(submitted);
  const [problem, setProblem] = useState<string | null>(null);
  const searched = params.toString() !== "";
  const results = useInfiniteQuery({
    queryKey: ["search", queryOf(submitted)],
    queryFn: ({ pageParam }) => api<{ items: WorkflowItem[]; nextCursor: string | null }>("GET", `/v1/workflows?${queryOf(submitted, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: searched,
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    // An inverted range would only find nothing: say why instead.
    if (draft.from && draft.to && draft.from > draft.to) return setProblem(t("search.badDates"));
    setProblem(null);
    const next = new URLSearchParams();
    for (const k of FILTERS) if (draft[k].trim() !== "") next.set(k, draft[k].trim());
    // No filter at all still searches: everything the caller may see, newest first.
    setParams(next.size === 0 ? { all: "1" } : next);
  };
  const clear = () => {
    setDraft(filtersOf(new URLSearchParams()));
    setProblem(null);
    setParams({});
  };
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t("search.title")}</h1>
      <p>{t("search.intro")}</p>
      <SearchForm draft={draft} setDraft={setDraft} onSubmit={submit} onClear={clear} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {searched && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t("search.results")}</h2>
          {!results.data && <Status error={results.error} />}
          {results.data && <p role="status">{items.length === 0 ? t("search.none") : t("search.count", { count: items.length })}</p>}
          <ol className="results">
            {items.map((w) => (
              <li key={w.id}>
                <ResultItem task={w} />
              </li>
            ))}
          </ol>
          {results.error && results.data && <Status error={results.error} />}
          {results.hasNextPage && (
            <button type="button" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage}>
              {t("search.more")}
            </button>
          )}
        </section>
      )}
    </section>
  );
}

function ResultItem({ task: w }: { task: WorkflowItem }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3>
        <Link to={taskPath(w.id)}>{titleIn(i18n.language, w)}</Link>
      </h3>
      <p className="meta">
        <span className="code">{w.id}</span> · <span>{t(`kind.${w.kind}`)}</span> · <span>{w.country}</span> ·{" "}
        <strong>{t(`taskStatus.${w.status}`)}</strong> · {t("search.started")}{" "}
        <time dateTime={w.startedAt}>{seoulTime(w.startedAt, i18n.language)}</time>
        {w.closedAt && (
          <>
            {" "}
            · {t("search.closed")} <time dateTime={w.closedAt}>{seoulTime(w.closedAt, i18n.language)}</time>
          </>
        )}
      </p>
    </>
  );
}

function SearchForm(props: { draft: Filters; setDraft: (f: Filters) => void; onSubmit: (e: FormEvent) => void; onClear: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { draft, setDraft } = props;
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: () => api<{ items: Org[] }>("GET", "/v1/orgs"), staleTime: 300_000 });
  const orgList = orgs.data?.items ?? [];
  const countries = [...new Set(orgList.flatMap((o) => (o.country ? [o.country] : [])))].sort();
  const set = (k: Filter) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const select = (k: Filter, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{t(`search.${k}`)}</label>
      <select id={`${id}-${k}`} value={draft[k]} onChange={set(k)}>
        <option value="">{t("search.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <search aria-label={t("search.filters")}>
      <form className="search-form" onSubmit={props.onSubmit}>
        <div className="field wide">
          <label htmlFor={`${id}-q`}>{t("search.q")}</label>
          <input id={`${id}-q`} type="search" value={draft.q} onChange={set("q")} maxLength={200} aria-describedby={`${id}-q-hint`} />
          <small id={`${id}-q-hint`}>{t("search.qHint")}</small>
        </div>
        {select(
          "kind",
          WORKFLOW_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
        )}
        {select(
          "country",
          countries.map((c) => ({ value: c, label: c })),
        )}
        {select(
          "status",
          TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) })),
        )}
        {select(
          "org",
          orgList.map((o) => ({ value: o.code, label: `${o.code} · ${i18n.language === "ko" ? o.nameKo : o.nameEn}` })),
        )}
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("search.from")}</label>
          <input id={`${id}-from`} type="date" value={draft.from} onChange={set("from")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t("search.to")}</label>
          <input id={`${id}-to`} type="date" value={draft.to} onChange={set("to")} />
        </div>
        <div className="actions wide">
          <button type="submit" className="primary">
            {t("search.submit")}
          </button>
          <button type="button" onClick={props.onClear}>
            {t("search.reset")}
          </button>
        </div>
      </form>
    </search>
  );
}
