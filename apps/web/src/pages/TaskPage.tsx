/**
 * One task: what it is, its assignments and its history. A task the caller may not see answers
 * 404 exactly as an unknown one does, and the page says so in those words: not there, or not yours.
 */
import type { AssignmentItem, PlanVersion, WorkflowItem } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ApiError, api } from "../api";
import { AttachFile } from "../components/AttachFile";
import { Discussion } from "../components/Discussion";
import { OrgLabel } from "../components/OrgName";
import { TaskFiles } from "../components/TaskFiles";
import { Timeline } from "../components/Timeline";
import type { History } from "../history";
import { taskIn, titleIn } from "../texts";
import { PlanRevise } from "./PlanRevise";
import { Status } from "./Status";

type Task = WorkflowItem & { assignments: AssignmentItem[]; temporalHistoryUrl: string | null; mission: string | null; versions: PlanVersion[] };

export const taskPath = (workflowId: string) => `/tasks/${encodeURIComponent(workflowId)}`;

export function TaskPage() {
  const { t, i18n } = useTranslation();
  const id = useParams().id ?? "";
  const path = `/v1/workflows/${encodeURIComponent(id)}`;
  const task = useQuery({ queryKey: ["workflow", id], queryFn: () => api<Task>("GET", path) });
  const history = useQuery({ queryKey: ["workflow", id, "history"], queryFn: () => api<History>("GET", `${path}/history`), enabled: task.isSuccess });
  if (task.error instanceof ApiError && task.error.status === 404) {
    return (
      <section aria-labelledby="not-yours">
        <h1 id="not-yours">{t("task.notYoursTitle")}</h1>
        <p>{t("task.notYours")}</p>
        <p>
          <Link to="/">{t("task.back")}</Link>
        </p>
      </section>
    );
  }
  if (!task.data) return <Status error={task.error} />;
  const w = task.data;
  return (
    <section aria-labelledby="task-title">
      <h1 id="task-title">{titleIn(i18n.language, w)}</h1>
      <p className="meta">
        <span className="code">{w.id}</span> · <span>{t(`kind.${w.kind}`)}</span> · <span>{w.country}</span> ·{" "}
        <strong>{t(`taskStatus.${w.status}`)}</strong>
      </p>
      <PlanRevise workflowId={w.id} />
      <h2>{t("task.assignments")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("approvals.org")}</th>
              <th scope="col">{t("approvals.task")}</th>
              <th scope="col">{t("approvals.due")}</th>
              <th scope="col">{t("assignments.status")}</th>
            </tr>
          </thead>
          <tbody>
            {w.assignments.map((a) => (
              <tr key={a.id}>
                <td>
                  <OrgLabel code={a.org} />
                </td>
                <td>{taskIn(i18n.language, a)}</td>
                <td>{a.dueOn}</td>
                <td>{t(`status.${a.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TaskFiles workflowId={w.id} assignments={w.assignments} />
      <AttachFile
        workflowId={w.id}
        mission={w.mission}
        latestRound={Math.max(1, ...w.versions.map((v) => v.round))}
        assignments={w.assignments.filter((a) => a.status !== "withdrawn")}
      />
      <Discussion workflowId={w.id} />
      <h2>{t("task.history")}</h2>
      {!history.data && <Status error={history.error} />}
      {history.data && <Timeline history={history.data} />}
      {w.temporalHistoryUrl && (
        <p>
          <a href={w.temporalHistoryUrl}>{t("task.temporal")}</a>
        </p>
      )}
    </section>
  );
}
