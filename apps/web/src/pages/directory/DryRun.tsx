/**
 * The confirmation step of every change to the directory: the route's `?dryRun=true` answer
 * shown as what will change, then Apply (the same request, applied) or Cancel.
 */
import type { DirectoryImportResult } from "@hub/contracts";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ChangeList, summaryText } from "./ChangeList";
import { directoryProblem } from "./shared";

export function DryRunConfirm(props: {
  /** What the person asked for, as the confirmation's name. */
  title: string;
  plan: DirectoryImportResult;
  apply: () => Promise<DirectoryImportResult>;
  onApplied: (r: DirectoryImportResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const apply = useMutation({ mutationFn: props.apply, onSuccess: props.onApplied });
  const heading = useRef<HTMLHeadingElement>(null);
  // The question replaces the form: focus moves to it, so a keyboard user reads what will change.
  useEffect(() => heading.current?.focus(), []);
  const nothing = props.plan.changes.length === 0;
  return (
    <section className="confirm" aria-labelledby="dry-run-title">
      <h3 id="dry-run-title" ref={heading} tabIndex={-1}>
        {props.title}: {t("dir.confirm.title")}
      </h3>
      <p>{summaryText(t, props.plan)}</p>
      <ChangeList changes={props.plan.changes} caption={t("dir.confirm.title")} />
      <div className="actions">
        <button type="button" className="primary" disabled={apply.isPending || nothing} onClick={() => apply.mutate()}>
          {t("dir.confirm.apply")}
        </button>
        <button type="button" disabled={apply.isPending} onClick={props.onCancel}>
          {t("dir.confirm.cancel")}
        </button>
      </div>
      {apply.error && (
        <p role="alert" className="error">
          {directoryProblem(t, apply.error)}
        </p>
      )}
    </section>
  );
}
