/**
 * Agency, ministry and mission staff's assignment inbox: open assignments as a list — soonest
 * due first (overdue ones first of all) unless asked otherwise, filtered by holder (mine, the
 * organisation's queue, all), kind, urgency and organisation, in pages of the API's cursors —
 * with one open beside it to act on: one takes an assignment from the queue, reports on it, and
 * gives it back.
 */
import type { AssignmentItem } from "@hub/contracts";
import { type AssignmentAction, isOpenAssignment, nextAssignmentStatus, parseWorkflowId, WORKFLOW_KINDS } from "@hub/contracts/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../api";
import { FilterSelect, InboxSplit, ListFilters, Pager } from "../components/Inbox";
import { OrgLabel, useOrgs } from "../components/OrgName";
import { listQuery, useCursorPages, useFilters } from "../inbox";
import { useLive } from "../live";
import { useMe } from "../me";
import { taskIn, titleIn } from "../texts";
import { dueIn } from "../time";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";

type Page = { items: AssignmentItem[]; nextCursor: string | null };

const HOLDERS = ["any", "me", "unclaimed"] as const;

const FILTERS = {
  holder: { values: HOLDERS, fallback: "any" },
  kind: { values: WORKFLOW_KINDS },
  urgency: { values: ["overdue", "soon"] },
  org: { values: [] as string[] },
  sort: { values: ["due", "newest"], fallback: "due" },
};

