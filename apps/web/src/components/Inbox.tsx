/** The pieces both inboxes are built of: a filter bar, the list beside one item in detail, and a pager. */
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
