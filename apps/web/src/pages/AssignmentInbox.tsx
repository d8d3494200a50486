/** Agency, ministry and mission staff's assignment inbox: open assignments, soonest due first, overdue highlighted. */
import type { AssignmentItem, WorkflowItem } from "@hub/contracts";
import { type AssignmentAction, isOpenAssignment, nextAssignmentStatus } from "@hub/contracts/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../api";
import { useLive } from "../live";
import { dueIn } from "../time";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";

export function AssignmentInbox() {
  const { t } = useTranslation();
  const list = useLive(["assignments"], () => api<{ items: AssignmentItem[] }>("GET", "/v1/assignments?limit=200"));
  const titles = useTaskTitles();
  const open = (list.data?.items ?? []).filter((a) => isOpenAssignment(a.status)).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <section aria-labelledby="assignments-title">
      <h1 id="assignments-title">{t("assignments.title")}</h1>
      {!list.data && <Status error={list.error} />}
      {list.data && open.length === 0 && <p>{t("assignments.empty")}</p>}
      <ol className="inbox">
        {open.map((a) => (
          <li key={a.id}>
            <AssignmentCard assignment={a} titles={titles} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Task titles for the inbox. Assignments carry their task's id, not its title, so the titles come
 * from one page of the caller's newest tasks, and only a task missing from it is read by itself.
 * (Better: the assignments list carrying the title; see the README's notes.)
 */
function useTaskTitles() {
  return useQuery({
    queryKey: ["workflows", "titles"],
    queryFn: async () => new Map((await api<{ items: WorkflowItem[] }>("GET", "/v1/workflows?limit=200")).items.map((w) => [w.id, w.title])),
    staleTime: 30_000,
  });
}

function useTaskTitle(workflowId: string, titles: ReturnType<typeof useTaskTitles>) {
  const known = titles.data?.get(workflowId);
  const own = useQuery({
    queryKey: ["workflow", workflowId],
    queryFn: () => api<WorkflowItem>("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`),
    staleTime: 60_000,
    enabled: titles.isFetched && known === undefined,
  });
  return known ?? own.data?.title;
}

type Body = Record<string, string>;

function AssignmentCard({ assignment: a, titles }: { assignment: AssignmentItem; titles: ReturnType<typeof useTaskTitles> }) {
  const { t } = useTranslation();
  const id = useId();
  const queries = useQueryClient();
  const title = useTaskTitle(a.workflowId, titles);
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ action, body }: { action: AssignmentAction; body?: Body }) =>
      api("POST", `/v1/assignments/${encodeURIComponent(a.id)}/${action}`, body),
    onSuccess: () => {
      setNote("");
      return queries.invalidateQueries({ queryKey: ["assignments"] });
    },
  });
  /** Runs an action, first checking what the form must hold for it (the API would refuse it with a 400 otherwise). */
  const run = (action: AssignmentAction) => {
    setProblem(null);
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
        <Link to={taskPath(a.workflowId)}>{title ?? a.workflowId}</Link>
      </h2>
      <p className="task">{a.task}</p>
      <p className="meta">
        <span className="code">{a.workflowId}</span> · <span>{a.org}</span> · <span>{t(`status.${a.status}`)}</span>
      </p>
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
