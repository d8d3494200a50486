/**
 * Import and export (/directory/file): Export downloads the directory as it is; an administrator
 * uploads a `team-korea-hub/directory@1` file, sees the dry run — what would be added, changed and
 * closed, or the problems that refuse it by row and field — and applies it.
 */
import type { DirectoryFile, DirectoryImportResult, Me } from "@hub/contracts";
import { useMutation } from "@tanstack/react-query";
import { type ChangeEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api";
import { download } from "../../csv";
import { mayChangeDirectory, problemsByRow, todayUtc } from "../../directory";
import { summaryText } from "./ChangeList";
import { DryRunConfirm } from "./DryRun";
import { directoryProblem } from "./shared";
import "../../directory.css";

const importPath = (dryRun: boolean) => `/v1/admin/directory/import?dryRun=${dryRun}`;

export function ImportExport({ me }: { me: Me }) {
  const { t } = useTranslation();
  const admin = mayChangeDirectory(me.role);
  return (
    <section aria-labelledby="file-title">
      <h1 id="file-title">{t("dir.import.title")}</h1>
      <p>{admin ? t("dir.import.intro") : t("dir.import.introReader")}</p>
      <Export />
      {admin && <Import />}
    </section>
  );
}

function Export() {
  const { t } = useTranslation();
  const exp = useMutation({
    mutationFn: async () => {
      const file = await api<DirectoryFile>("GET", "/v1/admin/directory/export");
      download(`directory-${todayUtc()}.json`, `${JSON.stringify(file, null, 2)}\n`);
    },
  });
  return (
    <div className="actions">
      <button type="button" onClick={() => exp.mutate()} disabled={exp.isPending}>
        {t("dir.import.export")}
      </button>
      {exp.error && (
        <p role="alert" className="error">
          {directoryProblem(t, exp.error)}
        </p>
      )}
    </div>
  );
}

function Import() {
  const { t } = useTranslation();
  const [file, setFile] = useState<unknown>(undefined);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const dryRun = useMutation({ mutationFn: (body: unknown) => api<DirectoryImportResult>("POST", importPath(true), body) });
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    setDone(null);
    setUnreadable(null);
    dryRun.reset();
    if (!chosen) return;
    try {
      const parsed: unknown = JSON.parse(await chosen.text());
      setFile(parsed);
      dryRun.mutate(parsed);
    } catch (err) {
      setFile(undefined);
      setUnreadable(t("dir.import.notJson", { detail: err instanceof Error ? err.message : String(err) }));
    }
  };
  const refused = dryRun.error instanceof ApiError && dryRun.error.status === 400 ? dryRun.error : null;
  return (
    <section aria-labelledby="import-title" className="dir-form">
      <h2 id="import-title">{t("dir.import.upload")}</h2>
      <div className="field">
        <label htmlFor="import-file">{t("dir.import.file")}</label>
        <input id="import-file" type="file" accept="application/json,.json" onChange={(e) => void choose(e)} aria-describedby="import-hint" />
        <small id="import-hint">{t("dir.import.fileHint")}</small>
      </div>
      {unreadable && (
        <p role="alert" className="error">
          {unreadable}
        </p>
      )}
      {dryRun.isPending && <p aria-busy="true">{t("errors.loading")}</p>}
      {refused && <Problems error={refused} file={file} />}
      {dryRun.error && !refused && (
        <p role="alert" className="error">
          {directoryProblem(t, dryRun.error)}
        </p>
      )}
      {dryRun.data && (
        <DryRunConfirm
          key={JSON.stringify(dryRun.data.summary) + String(done)}
          title={t("dir.import.dryRun")}
          plan={dryRun.data}
          apply={() => api<DirectoryImportResult>("POST", importPath(false), file)}
          onApplied={(r) => {
            dryRun.reset();
            setDone(t("dir.import.applied", { summary: summaryText(t, r) }));
          }}
          onCancel={() => dryRun.reset()}
        />
      )}
      {done && <p role="status">{done}</p>}
      {file !== undefined && !dryRun.isPending && !dryRun.data && (
        <div className="actions">
          <button type="button" onClick={() => dryRun.mutate(file)}>
            {t("dir.import.again")}
          </button>
        </div>
      )}
    </section>
  );
}

function Problems({ error, file }: { error: ApiError; file: unknown }) {
  const { t } = useTranslation();
  const problems = problemsByRow(error.issues.length > 0 ? error.issues : [{ path: "", message: error.message }], file);
  return (
    <div role="alert">
      <p className="error">{t("dir.import.refused")}</p>
      <div className="table-wrap">
        <table>
          <caption>{error.message}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dir.import.row")}</th>
              <th scope="col">{t("dir.import.field")}</th>
              <th scope="col">{t("dir.import.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the problems of one answer never reorder
              <tr key={i}>
                <td className="code">{p.row || "—"}</td>
                <td className="code">{p.field || "—"}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
