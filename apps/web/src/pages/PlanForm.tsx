/**
 * The editable part of a plan, shared by drafting (POST /v1/plans) and revising
 * (POST /v1/workflows/{id}/plan): each organisation's assignment, the informed organisations and
 * the budget. Checking is the API's: the form sends what was typed and shows each 400 issue next to
 * the field its path names, as the API's sentence (native validation is off so nothing is lost).
 */
import type { Org, Plan } from "@hub/contracts";
import { LIMITS } from "@hub/contracts/core";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api";

export interface DraftRow {
  key: string;
  org: string;
  task: string;
  dueOn: string;
  /** Kept from a revised plan: the form does not edit them, but dropping them would change the plan. */
  outcomes?: string[];
}
export interface PlanFields {
  assignments: DraftRow[];
  informed: string[];
  budget: string;
}

/** Problems by path relative to the plan ("assignments.0.org", "informed.1", "budgetKrw", "title"). */
export type Problems = ReadonlyMap<string, string>;

/** A 400's issues under `prefix` ("body." for a draft, "body.plan." for a revision), by relative path. */
export function problemsOf(error: unknown, prefix: string): Problems {
  if (!(error instanceof ApiError)) return new Map();
  return new Map(error.issues.filter((i) => i.path.startsWith(prefix)).map((i) => [i.path.slice(prefix.length), i.message]));
}

/** Digits (with optional thousands separators) become a number; anything else goes as typed for the API to refuse by name. */
function budgetOf(text: string): number | string | undefined {
  const s = text.trim();
  if (!s) return undefined;
  return /^\d[\d,]*$/.test(s) ? Number(s.replaceAll(",", "")) : s;
}

/** The fields as the API's Plan (keys included; a draft's keys are replaced by the API's own numbering). */
export function toPlan(f: PlanFields): Plan {
  const budget = budgetOf(f.budget);
  return {
    assignments: f.assignments.map((a) => ({
      key: a.key,
      org: a.org,
      task: a.task.trim(),
      dueOn: a.dueOn,
      ...(a.outcomes ? { outcomes: a.outcomes } : {}),
    })),
    ...(f.informed.length > 0 ? { informed: f.informed } : {}),
    ...(budget !== undefined ? { budgetKrw: budget as number } : {}),
  };
}

export const fromPlan = (p: Plan): PlanFields => ({
  assignments: p.assignments.map((a) => ({ ...a })),
  informed: [...(p.informed ?? [])],
  budget: p.budgetKrw !== undefined ? String(p.budgetKrw) : "",
});

/**
 * A key no row has, nor any of `reserved` (the previous version's, so a row removed and another
 * added read as removed + added in the API's diff, not as one changed row): assignment-N after the highest N.
 */
export function nextKey(keys: string[]): string {
  const top = Math.max(0, ...keys.map((k) => Number(/^assignment-(\d+)$/.exec(k)?.[1] ?? 0)));
  return `assignment-${top + 1}`;
}

export const addDays = (days: number, from = new Date()) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Who may take part in a country's plan: its own organisations and the ministries at home (the API has the last word). */
export function useCandidateOrgs(country: string | null) {
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: () => api<{ items: Org[] }>("GET", "/v1/orgs"), staleTime: 300_000 });
  return (orgs.data?.items ?? []).filter((o) => o.country === country || o.kind === "MINISTRY");
}

/** A field's problem, as a sentence that names the field; linked to it by aria-describedby. */
export function FieldProblem({ id, label, message }: { id: string; label: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-problem">
      {label}: {message}
    </p>
  );
}

/** aria attributes of a field that may carry a problem. */
export const problemProps = (id: string, message?: string) =>
  message ? { "aria-invalid": true as const, "aria-describedby": id } : ({} as Record<string, never>);

