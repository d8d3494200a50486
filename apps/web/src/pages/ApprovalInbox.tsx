/**
 * The head of mission's (and HQ's) approval inbox: pending decisions as a list with the
 * essentials — most urgent first unless asked otherwise, filtered by kind, urgency and (for HQ)
 * mission, in pages of the API's cursors — and one plan open in full beside it.
 */
import type { ApprovalDecision, ApprovalItem } from "@hub/contracts";
import { WORKFLOW_KINDS } from "@hub/contracts/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../api";
import { InboxSplit, ListFilters, Pager } from "../components/Inbox";
import { OrgLabel, OrgLabels, useOrgs } from "../components/OrgName";
import { listQuery, useCursorPages, useFilters } from "../inbox";
import { useLive } from "../live";
import { useMe } from "../me";
import { titleIn } from "../texts";
import { krw, missionTime, seoulTime, timeLeft, useNow } from "../time";
import { PlanDiff, PlanTable } from "./PlanDiff";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";

type Page = { items: ApprovalItem[]; nextCursor: string | null };

const FILTERS = {
  kind: { values: WORKFLOW_KINDS },
  urgency: { values: ["overdue", "soon"] },
  org: { values: [] as string[] },
  sort: { values: ["urgent", "newest"], fallback: "urgent" },
};

export function ApprovalInbox() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const orgs = useOrgs().data?.items ?? [];
  // HQ sees every mission's plans, and may narrow them to one mission; a head sees their own.
  const seesAll = me?.role === "HQ_REVIEWER" || me?.role === "ADMIN";
  const missions = seesAll ? orgs.filter((o) => o.kind === "MISSION") : [];
  const [filters, setFilter] = useFilters({ ...FILTERS, org: { values: missions.map((o) => o.code) } });
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useLive(["approvals", "pending", filters, pages.cursor ?? ""], () =>
    api<Page>("GET", `/v1/approvals?${listQuery({ status: "pending" }, filters, pages.cursor)}`),
  );
  const items = list.data?.items ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const open = chosen ?? items[0]?.id ?? null;
  const detail = useRef<HTMLDivElement>(null);
  const choose = (id: string) => {
    setChosen(id);
    // On a phone the plan opens below the list: bring it into view.
    if (window.matchMedia("(max-width: 900px)").matches) detail.current?.scrollIntoView({ block: "start" });
  };
  const now = useNow();
  const lang = i18n.language;
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t("approvals.title")}</h1>
      <InboxSplit
        label={t("inbox.filters")}
        filters={
          <ListFilters
            values={filters}
            onChange={setFilter}
            soon={t("inbox.soonDay")}
            orgLabel={t("inbox.mission")}
            orgs={missions}
            orders={[
              ["urgent", t("inbox.urgentFirst")],
              ["newest", t("inbox.newestFirst")],
            ]}
          />
        }
        list={
          <>
            {!list.data && <Status error={list.error} />}
            {list.data && items.length === 0 && <p>{t("approvals.empty")}</p>}
            {items.length > 0 && (
              <table className="inbox-table">
                <caption>{t("inbox.pendingCaption", { page: pages.page })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("inbox.item")}</th>
                    <th scope="col" className="wide">
                      {t("inbox.kind")}
                    </th>
                    <th scope="col">{t("inbox.timeLeft")}</th>
                    {seesAll && (
                      <th scope="col" className="wide">
                        {t("inbox.mission")}
                      </th>
                    )}
                    <th scope="col" className="wide">
                      {t("inbox.round")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => {
                    const left = timeLeft(t, a.decideBy, now);
                    return (
                      <tr key={a.id} className={`${open === a.id ? "open" : ""}${left.overdue ? " overdue" : ""}`}>
                        <td>
                          <button type="button" className="row-open" aria-pressed={open === a.id} onClick={() => choose(a.id)}>
                            {titleIn(lang, a)}
                          </button>
                          <span className="code row-id">{a.workflowId}</span>
                        </td>
                        <td className="wide">{t(`kind.${a.kind}`)}</td>
                        <td>{left.overdue ? <strong className="flag">{left.text}</strong> : left.text}</td>
                        {seesAll && (
                          <td className="wide">
                            <OrgLabel code={a.mission} />
                          </td>
                        )}
                        <td className="wide">
                          {t("approvals.round", { round: a.round })}
                          {a.step > 1 && ` · ${t("approvals.step", { step: a.step })}`}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <Pager page={pages.page} nextCursor={list.data?.nextCursor} onPrevious={pages.previous} onNext={pages.next} />
          </>
        }
        detail={<div ref={detail}>{open && <ApprovalDetail id={open} />}</div>}
      />
    </section>
  );
}

/** The open approval, read on its own (so a decision just made shows as made, not as a stale card). */
function ApprovalDetail({ id }: { id: string }) {
  const one = useLive(["approvals", "one", id], () => api<ApprovalItem>("GET", `/v1/approvals/${encodeURIComponent(id)}`));
  if (!one.data) return <Status error={one.error} />;
  return <ApprovalCard key={id} approval={one.data} />;
}

function ApprovalCard({ approval: a }: { approval: ApprovalItem }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const now = useNow();
  const queries = useQueryClient();
  const orgs = useOrgs();
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
        <dd>{a.plan.informed?.length ? <OrgLabels codes={a.plan.informed} /> : t("approvals.none")}</dd>
        <dt>{t("approvals.budget")}</dt>
        <dd>{a.plan.budgetKrw !== undefined ? krw(a.plan.budgetKrw, lang) : t("approvals.none")}</dd>
      </dl>
      <PlanDiff workflowId={a.workflowId} round={a.round} />
      {a.status === "pending" ? (
        <>
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
        </>
      ) : (
        <p role="status">{t("approvals.done")}</p>
      )}
      {decide.error && <Status error={decide.error} />}
    </article>
  );
}
