/**
 * The task page's files (docs/documents.md): each with what it is attached to, its size and who
 * sent it. A download is fetched with the session's token (a link alone grants nothing, so a plain
 * <a href> could not carry it) and handed to the browser as a file to save, under its own name.
 */
import type { AssignmentItem, FileItem } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api";
import { Status } from "../pages/Status";
import { session } from "../session";
import { OrgLabel } from "./OrgName";

const sizeOf = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Fetches the file with the token and saves it; the API's own sentence when it refuses. */
async function save(f: FileItem): Promise<void> {
  const token = session.token();
  const res = await fetch(f.href, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(res.status, body.message ?? `${res.status} ${res.statusText}`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = f.name;
  a.click();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function TaskFiles({ workflowId, assignments }: { workflowId: string; assignments: AssignmentItem[] }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const files = useQuery({
    queryKey: ["workflow", workflowId, "files"],
    queryFn: () => api<{ items: FileItem[] }>("GET", `/v1/workflows/${encodeURIComponent(workflowId)}/files`),
  });
  const target = (f: FileItem) => {
    if (f.attachedTo.kind === "plan") return t("files.plan", { round: f.attachedTo.round });
    const { assignmentId } = f.attachedTo;
    return t("files.report", { org: assignments.find((a) => a.id === assignmentId)?.org ?? "" });
  };
  return (
    <>
      <h2 id="task-files">{t("files.title")}</h2>
      {!files.data && <Status error={files.error} />}
      {files.data?.items.length === 0 && <p>{t("files.none")}</p>}
      {failure && <p role="alert">{t("files.failed", { message: failure })}</p>}
      {files.data && files.data.items.length > 0 && (
        <div className="table-wrap">
          <table aria-labelledby="task-files">
            <thead>
              <tr>
                <th scope="col">{t("files.name")}</th>
                <th scope="col">{t("files.attachedTo")}</th>
                <th scope="col">{t("files.size")}</th>
                <th scope="col">{t("files.by")}</th>
              </tr>
            </thead>
            <tbody>
              {files.data.items.map((f) => (
                <tr key={f.id}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={t("files.download", { name: f.name })}
                      onClick={() => {
                        setFailure(null);
                        save(f).catch((err: Error) => setFailure(err.message));
                      }}
                    >
                      {f.name}
                    </button>
                  </td>
                  <td>{target(f)}</td>
                  <td>{sizeOf(f.size)}</td>
                  <td>
                    <OrgLabel code={f.uploadedBy.org} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
