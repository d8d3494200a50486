/**
 * HQ's picture across missions (GET /v1/overview): a grid of countries with running and overdue
 * counts, each opening that country's board; cycle-time charts per kind of task and per
 * organisation; the SLA breaches, each linking to its task. The period lives in the address
 * (?from=…&to=…), so a view can be bookmarked and shared.
 */
import type { Overview as OverviewBody, SlaBreach } from "@hub/contracts";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { api } from "../api";
import { CycleChart } from "../components/CycleChart";
import { useLive } from "../live";
import { titleIn } from "../texts";
import { seoulTime } from "../time";
import { boardPath } from "./Board";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";
import "../board.css";

const BREACH_TYPES = ["approval_escalated", "assignment_late", "assignment_overdue"] as const;

export function Overview() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  const overview = useLive(["overview", query], () => api<OverviewBody>("GET", `/v1/overview${query ? `?${query}` : ""}`));
  const o = overview.data;
  return (
    <section aria-labelledby="overview-title" className="board">
      <h1 id="overview-title">{t("overview.title")}</h1>
      <p>{t("overview.intro")}</p>
      <RangeForm from={from} to={to} />
      {(!o || overview.error) && <Status error={overview.error} />}
      {o && (
        <>
          <Countries countries={o.countries} />
          <section aria-labelledby="cycle-title">
            <h2 id="cycle-title">{t("overview.cycle")}</h2>
            <div className="cycle-grid">
              <CycleSection
                title={t("overview.cycleKind")}
                hint={t("overview.cycleKindHint")}
                rows={o.cycleTime.byKind.map((k) => ({ ...k, key: k.kind, label: t(`kind.${k.kind}`) }))}
              />
              <CycleSection
                title={t("overview.cycleOrg")}
                hint={t("overview.cycleOrgHint")}
                rows={o.cycleTime.byOrg.map((g) => ({ ...g, key: g.org, label: g.org }))}
              />
            </div>
          </section>
          <Breaches breaches={o.breaches} />
        </>
      )}
    </section>
  );
}

function RangeForm({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [, setParams] = useSearchParams();
  const [draft, setDraft] = useState({ from, to });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) return setProblem(t("overview.badRange"));
    setProblem(null);
    setParams({ ...(draft.from ? { from: draft.from } : {}), ...(draft.to ? { to: draft.to } : {}) });
  };
  const clear = () => {
    setDraft({ from: "", to: "" });
    setProblem(null);
    setParams({});
  };
  return (
    <form className="range-form" onSubmit={submit} aria-labelledby={`${id}-legend`}>
      <fieldset>
        <legend id={`${id}-legend`}>{t("overview.range")}</legend>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("overview.from")}</label>
          <input id={`${id}-from`} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t("overview.to")}</label>
          <input id={`${id}-to`} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t("overview.apply")}
          </button>
          <button type="button" onClick={clear}>
            {t("overview.clear")}
          </button>
        </div>
        <small>{t("overview.rangeHint")}</small>
      </fieldset>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </form>
  );
}

function Countries({ countries }: { countries: OverviewBody["countries"] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="countries-title">
      <h2 id="countries-title">{t("overview.countries")}</h2>
      <ul className="country-grid">
        {countries.map((c) => (
          <li key={c.country} className={`country${c.overdue > 0 ? " has-overdue" : ""}`}>
            <h3>
              {c.mission ? (
                <Link to={boardPath(c.country)} aria-label={t("overview.countryCard", { country: c.country })}>
                  {c.country}
                </Link>
              ) : (
                c.country
              )}
            </h3>
            <p className="meta">{c.mission ?? t("overview.noMission")}</p>
            <p>
              <span className="count-running">{t("overview.running", { count: c.running })}</span>
              <br />
              <span className={c.overdue > 0 ? "count-overdue flag" : "count-overdue"}>{t("overview.overdue", { count: c.overdue })}</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CycleSection({ title, hint, rows }: { title: string; hint: string; rows: Parameters<typeof CycleChart>[0]["rows"] }) {
  const { t } = useTranslation();
  return (
    <section className="cycle-section" aria-label={title}>
      <h3>{title}</h3>
      <p className="meta">{hint}</p>
      {rows.length === 0 ? <p>{t("overview.noCycle")}</p> : <CycleChart rows={rows} caption={title} />}
    </section>
  );
}

function Breaches({ breaches }: { breaches: OverviewBody["breaches"] }) {
  const { t } = useTranslation();
  const total = BREACH_TYPES.reduce((n, type) => n + breaches.counts[type], 0);
  return (
    <section aria-labelledby="breaches-title">
      <h2 id="breaches-title">{t("overview.breaches")}</h2>
      <dl className="tiles" aria-label={t("overview.breachCounts")}>
        {BREACH_TYPES.map((type) => (
          <div key={type} className={breaches.counts[type] > 0 ? "warn" : undefined}>
            <dt>{t(`overview.breachType.${type}`)}</dt>
            <dd>{breaches.counts[type]}</dd>
          </div>
        ))}
      </dl>
      {total === 0 ? (
        <p>{t("overview.noBreaches")}</p>
      ) : (
        <>
          {breaches.items.length < total && <p className="meta">{t("overview.shownNewest", { shown: breaches.items.length })}</p>}
          <BreachTable items={breaches.items} />
        </>
      )}
    </section>
  );
}

function BreachTable({ items }: { items: SlaBreach[] }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => (iso.length === 10 ? iso : seoulTime(iso, i18n.language));
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("overview.breaches")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("overview.type")}</th>
            <th scope="col">{t("overview.task")}</th>
            <th scope="col">{t("overview.country")}</th>
            <th scope="col">{t("overview.org")}</th>
            <th scope="col">{t("overview.due")}</th>
            <th scope="col">{t("overview.at")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={`${b.type}:${b.id}`}>
              <td>{t(`overview.breachType.${b.type}`)}</td>
              <td>
                <Link to={taskPath(b.workflowId)}>{titleIn(i18n.language, b)}</Link>
              </td>
              <td>{b.country}</td>
              <td>{b.org}</td>
              <td>
                <time dateTime={b.due}>{when(b.due)}</time>
              </td>
              <td>{b.at ? <time dateTime={b.at}>{when(b.at)}</time> : t("overview.open")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
