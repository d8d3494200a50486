/**
 * A task's history as a timeline: each moment marked by its category (event, plan, decision,
 * assignment, reminder, escalation, cancel, close), who did it and on whose behalf, and what they
 * wrote. Also the two ways to take it away: a CSV file built here from the same entries, and the
 * browser's print (print.css keeps only the task and its timeline).
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { download, toCsv } from "../csv";
import { actionLabel, categoryOf, factsOf, type History, type HistoryEntry, noteOf } from "../history";
import { seoulTime } from "../time";
import "../hq.css";

/** A file name any system accepts, from the workflow id (which holds colons). */
export const csvFileName = (workflowId: string) => `${workflowId.replace(/[^A-Za-z0-9._-]+/g, "_")}-history.csv`;

export function Timeline({ history }: { history: History }) {
  const { t, i18n } = useTranslation();
  const [exported, setExported] = useState<string | null>(null);
  const exportCsv = () => {
    const file = csvFileName(history.workflowId);
    download(file, historyCsv(t, i18n.language, history.entries));
    setExported(file);
  };
  return (
    <>
      <div className="actions no-print">
        <button type="button" onClick={exportCsv}>
          {t("timeline.csv")}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t("timeline.printNow")}
        </button>
      </div>
      <p role="status" className="no-print">
        {exported && t("timeline.exported", { file: exported })}
      </p>
      <p className="print-only">{t("timeline.printedAt", { at: seoulTime(new Date().toISOString(), i18n.language) })}</p>
      <ol className="history timeline" aria-label={t("timeline.label")}>
        {history.entries.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and never reorder
          <TimelineItem key={i} entry={e} />
        ))}
      </ol>
    </>
  );
}

function TimelineItem({ entry: e }: { entry: HistoryEntry }) {
  const { t, i18n } = useTranslation();
  const category = categoryOf(e.action);
  const note = noteOf(e);
  const facts = factsOf(e);
  return (
    <li className={`tl tl-${category}`}>
      <div className="tl-head">
        <span className="tl-cat">{t(`timeline.category.${category}`)}</span> <strong>{actionLabel(t, e.action)}</strong>{" "}
        <time dateTime={e.at}>{seoulTime(e.at, i18n.language)}</time>
      </div>
      <div className="tl-who">
        {e.actor ? t("timeline.by", { who: e.actor.email, org: e.actor.org }) : t("timeline.system")}
        {e.actor?.onBehalfOf && ` ${t("task.onBehalfOf", { head: e.actor.onBehalfOf })}`}
      </div>
      {facts.length > 0 && (
        <dl className="tl-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{t(`timeline.detail.${k}`)}</dt>
              <dd>{k === "decideBy" ? seoulTime(v, i18n.language) : v}</dd>
            </div>
          ))}
        </dl>
      )}
      {note && <blockquote className="tl-note">{note}</blockquote>}
    </li>
  );
}

/** The history as CSV: one row per entry, in the language shown, with the raw code and detail for machines. */
function historyCsv(t: ReturnType<typeof useTranslation>["t"], lang: string, entries: HistoryEntry[]): string {
  const header = ["at", "seoul", "category", "action", "code", "actor", "org", "onBehalfOf", "note", "detail"].map((k) => t(`csv.${k}`));
  const rows = entries.map((e) => [
    { value: e.at },
    { value: seoulTime(e.at, lang) },
    { value: t(`timeline.category.${categoryOf(e.action)}`) },
    { value: actionLabel(t, e.action) },
    { value: e.action },
    { value: e.actor?.email ?? "" },
    { value: e.actor?.org ?? "" },
    { value: e.actor?.onBehalfOf ?? "" },
    { value: noteOf(e) ?? "", guard: true },
    { value: e.detail === undefined ? "" : JSON.stringify(e.detail), guard: true },
  ]);
  return toCsv(header, rows);
}
