/**
 * An administrator's changes to one person: move to a new posting, end the current posting,
 * deactivate (or reactivate). Each form first asks the route with `?dryRun=true` and shows what
 * would change (DryRunConfirm); only Apply sends it for real.
 */
import type { DirectoryImportResult, PersonDetail, Role } from "@hub/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { plusDays, rolesFor, todayUtc } from "../../directory";
import { summaryText } from "./ChangeList";
import { DryRunConfirm } from "./DryRun";
import { directoryProblem, useOrgs } from "./shared";

type Edit = { title: string; method: string; path: string; body: unknown };
const withDryRun = (path: string, dryRun: boolean) => `${path}?dryRun=${dryRun}`;

export function PersonActions({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ edit: Edit; plan: DirectoryImportResult } | null>(null);
  const check = useMutation({
    mutationFn: async (edit: Edit) => ({ edit, plan: await api<DirectoryImportResult>(edit.method, withDryRun(edit.path, true), edit.body) }),
    onSuccess: (r) => setAsking(r),
  });
  const ask = (edit: Edit) => {
    setDone(null);
    check.mutate(edit);
  };
  const applied = (r: DirectoryImportResult) => {
    setAsking(null);
    setDone(t("dir.confirm.applied", { summary: summaryText(t, r) }));
    void queries.invalidateQueries({ queryKey: ["directory"] });
  };
  const base = `/v1/admin/people/${encodeURIComponent(person.id)}`;
  return (
    <section aria-labelledby="person-actions" className="dir-actions">
      <h2 id="person-actions">{t("dir.person.actions")}</h2>
      {asking ? (
        <DryRunConfirm
          title={asking.edit.title}
          plan={asking.plan}
          apply={() => api<DirectoryImportResult>(asking.edit.method, withDryRun(asking.edit.path, false), asking.edit.body)}
          onApplied={applied}
          onCancel={() => setAsking(null)}
        />
      ) : (
        <>
          <MoveForm onAsk={(body) => ask({ title: t("dir.person.move"), method: "POST", path: `${base}/postings`, body })} busy={check.isPending} />
          {person.current && (
            <EndForm
              onAsk={(body) => ask({ title: t("dir.person.end"), method: "POST", path: `${base}/postings/end`, body })}
              busy={check.isPending}
            />
          )}
          <ActiveForm
            active={person.active}
            onAsk={(body) =>
              ask({ title: person.active ? t("dir.person.deactivate") : t("dir.person.reactivate"), method: "PATCH", path: base, body })
            }
            busy={check.isPending}
          />
        </>
      )}
      {check.error && !asking && (
        <p role="alert" className="error">
          {directoryProblem(t, check.error)}
        </p>
      )}
      {done && <p role="status">{done}</p>}
    </section>
  );
}

function MoveForm({ onAsk, busy }: { onAsk: (body: { org: string; role: Role; from: string }) => void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const orgs = useOrgs();
  const [org, setOrg] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [from, setFrom] = useState(todayUtc);
  const [problem, setProblem] = useState<string | null>(null);
  const kind = orgs.data?.items.find((o) => o.code === org)?.kind;
  const roles = kind ? rolesFor(kind) : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!org) return setProblem(t("dir.person.needOrg"));
    setProblem(null);
    onAsk({ org, role: role && roles.includes(role) ? role : (roles[roles.length - 1] ?? "AGENCY_STAFF"), from });
  };
  return (
    <form aria-labelledby="move-title" onSubmit={submit} noValidate className="dir-form">
      <h3 id="move-title">{t("dir.person.move")}</h3>
      <div className="field">
        <label htmlFor="move-org">{t("dir.person.moveOrg")}</label>
        <select id="move-org" value={org} onChange={(e) => setOrg(e.target.value)}>
          <option value="">{t("dir.person.chooseOrg")}</option>
          {orgs.data?.items
            .filter((o) => !o.closed)
            .map((o) => (
              <option key={o.code} value={o.code}>
                {o.code} · {i18n.language === "ko" ? o.nameKo : o.nameEn}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="move-role">{t("dir.person.moveRole")}</label>
        <select
          id="move-role"
          value={role && roles.includes(role) ? role : (roles[roles.length - 1] ?? "")}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="move-from">{t("dir.person.moveFrom")}</label>
        <input id="move-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("dir.confirm.check")}
        </button>
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </form>
  );
}

function EndForm({ onAsk, busy }: { onAsk: (body: { until: string }) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [until, setUntil] = useState(() => plusDays(todayUtc(), -1));
  return (
    <form
      aria-labelledby="end-title"
      className="dir-form"
      onSubmit={(e) => {
        e.preventDefault();
        onAsk({ until });
      }}
    >
      <h3 id="end-title">{t("dir.person.end")}</h3>
      <div className="field">
        <label htmlFor="end-until">{t("dir.person.endUntil")}</label>
        <input id="end-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("dir.confirm.check")}
        </button>
      </div>
    </form>
  );
}

function ActiveForm({ active, onAsk, busy }: { active: boolean; onAsk: (body: { active: boolean }) => void; busy: boolean }) {
  const { t } = useTranslation();
  const title = active ? t("dir.person.deactivate") : t("dir.person.reactivate");
  return (
    <form
      aria-labelledby="active-title"
      className="dir-form"
      onSubmit={(e) => {
        e.preventDefault();
        onAsk({ active: !active });
      }}
    >
      <h3 id="active-title">{title}</h3>
      {active && <p>{t("dir.person.deactivateHint")}</p>}
      <div className="actions">
        <button type="submit" className={active ? "danger" : undefined} disabled={busy}>
          {t("dir.confirm.check")}
        </button>
      </div>
    </form>
  );
}
