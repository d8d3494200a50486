/**
 * What a resubmitted plan changed, for the head deciding a later round: the history's plan.revised
 * diff (assignments added, removed, changed by key), budget and informed organisations compared
 * between the two versions, and the earlier versions themselves (GET /v1/workflows/{id}). Each
 * change is named in words and marked with <ins>/<del>, so colour is never the only sign.
 */
import type { Plan, PlanAssignment, PlanVersion } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { OrgLabel, OrgLabels } from "../components/OrgName";
import { taskIn } from "../texts";
import { krw, seoulTime } from "../time";

interface Revision {
  comment: string | null;
  diff: {
    added: PlanAssignment[];
    removed: PlanAssignment[];
    changed: { key: string; before: PlanAssignment; after: PlanAssignment; fields: string[] }[];
  };
}
type History = { entries: { action: string; detail: unknown }[] };

const COLUMNS = ["org", "task", "dueOn"] as const;

/** A diff cell as people read it: an organisation by name, the rest as written. */
const cellOf = (field: (typeof COLUMNS)[number], value: string) => (field === "org" ? <OrgLabel code={value} /> : value);

/** One version's assignments as a table (the approval card's plan, and each earlier version). */
export function PlanTable({ plan, caption }: { plan: Plan; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("approvals.org")}</th>
            <th scope="col">{t("approvals.task")}</th>
            <th scope="col">{t("approvals.due")}</th>
          </tr>
        </thead>
        <tbody>
          {plan.assignments.map((p) => (
            <tr key={p.key}>
              <td>
                <OrgLabel code={p.org} />
              </td>
              <td>{taskIn(i18n.language, p)}</td>
              <td>{p.dueOn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A value before and after, both in words for screen readers (ins/del are not announced everywhere). */
function Changed({ before, after }: { before: ReactNode; after: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <del>
        <span className="visually-hidden">{t("planDiff.before")}: </span>
        {before}
      </del>{" "}
      →{" "}
      <ins>
        <span className="visually-hidden">{t("planDiff.after")}: </span>
        {after}
      </ins>
    </>
  );
}

export function PlanDiff({ workflowId, round }: { workflowId: string; round: number }) {
  const path = `/v1/workflows/${encodeURIComponent(workflowId)}`;
  const later = round > 1;
  const task = useQuery({ queryKey: ["workflow", workflowId], queryFn: () => api<{ versions: PlanVersion[] }>("GET", path), enabled: later });
  const history = useQuery({ queryKey: ["workflow", workflowId, "history"], queryFn: () => api<History>("GET", `${path}/history`), enabled: later });
  if (!later || !task.data || !history.data) return null;
  const revisions = history.data.entries.filter((e) => e.action === "plan.revised").map((e) => e.detail as Revision);
  // The revision that opened this round is the (round - 1)th; an older task may lack it: then the versions alone.
  const revision = revisions[round - 2];
  const before = task.data.versions.find((v) => v.round === round - 1);
  const after = task.data.versions.find((v) => v.round === round);
  return (
    <DiffView
      round={round}
      revision={revision}
      before={before?.plan}
      after={after?.plan}
      earlier={task.data.versions.filter((v) => v.round < round)}
    />
  );
}

function DiffView({
  round,
  revision,
  before,
  after,
  earlier,
}: {
  round: number;
  revision?: Revision;
  before?: Plan;
  after?: Plan;
  earlier: PlanVersion[];
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const d = revision?.diff;
  const rows = d ? d.added.length + d.removed.length + d.changed.length : 0;
  const badge = (kind: "added" | "removed" | "changed") => <span className={`diff-badge diff-${kind}`}>{t(`planDiff.${kind}`)}</span>;
  const money = (n?: number) => (n === undefined ? t("approvals.none") : krw(n, lang));
  const list = (xs?: string[]) => (xs?.length ? xs.join(", ") : t("approvals.none"));
  const orgsOrNone = (xs?: string[]) => (xs?.length ? <OrgLabels codes={xs} /> : t("approvals.none"));
  return (
    <section className="plan-diff" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("planDiff.title", { from: round - 1 })}</h3>
      {revision?.comment && (
        <p>
          <strong>{t("planDiff.note")}:</strong> {revision.comment}
        </p>
      )}
      {d && rows === 0 && <p>{t("planDiff.none")}</p>}
      {d && rows > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("planDiff.change")}</th>
                <th scope="col">{t("approvals.org")}</th>
                <th scope="col">{t("approvals.task")}</th>
                <th scope="col">{t("approvals.due")}</th>
              </tr>
            </thead>
            <tbody>
              {d.added.map((a) => (
                <tr key={`+${a.key}`} className="diff-added">
                  <td>{badge("added")}</td>
                  {COLUMNS.map((c) => (
                    <td key={c}>
                      <ins>{cellOf(c, a[c])}</ins>
                    </td>
                  ))}
                </tr>
              ))}
              {d.changed.map((c) => (
                <tr key={`~${c.key}`} className="diff-changed">
                  <td>{badge("changed")}</td>
                  {COLUMNS.map((f) => (
                    <td key={f}>
                      {c.fields.includes(f) ? <Changed before={cellOf(f, c.before[f])} after={cellOf(f, c.after[f])} /> : cellOf(f, c.after[f])}
                    </td>
                  ))}
                </tr>
              ))}
              {d.removed.map((a) => (
                <tr key={`-${a.key}`} className="diff-removed">
                  <td>{badge("removed")}</td>
                  {COLUMNS.map((c) => (
                    <td key={c}>
                      <del>{cellOf(c, a[c])}</del>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {before && after && (before.budgetKrw !== after.budgetKrw || list(before.informed) !== list(after.informed)) && (
        <dl className="facts">
          {before.budgetKrw !== after.budgetKrw && (
            <>
              <dt>
                {badge("changed")} {t("planDiff.budget")}
              </dt>
              <dd>
                <Changed before={money(before.budgetKrw)} after={money(after.budgetKrw)} />
              </dd>
            </>
          )}
          {list(before.informed) !== list(after.informed) && (
            <>
              <dt>
                {badge("changed")} {t("planDiff.informed")}
              </dt>
              <dd>
                <Changed before={orgsOrNone(before.informed)} after={orgsOrNone(after.informed)} />
              </dd>
            </>
          )}
        </dl>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>{t("planDiff.earlier")}</summary>
          {earlier.map((v) => (
            <PlanTable
              key={v.round}
              plan={v.plan}
              caption={t("planDiff.version", { round: v.round, who: v.submittedBy?.email ?? "—", at: seoulTime(v.at, lang) })}
            />
          ))}
        </details>
      )}
    </section>
  );
}
