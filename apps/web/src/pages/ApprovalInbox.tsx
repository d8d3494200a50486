/** The head of mission's (and HQ's) approval inbox: pending decisions, most urgent first, each plan in full. */
import type { ApprovalDecision, ApprovalItem, Org } from "@hub/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../api";
import { useLive } from "../live";
import { titleIn } from "../texts";
import { krw, missionTime, seoulTime, timeLeft, useNow } from "../time";
import { PlanDiff, PlanTable } from "./PlanDiff";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";

const QUERY = ["approvals", "pending"];

export function ApprovalInbox() {
  const { t } = useTranslation();
  const list = useLive(QUERY, () => api<{ items: ApprovalItem[] }>("GET", "/v1/approvals?status=pending&limit=200"));
  const items = [...(list.data?.items ?? [])].sort((a, b) => Date.parse(a.decideBy) - Date.parse(b.decideBy));
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t("approvals.title")}</h1>
      {!list.data && <Status error={list.error} />}
      {list.data && items.length === 0 && <p>{t("approvals.empty")}</p>}
      <ol className="inbox">
        {items.map((a) => (
          <li key={a.id}>
            <ApprovalCard approval={a} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ApprovalCard({ approval: a }: { approval: ApprovalItem }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const now = useNow();
  const queries = useQueryClient();
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: () => api<{ items: Org[] }>("GET", "/v1/orgs"), staleTime: 300_000 });
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (decision: ApprovalDecision) =>
      api("POST", `/v1/approvals/${encodeURIComponent(a.id)}/decision`, { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["approvals"] }),
  });
  const left = timeLeft(t, a.decideBy, now);
  const lang = i18n.language;
  // The deciding mission's own clock (a consulate general's, not the embassy's); HQ's step: the country's.
  const decider = orgs.data?.items.find((o) => o.code === a.decider && o.kind === "MISSION");
  const local = missionTime(a.decideBy, lang, decider ?? { country: a.country });
  return (
    <article className={`card${left.overdue ? " overdue" : ""}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <Link to={taskPath(a.workflowId)}>{titleIn(lang, a)}</Link>
      </h2>
      <p className="meta">
        <span className="code">{a.workflowId}</span> · <span>{t(`kind.${a.kind}`)}</span> · <span>{a.country}</span> ·{" "}
        <span>{t("approvals.round", { round: a.round })}</span> · <span>{t("approvals.step", { step: a.step })}</span>
        {a.escalatedAt && <strong className="flag"> · {t("approvals.escalated")}</strong>}
      </p>
      <p className="deadline">
        <strong>{left.text}</strong> — {t("approvals.decideBy")} {local && `${local} (${t("time.local", { country: a.country })}) · `}
        {seoulTime(a.decideBy, lang)} ({t("time.seoul")})
      </p>
      <PlanTable plan={a.plan} caption={t("approvals.plan")} />
      <dl className="facts">
        <dt>{t("approvals.informed")}</dt>
        <dd>{a.plan.informed?.length ? a.plan.informed.join(", ") : t("approvals.none")}</dd>
        <dt>{t("approvals.budget")}</dt>
        <dd>{a.plan.budgetKrw !== undefined ? krw(a.plan.budgetKrw, lang) : t("approvals.none")}</dd>
      </dl>
      <PlanDiff workflowId={a.workflowId} round={a.round} />
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t("approvals.comment")}</label>
        <textarea id={`${id}-comment`} value={comment} maxLength={4000} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate("approve")}>
          {t("approvals.approve")}
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => decide.mutate("request_changes")}>
          {t("approvals.requestChanges")}
        </button>
        <button type="button" className="danger" disabled={decide.isPending} onClick={() => decide.mutate("reject")}>
          {t("approvals.reject")}
        </button>
      </div>
      {decide.error && <Status error={decide.error} />}
      {decide.isSuccess && <p role="status">{t("approvals.done")}</p>}
    </article>
  );
}
