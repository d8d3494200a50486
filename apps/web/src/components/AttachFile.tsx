/**
 * Attaching a file on the task page: to the plan's latest version (the plan's mission) or to one
 * of the caller's organisation's assignment reports. The file goes to the API as it is (POST
 * /v1/workflows/{id}/files, docs/documents.md), which tells its type from the bytes and answers a
 * refusal in a sentence shown here; the list refreshes once the file is stored.
 */
import type { AssignmentItem } from "@hub/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";
import { useMe } from "../me";
import { session } from "../session";
import { taskIn } from "../texts";

async function send(workflowId: string, attach: string, file: File): Promise<void> {
  const token = session.token();
  const query = new URLSearchParams({ name: file.name, attach });
  const res = await fetch(`/v1/workflows/${encodeURIComponent(workflowId)}/files?${query}`, {
    method: "POST",
    // The browser's guess of the type, or none: the API reads the bytes either way.
    headers: { "content-type": file.type || "application/octet-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(res.status, body.message ?? `${res.status} ${res.statusText}`);
  }
}

export function AttachFile({
  workflowId,
  mission,
  latestRound,
  assignments,
}: {
  workflowId: string;
  mission: string | null;
  latestRound: number;
  assignments: AssignmentItem[];
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const me = useMe().data;
  const queries = useQueryClient();
  const targets: [string, string][] = [
    ...(me && mission === me.org.code ? [[`plan:${latestRound}`, t("files.plan", { round: latestRound })] as [string, string]] : []),
    ...assignments
      .filter((a) => me && a.org === me.org.code)
      .map((a) => [`report:${a.id}`, `${t("files.report", { org: a.org })}: ${taskIn(i18n.language, a)}`] as [string, string]),
  ];
  const [attach, setAttach] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: () => send(workflowId, attach || (targets[0]?.[0] ?? ""), file as File),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["workflow", workflowId, "files"] }),
  });
  if (targets.length === 0) return null;
  return (
    <form
      className="attach"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (file) upload.mutate();
      }}
    >
      <h3 id={`${id}-title`}>{t("files.attachTitle")}</h3>
      <div className="field">
        <label htmlFor={`${id}-target`}>{t("files.attachedTo")}</label>
        <select id={`${id}-target`} value={attach || targets[0]?.[0]} onChange={(e) => setAttach(e.target.value)}>
          {targets.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("files.choose")}</label>
        <input
          id={`${id}-file`}
          type="file"
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            upload.reset();
            setFile(e.target.files?.[0] ?? null);
          }}
        />
        <small id={`${id}-hint`}>{t("files.hint")}</small>
      </div>
      <button type="submit" className="primary" disabled={!file || upload.isPending}>
        {upload.isPending ? t("files.sending") : t("files.send")}
      </button>
      {upload.isSuccess && <p role="status">{t("files.sent")}</p>}
      {upload.error && <p role="alert">{t("files.refused", { message: upload.error.message })}</p>}
    </form>
  );
}
