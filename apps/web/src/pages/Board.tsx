/**
 * The Team Korea board of a country (GET /v1/board): running tasks by kind with each one's
 * progress, overdue assignments by organisation, recent events. Mission and agency staff see
 * their own country; HQ opens any country from the overview (/board?country=XX). The board is a
 * live list: the stream's change events for the country's tasks re-query it (stream.ts).
 */
import type { Board as BoardBody, BoardTask, Org, OverdueAssignment } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { api } from "../api";
import { useLive } from "../live";
import { inLanguage, taskIn, titleIn } from "../texts";
import { seoulTime } from "../time";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";
import "../board.css";

export const boardPath = (country?: string) => (country ? `/board?country=${encodeURIComponent(country)}` : "/board");

export function Board({ seesEverything }: { seesEverything: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const country = params.get("country") ?? "";
  // HQ names a country; everyone else reads their own (the API's default).
  if (seesEverything && !country) {
    return (
      <section aria-labelledby="board-title">
        <h1 id="board-title">{t("board.title")}</h1>
        <CountryPicker />
      </section>
    );
  }
  return <CountryBoard country={country} />;
}

function CountryBoard({ country }: { country: string }) {
  const { t } = useTranslation();
  const board = useLive(["board", country], () => api<BoardBody>("GET", `/v1/board${country ? `?country=${encodeURIComponent(country)}` : ""}`));
  const b = board.data;
  if (!b) {
    return (
      <section aria-labelledby="board-title">
        <h1 id="board-title">{t("board.title")}</h1>
        <Status error={board.error} />
      </section>
    );
  }
  return (
    <section aria-labelledby="board-title" className="board">
      <h1 id="board-title">{t("board.titleOf", { country: b.country })}</h1>
      <p>{t("board.intro", { country: b.country, mission: b.mission })}</p>
      {board.error && <Status error={board.error} />}
      <dl className="tiles" aria-label={t("board.summary")}>
        <div>
          <dt>{t("board.running")}</dt>
          <dd data-testid="running-total">{b.running.total}</dd>
        </div>
        <div className={b.overdue.total > 0 ? "warn" : undefined}>
          <dt>{t("board.overdue")}</dt>
          <dd data-testid="overdue-total">{b.overdue.total}</dd>
        </div>
        <div>
          <dt>{t("board.asOf")}</dt>
          <dd>
            <time dateTime={b.today}>{b.today}</time>
          </dd>
        </div>
      </dl>
      <RunningByKind running={b.running} />
      <OverdueByOrg overdue={b.overdue} />
      <RecentEvents events={b.recentEvents} />
    </section>
  );
}

function RunningByKind({ running }: { running: BoardBody["running"] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="board-kinds">
      <h2 id="board-kinds">{t("board.byKind")}</h2>
      {running.byKind.length === 0 && <p>{t("board.noRunning")}</p>}
      {running.byKind.map((k) => (
        <section key={k.kind} aria-labelledby={`kind-${k.kind}`} className="board-group">
          <h3 id={`kind-${k.kind}`}>{t("board.kindCount", { kind: t(`kind.${k.kind}`), count: k.count })}</h3>
          <ul className="board-tasks">
            {k.tasks.map((task) => (
              <li key={task.id}>
                <RunningTask task={task} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function RunningTask({ task }: { task: BoardTask }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const title = titleIn(i18n.language, task);
  return (
    <article className={`card${task.overdue > 0 ? " overdue" : ""}`} aria-labelledby={id}>
      <h4 id={id}>
        <Link to={taskPath(task.id)}>{title}</Link>
      </h4>
      <p className="meta">
        <strong>{t(`taskStatus.${task.status}`)}</strong> · <time dateTime={task.startedAt}>{seoulTime(task.startedAt, i18n.language)}</time>
        {task.overdue > 0 && (
          <>
            {" "}
            · <strong className="flag">{t("board.taskOverdue", { count: task.overdue })}</strong>
          </>
        )}
      </p>
      {task.assignments > 0 && (
        <p className="progress">
          <progress value={task.completed} max={task.assignments} aria-label={t("board.progressLabel", { title })} />{" "}
          <span>{t("board.progress", { done: task.completed, total: task.assignments })}</span>
        </p>
      )}
    </article>
  );
}

function OverdueByOrg({ overdue }: { overdue: BoardBody["overdue"] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="board-orgs">
      <h2 id="board-orgs">{t("board.byOrg")}</h2>
      {overdue.byOrg.length === 0 && <p>{t("board.noOverdue")}</p>}
      {overdue.byOrg.map((g) => (
        <section key={g.org} aria-labelledby={`org-${g.org}`} className="board-group">
          <h3 id={`org-${g.org}`}>{t("board.orgCount", { org: g.org, count: g.count })}</h3>
          <OverdueTable items={g.assignments} caption={t("board.orgCount", { org: g.org, count: g.count })} />
          {g.count > g.assignments.length && <p className="meta">{t("board.more", { shown: g.assignments.length })}</p>}
        </section>
      ))}
    </section>
  );
}

function OverdueTable({ items, caption }: { items: OverdueAssignment[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("board.task")}</th>
            <th scope="col">{t("board.assignment")}</th>
            <th scope="col">{t("board.due")}</th>
            <th scope="col">{t("board.late")}</th>
            <th scope="col">{t("board.status")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={taskPath(a.workflowId)}>{titleIn(i18n.language, a)}</Link>
              </td>
              <td>{taskIn(i18n.language, a)}</td>
              <td>
                <time dateTime={a.dueOn}>{a.dueOn}</time>
              </td>
              <td>{t("board.daysLate", { days: a.daysOverdue })}</td>
              <td>{t(`status.${a.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecentEvents({ events }: { events: BoardBody["recentEvents"] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="board-events">
      <h2 id="board-events">{t("board.events")}</h2>
      {events.length === 0 && <p>{t("board.noEvents")}</p>}
      <ol className="board-events">
        {events.map((e) => (
          <li key={`${e.source}/${e.id}`}>
            <time dateTime={e.time}>{seoulTime(e.time, i18n.language)}</time> · <span className="code">{e.type}</span> ·{" "}
            {t("board.eventBy", { source: e.source })} ·{" "}
            {e.workflowId ? (
              <Link to={taskPath(e.workflowId)}>{inLanguage(i18n.language, e.taskTitle ?? e.workflowId, e.taskTitleKo)}</Link>
            ) : (
              <span>{t("board.noTask")}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** HQ's way in without the overview: pick a country that has a mission. */
function CountryPicker() {
  const { t } = useTranslation();
  const id = useId();
  const [, setParams] = useSearchParams();
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: () => api<{ items: Org[] }>("GET", "/v1/orgs"), staleTime: 300_000 });
  const countries = [...new Set((orgs.data?.items ?? []).flatMap((o) => (o.kind === "MISSION" && o.country ? [o.country] : [])))].sort();
  const [choice, setChoice] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice) setParams({ country: choice });
  };
  if (!orgs.data) return <Status error={orgs.error} />;
  return (
    <form className="board-pick" onSubmit={submit}>
      <label htmlFor={id}>{t("board.countryPick")}</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">—</option>
        {countries.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <button type="submit" className="primary">
        {t("board.show")}
      </button>
    </form>
  );
}
