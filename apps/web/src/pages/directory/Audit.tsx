/** The directory's audit (/directory/audit): every change, newest first, who and when, each field before and after; "more" pages on the API's cursor. */
import type { DirectoryAuditItem } from "@hub/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { seoulTime } from "../../time";
import { Status } from "../Status";
import { ChangeRows } from "./ChangeList";
import { directoryProblem } from "./shared";
import "../../directory.css";

const PAGE = 50;

export function Audit() {
  const { t, i18n } = useTranslation();
  const audit = useInfiniteQuery({
    queryKey: ["directory", "audit"],
    queryFn: ({ pageParam }) =>
      api<{ items: DirectoryAuditItem[]; nextCursor: string | null }>(
        "GET",
        `/v1/admin/directory/audit?limit=${PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("dir.audit.title")}</h1>
      <p>{t("dir.audit.intro")}</p>
      {!audit.data && <Status error={audit.error && directoryProblem(t, audit.error)} />}
      {audit.data && (
        <div className="table-wrap">
          <table className="changes">
            <caption className="visually-hidden">{t("dir.audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dir.audit.at")}</th>
                <th scope="col">{t("dir.audit.actor")}</th>
                <th scope="col">{t("dir.audit.what")}</th>
                <th scope="col">{t("dir.change.key")}</th>
                <th scope="col">{t("dir.change.field")}</th>
                <th scope="col">{t("dir.change.before")}</th>
                <th scope="col">{t("dir.change.after")}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={7}>{t("dir.none")}</td>
                </tr>
              )}
              {items.map((a) => (
                <ChangeRows
                  key={a.id}
                  change={a}
                  lead={(rowSpan) => (
                    <>
                      <td rowSpan={rowSpan}>
                        <time dateTime={a.at}>{seoulTime(a.at, i18n.language)}</time>
                      </td>
                      <td rowSpan={rowSpan}>
                        {a.actor}
                        {a.actorOrg && <span className="meta"> · {a.actorOrg}</span>}
                      </td>
                    </>
                  )}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.error && audit.data && <Status error={directoryProblem(t, audit.error)} />}
      {audit.hasNextPage && (
        <button type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {t("dir.more")}
        </button>
      )}
    </section>
  );
}
