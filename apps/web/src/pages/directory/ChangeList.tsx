/** What an import or an edit changes (or would): each change's action, what it is, and its fields before and after. */
import type { DirectoryChange, DirectoryImportResult } from "@hub/contracts";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { changesInOrder, fieldChanges, KOREAN_FIELDS, shown } from "../../directory";

export function summaryText(t: TFunction, r: Pick<DirectoryImportResult, "summary">) {
  return t("dir.summary", r.summary);
}

export function ChangeList({ changes, caption }: { changes: DirectoryChange[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="changes">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dir.audit.what")}</th>
            <th scope="col">{t("dir.change.key")}</th>
            <th scope="col">{t("dir.change.field")}</th>
            <th scope="col">{t("dir.change.before")}</th>
            <th scope="col">{t("dir.change.after")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.length === 0 && (
            <tr>
              <td colSpan={5}>{t("dir.confirm.nothing")}</td>
            </tr>
          )}
          {changesInOrder(changes).map((c) => (
            <ChangeRows key={`${c.entity}:${c.key}:${c.action}`} change={c} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One change: a row per field it touches, the change itself named on the first. */
export function ChangeRows({ change: c, lead }: { change: DirectoryChange; lead?: (rowSpan: number) => ReactNode }) {
  const { t } = useTranslation();
  const fields = fieldChanges(c.before, c.after);
  const rows = fields.length > 0 ? fields : [{ field: "", before: undefined, after: undefined }];
  return (
    <>
      {rows.map((f, i) => (
        <tr key={f.field || i} className={i === 0 ? "change-first" : undefined}>
          {i === 0 && (
            <>
              {lead?.(rows.length)}
              <td rowSpan={rows.length}>
                <span className={`badge change-${c.action}`}>{t(`dir.action.${c.action}`)}</span> {t(`dir.entity.${c.entity}`)}
              </td>
              <td rowSpan={rows.length} className="code">
                {c.key}
              </td>
            </>
          )}
          <td className="code">{f.field}</td>
          <Value field={f.field} value={f.before} old />
          <Value field={f.field} value={f.after} />
        </tr>
      ))}
    </>
  );
}

function Value({ field, value, old }: { field: string; value: unknown; old?: boolean }) {
  const text = shown(value);
  const lang = KOREAN_FIELDS.has(field) && value ? "ko" : undefined;
  return (
    <td lang={lang}>
      {old && value !== undefined && value !== null ? <del>{text}</del> : value !== undefined && value !== null ? <ins>{text}</ins> : text}
    </td>
  );
}
