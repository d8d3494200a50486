/**
 * Agency, ministry and mission staff's assignment inbox: open assignments, soonest due first, overdue
 * highlighted; each item under its task's title as written (the API lists it with the assignment),
 * with who holds it: one takes an assignment from the organisation's queue, and gives it back.
 */
import type { AssignmentItem } from "@hub/contracts";
import { type AssignmentAction, isOpenAssignment, nextAssignmentStatus } from "@hub/contracts/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../api";
import { OrgLabel } from "../components/OrgName";
import { useLive } from "../live";
import { useMe } from "../me";
import { taskIn, titleIn } from "../texts";
import { dueIn } from "../time";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";

const HOLDERS = ["any", "me", "unclaimed"] as const;
type Holder = (typeof HOLDERS)[number];

export function AssignmentInbox() {
  const { t } = useTranslation();
  const id = useId();
  const [holder, setHolder] = useState<Holder>("any");
  const list = useLive(["assignments", holder], () => api<{ items: AssignmentItem[] }>("GET", `/v1/assignments?limit=200&holder=${holder}`));
  const open = (list.data?.items ?? []).filter((a) => isOpenAssignment(a.status)).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <section aria-labelledby="assignments-title">
      <h1 id="assignments-title">{t("assignments.title")}</h1>
      <div className="field">
        <label htmlFor={`${id}-holder`}>{t("assignments.show")}</label>
        <select id={`${id}-holder`} value={holder} onChange={(e) => setHolder(e.target.value as Holder)}>
          {HOLDERS.map((h) => (
            <option key={h} value={h}>
              {t(`assignments.holders.${h}`)}
            </option>
          ))}
        </select>
      </div>
      {!list.data && <Status error={list.error} />}
      {list.data && open.length === 0 && <p>{t("assignments.empty")}</p>}
      <ol className="inbox">
        {open.map((a) => (
          <li key={a.id}>
            <AssignmentCard assignment={a} />
          </li>
        ))}
      </ol>
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