export function AssignmentInbox() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const orgs = useOrgs().data?.items ?? [];
  // A mission sees its country's assignments and HQ everyone's: they may narrow them to one
  // organisation. An office or a ministry sees its own.
  const seesAll = me?.role === "HQ_REVIEWER" || me?.role === "ADMIN";
  const seesCountry = me?.org.kind === "MISSION" && me.org.country;
  const choices = seesAll ? orgs : seesCountry ? orgs.filter((o) => o.country === me?.org.country) : [];
  const [filters, setFilter] = useFilters({ ...FILTERS, org: { values: choices.map((o) => o.code) } });
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useLive(["assignments", filters, pages.cursor ?? ""], () =>
    api<Page>("GET", `/v1/assignments?${listQuery({ status: "open" }, filters, pages.cursor)}`),
  );
  const items = (list.data?.items ?? []).filter((a) => isOpenAssignment(a.status));
  const [chosen, setChosen] = useState<string | null>(null);
  // What was open stays open while the list holds it; once done (it leaves the list), the first.
  const open = items.find((a) => a.id === chosen) ?? items[0];
  const detail = useRef<HTMLDivElement>(null);
  const choose = (id: string) => {
    setChosen(id);
    if (window.matchMedia("(max-width: 900px)").matches) detail.current?.scrollIntoView({ block: "start" });
  };
  const lang = i18n.language;
  return (
    <section aria-labelledby="assignments-title">
      <h1 id="assignments-title">{t("assignments.title")}</h1>
      <InboxSplit
        label={t("inbox.filters")}
        filters={
          <>
            <FilterSelect
              label={t("assignments.show")}
              value={filters.holder}
              onChange={(v) => setFilter("holder", v)}
              options={HOLDERS.map((h) => [h, t(`assignments.holders.${h}`)] as const)}
            />
            <ListFilters
              values={filters}
              onChange={setFilter}
              soon={t("inbox.soonDays")}
              orgLabel={t("inbox.org")}
              orgs={choices}
              orders={[
                ["due", t("inbox.dueFirst")],
                ["newest", t("inbox.newestFirst")],
              ]}
            />
          </>
        }
        list={
          <>
            {!list.data && <Status error={list.error} />}
            {list.data && items.length === 0 && <p>{t("assignments.empty")}</p>}
            {items.length > 0 && (
              <table className="inbox-table">
                <caption>{t("inbox.assignmentCaption", { page: pages.page })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("inbox.item")}</th>
                    <th scope="col" className="wide">
                      {t("inbox.kind")}
                    </th>
                    <th scope="col">{t("inbox.due")}</th>
                    {choices.length > 0 && (
                      <th scope="col" className="wide">
                        {t("inbox.org")}
                      </th>
                    )}
                    <th scope="col" className="wide">
                      {t("inbox.holder")}
                    </th>
                    <th scope="col">{t("inbox.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => {
                    const due = dueIn(t, a.dueOn);
                    const kind = parseWorkflowId(a.workflowId)?.kind;
                    return (
                      <tr key={a.id} className={`${open?.id === a.id ? "open" : ""}${due.overdue ? " overdue" : ""}`}>
                        <td>
                          <button type="button" className="row-open" aria-pressed={open?.id === a.id} onClick={() => choose(a.id)}>
                            {taskIn(lang, a)}
                          </button>
                          <span className="row-title">{titleIn(lang, a)}</span>
                          <span className="code row-id">{a.workflowId}</span>
                        </td>
                        <td className="wide">{kind ? t(`kind.${kind}`) : ""}</td>
                        <td>{due.overdue ? <strong className="flag">{due.text}</strong> : due.text}</td>
                        {choices.length > 0 && (
                          <td className="wide">
                            <OrgLabel code={a.org} />
                          </td>
                        )}
                        <td className="wide">{a.assignee ? (a.assignee.name ?? a.assignee.email) : t("inbox.nobody")}</td>
                        <td>{t(`status.${a.status}`)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <Pager page={pages.page} nextCursor={list.data?.nextCursor} onPrevious={pages.previous} onNext={pages.next} />
          </>
        }
        detail={<div ref={detail}>{open && <AssignmentCard key={open.id} assignment={open} />}</div>}
      />
    </section>
  );
}

type Body = Record<string, string>;
type Action = AssignmentAction | "claim" | "release";

function AssignmentCard({ assignment: a }: { assignment: AssignmentItem }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queries = useQueryClient();
  const me = useMe().data;
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ action, body }: { action: Action; body?: Body }) => api("POST", `/v1/assignments/${encodeURIComponent(a.id)}/${action}`, body),
    onSuccess: () => {
      setNote("");
      return queries.invalidateQueries({ queryKey: ["assignments"] });
    },
  });
  /** Runs an action, first checking what the form must hold for it (the API would refuse it with a 400 otherwise). */
  const run = (action: Action) => {
    setProblem(null);
    if (action === "claim" || action === "release") return act.mutate({ action });
    const text = note.trim();
    let body: Body | undefined;
    if (action !== "ack") {
      if (!text) return setProblem(t("assignments.needNote"));
      if (action === "complete" && a.outcomes && !outcome) return setProblem(t("assignments.needOutcome"));
      body = action === "progress" ? { note: text } : action === "decline" ? { reason: text } : { report: text, ...(outcome ? { outcome } : {}) };
    }
    act.mutate({ action, body });
  };
  const due = dueIn(t, a.dueOn);
  const can = (action: AssignmentAction) => nextAssignmentStatus(a.status, action) !== null;
  const buttons: [AssignmentAction, string][] = [
    ["ack", t("assignments.acknowledge")],
    ["progress", t("assignments.progress")],
    ["complete", t("assignments.complete")],
    ["decline", t("assignments.decline")],
  ];
  return (
    <article className={`card${due.overdue ? " overdue" : ""}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <Link to={taskPath(a.workflowId)}>{titleIn(i18n.language, a)}</Link>
      </h2>
      <p className="task">{taskIn(i18n.language, a)}</p>
      <p className="meta">
        <span className="code">{a.workflowId}</span> · <OrgLabel code={a.org} /> · <span>{t(`status.${a.status}`)}</span>
      </p>
      <p className="holder">{a.assignee ? t("assignments.heldBy", { name: a.assignee.name ?? a.assignee.email }) : t("assignments.unclaimed")}</p>
      <p className="deadline">
        {due.overdue && <strong className="flag">{t("assignments.overdue")} </strong>}
        <strong>{due.text}</strong> — {t("assignments.due")} {a.dueOn}
      </p>
      {(can("progress") || can("decline")) && (
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("assignments.note")}</label>
          <textarea id={`${id}-note`} aria-describedby={`${id}-hint`} value={note} maxLength={8000} onChange={(e) => setNote(e.target.value)} />
          <small id={`${id}-hint`}>{t("assignments.noteHint")}</small>
        </div>
      )}
      {a.outcomes && can("complete") && (
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t("assignments.outcome")}</label>
          <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{t("assignments.chooseOutcome")}</option>
            {a.outcomes.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="actions">
        {!a.assignee && (
          <button type="button" disabled={act.isPending} onClick={() => run("claim")}>
            {t("assignments.claim")}
          </button>
        )}
        {a.assignee && a.assignee.email === me?.email && (
          <button type="button" disabled={act.isPending} onClick={() => run("release")}>
            {t("assignments.release")}
          </button>
        )}
        {buttons
          .filter(([action]) => can(action))
          .map(([action, label]) => (
            <button
              key={action}
              type="button"
              className={action === "decline" ? "danger" : "primary"}
              disabled={act.isPending}
              onClick={() => run(action)}
            >
              {label}
            </button>
          ))}
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {act.error && <Status error={act.error} />}
    </article>
  );
}
