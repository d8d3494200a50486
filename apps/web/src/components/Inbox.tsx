/** The pieces both inboxes are built of: a filter bar, the list beside one item in detail, and a pager. */
import type { Org } from "@hub/contracts";
import { WORKFLOW_KINDS } from "@hub/contracts/core";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";

export function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

type Filter = "kind" | "urgency" | "org" | "sort";

/**
 * The filters both inboxes offer: the task's kind, urgency (`soon` as the inbox counts it),
 * where the caller sees more than their own organisation's one organisation of `orgs`, and the
 * order (`orders`, the inbox's default first).
 */
export function ListFilters({
  values,
  onChange,
  soon,
  orgLabel,
  orgs,
  orders,
}: {
  values: Record<Filter, string>;
  onChange: (name: Filter, value: string) => void;
  soon: string;
  orgLabel: string;
  orgs: readonly Org[];
  orders: readonly (readonly [value: string, label: string])[];
}) {
  const { t, i18n } = useTranslation();
  const any: [string, string] = ["", t("inbox.any")];
  return (
    <>
      <FilterSelect
        label={t("inbox.kind")}
        value={values.kind}
        onChange={(v) => onChange("kind", v)}
        options={[any, ...WORKFLOW_KINDS.map((k) => [k, t(`kind.${k}`)] as const)]}
      />
      <FilterSelect
        label={t("inbox.urgency")}
        value={values.urgency}
        onChange={(v) => onChange("urgency", v)}
        options={[any, ["overdue", t("inbox.overdue")], ["soon", soon]]}
      />
      {orgs.length > 0 && (
        <FilterSelect
          label={orgLabel}
          value={values.org}
          onChange={(v) => onChange("org", v)}
          options={[any, ...orgs.map((o) => [o.code, `${i18n.language === "ko" ? o.nameKo : o.nameEn} (${o.code})`] as const)]}
        />
      )}
      <FilterSelect label={t("inbox.sort")} value={values.sort} onChange={(v) => onChange("sort", v)} options={orders} />
    </>
  );
}

/** Filters above the list, the list, and the open item beside it (below it on a narrow screen). */
export function InboxSplit({ filters, list, detail, label }: { filters: ReactNode; list: ReactNode; detail: ReactNode; label: string }) {
  return (
    <>
      <search className="filters" aria-label={label}>
        {filters}
      </search>
      <div className="inbox-split">
        <div className="inbox-list">{list}</div>
        <div className="inbox-detail">{detail}</div>
      </div>
    </>
  );
}

/** Previous / next on the API's cursors, and which page this is. */
export function Pager({
  page,
  nextCursor,
  onPrevious,
  onNext,
}: {
  page: number;
  nextCursor: string | null | undefined;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  if (page === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={t("inbox.pages")}>
      <button type="button" disabled={page === 1} onClick={onPrevious}>
        {t("inbox.previous")}
      </button>
      <span aria-live="polite">{t("inbox.page", { page })}</span>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        {t("inbox.next")}
      </button>
    </nav>
  );
}
