/** People a page at a time (GET /v1/directory/people, the API's keyset cursor behind "more"): name, e-mail, posting today, account. */
import type { PersonSummary } from "@hub/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { Status } from "../Status";
import { directoryProblem, orgPath, PersonName, personPath } from "./shared";

const PAGE = 50;

export const peopleQueryOf = (f: { q?: string; org?: string }, cursor?: string) => {
  const q = new URLSearchParams();
  if (f.q) q.set("q", f.q);
  if (f.org) q.set("org", f.org);
  q.set("limit", String(PAGE));
  if (cursor) q.set("cursor", cursor);
  return q.toString();
};

export function PeopleTable({ filter, caption, linkOrgs }: { filter: { q?: string; org?: string }; caption: string; linkOrgs: boolean }) {
  const { t } = useTranslation();
  const people = useInfiniteQuery({
    queryKey: ["directory", "people", peopleQueryOf(filter)],
    queryFn: ({ pageParam }) =>
      api<{ items: PersonSummary[]; nextCursor: string | null }>("GET", `/v1/directory/people?${peopleQueryOf(filter, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (!people.data) return <Status error={people.error && directoryProblem(t, people.error)} />;
  const items = people.data.pages.flatMap((p) => p.items);
  return (
    <>
      <p role="status">{t("dir.count", { count: items.length })}</p>
      <div className="table-wrap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dir.people.name")}</th>
              <th scope="col">{t("dir.people.email")}</th>
              <th scope="col">{t("dir.people.org")}</th>
              <th scope="col">{t("dir.people.role")}</th>
              <th scope="col">{t("dir.people.active")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={5}>{t("dir.none")}</td>
              </tr>
            )}
            {items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={personPath(p.id)}>
                    <PersonName person={p} />
                  </Link>
                </td>
                <td>{p.email}</td>
                <td>{p.current ? linkOrgs ? <Link to={orgPath(p.current.org)}>{p.current.org}</Link> : p.current.org : t("dir.people.noPosting")}</td>
                <td>{p.current ? t(`role.${p.current.role}`) : "—"}</td>
                <td>{p.active ? t("dir.people.activeYes") : t("dir.people.activeNo")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {people.error && <Status error={directoryProblem(t, people.error)} />}
      {people.hasNextPage && (
        <button type="button" onClick={() => void people.fetchNextPage()} disabled={people.isFetchingNextPage}>
          {t("dir.more")}
        </button>
      )}
    </>
  );
}
