/**
 * Mission staff (and the head) draft a plan of their own mission: pick a template
 * (GET /v1/plan-templates?country=), edit each organisation's assignment, the informed
 * organisations and the budget, and submit it (POST /v1/plans) for the head's approval. Plans the
 * head sent back are listed above, each linking to its task page, where the revise form is.
 */
import type { WorkflowItem } from "@hub/contracts";
import { LIMITS } from "@hub/contracts/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../api";
import { useLive } from "../live";
import { useMe } from "../me";
import { titleIn } from "../texts";
import { addDays, FieldProblem, type PlanFields, PlanFieldsEditor, problemProps, problemsOf, toPlan, useCandidateOrgs } from "./PlanForm";
import { Status } from "./Status";
import { taskPath } from "./TaskPage";

interface Template {
  kind: string;
  title: string;
  assignments: { key: string; org: string | null; task: string; dueInDays: number }[];
}

/** A template's parts as editable rows, due from today (a template counting back from a later date starts tomorrow). */
const fromTemplate = (tpl: Template): PlanFields => ({
  assignments: tpl.assignments.map((a, i) => ({
    key: `assignment-${i + 1}`,
    org: a.org ?? "",
    task: a.task,
    dueOn: addDays(Math.max(1, a.dueInDays)),
  })),
  informed: [],
  budget: "",
});

/** A fresh reference per form: the same form submitted twice is one plan (the API answers "duplicate"). */
const newRef = (country: string) => `${country}-PLAN-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

export function PlanDraft() {
  const { t } = useTranslation();
  const country = useMe().data?.org.country ?? null;
  return (
    <section aria-labelledby="plan-draft-title">
      <h1 id="plan-draft-title">{t("plans.title")}</h1>
      <p>{t("plans.intro")}</p>
      {country && <SentBack country={country} />}
      {country && <DraftForm country={country} />}
    </section>
  );
}

/** The mission's tasks waiting for a revised plan. */
function SentBack({ country }: { country: string }) {
  const { t, i18n } = useTranslation();
  const list = useLive(["workflows", "changes_requested", country], () =>
    api<{ items: WorkflowItem[] }>("GET", `/v1/workflows?status=changes_requested&country=${encodeURIComponent(country)}&limit=50`),
  );
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <nav aria-labelledby="sent-back-title">
      <h2 id="sent-back-title">{t("plans.sentBack")}</h2>
      <ul>
        {items.map((w) => (
          <li key={w.id}>
            <Link to={taskPath(w.id)}>{titleIn(i18n.language, w)}</Link> <span className="code">{w.id}</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function DraftForm({ country }: { country: string }) {
  const { t } = useTranslation();
  const id = useId();
  const orgs = useCandidateOrgs(country);
  const templates = useQuery({
    queryKey: ["plan-templates", country],
    queryFn: () => api<{ items: Template[] }>("GET", `/v1/plan-templates?country=${encodeURIComponent(country)}`),
    staleTime: 300_000,
  });
  const [kind, setKind] = useState("");
  const [ref, setRef] = useState(() => newRef(country));
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [fields, setFields] = useState<PlanFields | null>(null);
  const submit = useMutation({
    mutationFn: (f: PlanFields) => {
      const { assignments, ...rest } = toPlan(f);
      const body = {
        country,
        planRef: ref,
        title: title.trim(),
        summary: summary.trim(),
        assignments: assignments.map(({ org, task, dueOn }) => ({ org, task, dueOn })),
        ...rest,
      };
      return api<{ workflowId: string; status: "accepted" | "duplicate" }>("POST", "/v1/plans", body);
    },
  });
  const problems = problemsOf(submit.error, "body.");
  const pick = (k: string) => {
    setKind(k);
    const tpl = templates.data?.items.find((x) => x.kind === k);
    setFields(tpl ? fromTemplate(tpl) : null);
    setRef(newRef(country));
    submit.reset();
  };
  if (submit.isSuccess) {
    return (
      <div role="status" className="done">
        <p>{t("plans.submitted")}</p>
        <p>
          <Link to={taskPath(submit.data.workflowId)}>{t("plans.open")}</Link> <span className="code">{submit.data.workflowId}</span>
        </p>
      </div>
    );
  }
  const text = (name: "title" | "summary", value: string, set: (s: string) => void, multi: boolean) => {
    const fid = `${id}-${name}`;
    const label = t(name === "title" ? "plans.planTitle" : "plans.summary");
    const props = {
      id: fid,
      value,
      onChange: (e: { target: { value: string } }) => set(e.target.value),
      ...problemProps(`${fid}-p`, problems.get(name)),
    };
    return (
      <div className="field">
        <label htmlFor={fid}>{label}</label>
        {multi ? <textarea {...props} maxLength={LIMITS.summary} /> : <input {...props} maxLength={LIMITS.name} />}
        <FieldProblem id={`${fid}-p`} label={label} message={problems.get(name)} />
      </div>
    );
  };
  return (
    <form
      className="card plan-form"
      noValidate
      aria-label={t("plans.title")}
      onSubmit={(e) => {
        e.preventDefault();
        if (fields) submit.mutate(fields);
      }}
    >
      {!templates.data && <Status error={templates.error} />}
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("plans.template")}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => pick(e.target.value)}>
          <option value="">{t("plans.chooseTemplate")}</option>
          {templates.data?.items.map((tpl) => (
            <option key={tpl.kind} value={tpl.kind}>
              {t(`kind.${tpl.kind}`)}
            </option>
          ))}
        </select>
      </div>
      {fields && (
        <>
          <p className="meta">
            {t("plans.ref")}: <span className="code">{ref}</span>
          </p>
          {text("title", title, setTitle, false)}
          {text("summary", summary, setSummary, true)}
          <PlanFieldsEditor value={fields} onChange={setFields} orgs={orgs} problems={problems} />
          {submit.error && (
            <div role="alert" className="error">
              {problems.size > 0 && <p>{t("plans.fix")}</p>}
              <p>{submit.error.message}</p>
            </div>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={submit.isPending}>
              {t("plans.submit")}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