export function PlanFieldsEditor({
  value,
  onChange,
  orgs,
  problems,
  reservedKeys = [],
}: {
  value: PlanFields;
  onChange: (f: PlanFields) => void;
  orgs: Org[];
  problems: Problems;
  reservedKeys?: string[];
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const orgName = (o: Org) => `${o.code} — ${i18n.language === "ko" ? o.nameKo : o.nameEn}`;
  const setRow = (i: number, patch: Partial<DraftRow>) =>
    onChange({ ...value, assignments: value.assignments.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const toggleInformed = (code: string, on: boolean) =>
    onChange({ ...value, informed: on ? [...value.informed, code] : value.informed.filter((c) => c !== code) });
  const informedProblem = (code: string) => problems.get(`informed.${value.informed.indexOf(code)}`);
  return (
    <>
      <fieldset className="plan-rows">
        <legend>{t("plans.assignments")}</legend>
        <FieldProblem id={`${id}-rows`} label={t("plans.assignments")} message={problems.get("assignments")} />
        {value.assignments.map((r, i) => {
          const n = i + 1;
          const at = (f: string) => problems.get(`assignments.${i}.${f}`);
          const fid = (f: string) => `${id}-${r.key}-${f}`;
          // Orgs of the list, plus the row's own when it is not one of them (an old plan's, or a typo the API will name).
          const options = orgs.some((o) => o.code === r.org) || !r.org ? orgs : [...orgs, { code: r.org } as Org];
          return (
            <fieldset key={r.key} className="plan-row">
              <legend>{t("plans.assignment", { n })}</legend>
              <div className="field">
                <label htmlFor={fid("org")}>{t("plans.org")}</label>
                <select
                  id={fid("org")}
                  value={r.org}
                  onChange={(e) => setRow(i, { org: e.target.value })}
                  {...problemProps(`${fid("org")}-p`, at("org"))}
                >
                  <option value="">{t("plans.chooseOrg")}</option>
                  {options.map((o) => (
                    <option key={o.code} value={o.code}>
                      {o.nameKo ? orgName(o) : o.code}
                    </option>
                  ))}
                </select>
                <FieldProblem id={`${fid("org")}-p`} label={t("plans.org")} message={at("org")} />
              </div>
              <div className="field">
                <label htmlFor={fid("task")}>{t("plans.task")}</label>
                <textarea
                  id={fid("task")}
                  value={r.task}
                  maxLength={LIMITS.assignmentTask}
                  onChange={(e) => setRow(i, { task: e.target.value })}
                  {...problemProps(`${fid("task")}-p`, at("task"))}
                />
                <FieldProblem id={`${fid("task")}-p`} label={t("plans.task")} message={at("task")} />
              </div>
              <div className="field">
                <label htmlFor={fid("due")}>{t("plans.dueOn")}</label>
                <input
                  id={fid("due")}
                  type="date"
                  value={r.dueOn}
                  onChange={(e) => setRow(i, { dueOn: e.target.value })}
                  {...problemProps(`${fid("due")}-p`, at("dueOn"))}
                />
                <FieldProblem id={`${fid("due")}-p`} label={t("plans.dueOn")} message={at("dueOn")} />
              </div>
              <FieldProblem id={`${fid("key")}-p`} label={t("plans.assignment", { n })} message={at("key")} />
              <button type="button" onClick={() => onChange({ ...value, assignments: value.assignments.filter((_, j) => j !== i) })}>
                {t("plans.remove", { n })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() =>
            onChange({
              ...value,
              assignments: [
                ...value.assignments,
                { key: nextKey([...reservedKeys, ...value.assignments.map((r) => r.key)]), org: "", task: "", dueOn: addDays(14) },
              ],
            })
          }
        >
          {t("plans.add")}
        </button>
      </fieldset>
      <fieldset className="plan-informed" aria-describedby={`${id}-informed-hint`}>
        <legend>{t("plans.informed")}</legend>
        <small id={`${id}-informed-hint`}>{t("plans.informedHint")}</small>
        <ul className="checks">
          {orgs.map((o) => (
            <li key={o.code}>
              <label>
                <input
                  type="checkbox"
                  checked={value.informed.includes(o.code)}
                  onChange={(e) => toggleInformed(o.code, e.target.checked)}
                  {...problemProps(`${id}-inf-${o.code}`, informedProblem(o.code))}
                />{" "}
                {orgName(o)}
              </label>
              <FieldProblem id={`${id}-inf-${o.code}`} label={o.code} message={informedProblem(o.code)} />
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-budget`}>{t("plans.budget")}</label>
        <input
          id={`${id}-budget`}
          inputMode="numeric"
          value={value.budget}
          onChange={(e) => onChange({ ...value, budget: e.target.value })}
          aria-invalid={problems.has("budgetKrw") || undefined}
          aria-describedby={`${id}-budget-hint${problems.has("budgetKrw") ? ` ${id}-budget-p` : ""}`}
        />
        <small id={`${id}-budget-hint`}>{t("plans.budgetHint")}</small>
        <FieldProblem id={`${id}-budget-p`} label={t("plans.budget")} message={problems.get("budgetKrw")} />
      </div>
    </>
  );
}
