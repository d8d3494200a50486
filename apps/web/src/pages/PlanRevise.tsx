/**
 * On a task the head sent back (changes_requested), the mission's head and staff revise the plan:
 * the form starts from the current version and goes to POST /v1/workflows/{id}/plan, which opens
 * the next approval round. Anyone else sees nothing here (the API would refuse them anyway).
 */
import type { PlanVersion } from "@hub/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useMe } from "../me";
import { fromPlan, type PlanFields, PlanFieldsEditor, problemsOf, toPlan, useCandidateOrgs } from "./PlanForm";

interface Revisable {
  id: string;
  country: string;
  status: string;
  mission: string | null;
  versions: PlanVersion[];
}

/** Reads the task through the task page's own query (same key: one request, one cache entry). */
export function PlanRevise({ workflowId }: { workflowId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  // Kept here, not in the form: once resubmitted the task leaves changes_requested and the form goes.
  const [sent, setSent] = useState(false);
  const task = useQuery({
    queryKey: ["workflow", workflowId],
    queryFn: () => api<Revisable>("GET", `/v1/workflows/${encodeURIComponent(workflowId)}`),
  }).data;
  if (sent) return <p role="status">{t("plans.resubmitted")}</p>;
  if (!task) return null;
  const current = task.versions.at(-1);
  const mayRevise = me && (me.role === "MISSION_STAFF" || me.role === "MISSION_HEAD") && me.org.code === task.mission;
  if (task.status !== "changes_requested" || !mayRevise || !current) return null;
  // Keyed by round: a later request for changes starts the form again from that round's plan.
  return <ReviseForm key={current.round} task={task} current={current} onSent={() => setSent(true)} />;
}

function ReviseForm({ task, current, onSent }: { task: Revisable; current: PlanVersion; onSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const queries = useQueryClient();
  const orgs = useCandidateOrgs(task.country);
  const [fields, setFields] = useState<PlanFields>(() => fromPlan(current.plan));
  const [comment, setComment] = useState("");
  const send = useMutation({
    mutationFn: () =>
      api("POST", `/v1/workflows/${encodeURIComponent(task.id)}/plan`, {
        plan: toPlan(fields),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: () => {
      onSent();
      return queries.invalidateQueries({ queryKey: ["workflow", task.id] });
    },
  });
  const problems = problemsOf(send.error, "body.plan.");
  return (
    <form
      className="card plan-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2 id={`${id}-title`}>{t("plans.revise")}</h2>
      <p>{t("plans.reviseIntro")}</p>
      <PlanFieldsEditor
        value={fields}
        onChange={setFields}
        orgs={orgs}
        problems={problems}
        reservedKeys={current.plan.assignments.map((a) => a.key)}
      />
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t("plans.comment")}</label>
        <textarea id={`${id}-comment`} value={comment} maxLength={4000} onChange={(e) => setComment(e.target.value)} />
      </div>
      {send.error && (
        <div role="alert" className="error">
          {problems.size > 0 && <p>{t("plans.fix")}</p>}
          <p>{send.error.message}</p>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={send.isPending}>
          {t("plans.resubmit")}
        </button>
      </div>
    </form>
  );
}
