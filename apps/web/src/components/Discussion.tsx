/**
 * A task's discussion (GET/POST/PATCH/DELETE /v1/workflows/{id}/comments): everyone who may see the
 * task reads and writes it; its author edits or deletes their own comment. Text is shown as text
 * — React escapes it and `white-space: pre-wrap` keeps its lines — never as HTML. People by name
 * (in Korean where the directory has it), their organisation beside it. The API decides who may
 * be mentioned and says why not; this page shows its sentence as it is.
 */
import type { CommentItem } from "@hub/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useMe } from "../me";
import { nameIn } from "../texts";
import { seoulTime } from "../time";
import { OrgLabel } from "./OrgName";
import "./discussion.css";

/** The comments key sits under the task's own, so the live stream's refetch of the task reaches it. */
const commentsKey = (workflowId: string) => ["workflow", workflowId, "comments"];
const commentsPath = (workflowId: string) => `/v1/workflows/${encodeURIComponent(workflowId)}/comments`;

export function Discussion({ workflowId }: { workflowId: string }) {
  const { t } = useTranslation();
  const comments = useQuery({
    queryKey: commentsKey(workflowId),
    queryFn: () => api<{ items: CommentItem[] }>("GET", commentsPath(workflowId)),
  });
  const me = useMe().data;
  return (
    <section className="discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title">{t("discussion.title")}</h2>
      {comments.data?.items.length === 0 && <p>{t("discussion.empty")}</p>}
      <ol className="comments">
        {comments.data?.items.map((c) => (
          <Comment key={c.id} workflowId={workflowId} comment={c} mine={me?.email === c.author.email} />
        ))}
      </ol>
      <CommentForm workflowId={workflowId} />
    </section>
  );
}

/** Saves a comment (new or edited) and refetches the discussion and the task's history. */
function useSave(workflowId: string, method: "POST" | "PATCH" | "DELETE", commentId?: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body?: string) =>
      api<CommentItem>(method, `${commentsPath(workflowId)}${commentId ? `/${commentId}` : ""}`, body === undefined ? undefined : { body }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["workflow", workflowId] }),
  });
}

function CommentForm({ workflowId }: { workflowId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const post = useSave(workflowId, "POST");
  return (
    <form
      className="comment-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        post.mutate(text, { onSuccess: () => setText("") });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("discussion.label")}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={post.isError || undefined}
        />
        <p className="hint" id={`${id}-hint`}>
          {t("discussion.hint")}
        </p>
      </div>
      {post.error && (
        <p role="alert" className="error">
          {t("discussion.failed", { message: post.error.message })}
        </p>
      )}
      <p role="status">{post.isSuccess && text === "" ? t("discussion.posted") : ""}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={post.isPending || text.trim() === ""}>
          {t("discussion.post")}
        </button>
      </div>
    </form>
  );
}

function Comment({ workflowId, comment: c, mine }: { workflowId: string; comment: CommentItem; mine: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const edit = useSave(workflowId, "PATCH", c.id);
  const remove = useSave(workflowId, "DELETE", c.id);
  const failed = edit.error ?? remove.error;
  return (
    <li className={c.deleted ? "comment deleted" : "comment"}>
      <div className="comment-head">
        <strong>{nameIn(i18n.language, c.author)}</strong> <OrgLabel code={c.author.org} />{" "}
        <time dateTime={c.createdAt}>{seoulTime(c.createdAt, i18n.language)}</time>
        {c.editedAt && !c.deleted && <span className="comment-edited"> · {t("discussion.edited")}</span>}
      </div>
      {c.deleted && (
        <p className="comment-tombstone">
          {c.body === null ? t("discussion.deleted") : t("discussion.tombstone")} ·{" "}
          {t("discussion.deletedBy", { who: c.deleted.by, at: seoulTime(c.deleted.at, i18n.language) })}
        </p>
      )}
      {editing === null && c.body !== null && <p className="comment-body">{c.body}</p>}
      {editing === null && c.mentioned.length > 0 && (
        <p className="comment-mentions">
          {t("discussion.mentions")}: {c.mentioned.map((m) => nameIn(i18n.language, m)).join(", ")}
        </p>
      )}
      {editing !== null && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            edit.mutate(editing, { onSuccess: () => setEditing(null) });
          }}
        >
          <label className="visually-hidden" htmlFor={`${id}-edit`}>
            {t("discussion.label")}
          </label>
          <textarea id={`${id}-edit`} value={editing} onChange={(e) => setEditing(e.target.value)} />
          <div className="actions">
            <button type="submit" className="primary" disabled={edit.isPending || editing.trim() === ""}>
              {t("discussion.save")}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t("discussion.cancel")}
            </button>
          </div>
        </form>
      )}
      {c.revisions.length > 0 && (
        <details className="comment-revisions">
          <summary>{t("discussion.revisions", { count: c.revisions.length })}</summary>
          <ol>
            {c.revisions.map((r) => (
              <li key={r.replacedAt}>
                <time dateTime={r.writtenAt}>{t("discussion.writtenAt", { at: seoulTime(r.writtenAt, i18n.language) })}</time>
                <p className="comment-body">{r.body}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
      {failed && (
        <p role="alert" className="error">
          {t("discussion.failed", { message: failed.message })}
        </p>
      )}
      {mine && !c.deleted && editing === null && (
        <div className="actions">
          <button type="button" onClick={() => setEditing(c.body ?? "")}>
            {t("discussion.edit")}
          </button>
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t("discussion.confirmDelete"))) remove.mutate(undefined);
            }}
          >
            {t("discussion.delete")}
          </button>
        </div>
      )}
    </li>
  );
}
