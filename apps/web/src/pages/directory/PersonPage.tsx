/** One person (/directory/people/:id): names, account, the postings as a timeline, and the administrators' actions. */
import type { Me, PersonDetail } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { mayChangeDirectory, mayReadDirectory, postingsNewestFirst } from "../../directory";
import { Status } from "../Status";
import { PersonActions } from "./PersonActions";
import { directoryProblem, isNotFound, orgPath, PersonName } from "./shared";
import "../../hq.css";
import "../../directory.css";

export const personKey = (id: string) => ["directory", "person", id];

export function PersonPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const person = useQuery({ queryKey: personKey(id), queryFn: () => api<PersonDetail>("GET", `/v1/directory/people/${encodeURIComponent(id)}`) });
  if (isNotFound(person.error) || (person.error && (person.error as { status?: number }).status === 400)) {
    return (
      <section aria-labelledby="person-title">
        <h1 id="person-title">{t("dir.people.title")}</h1>
        <p role="alert">{t("dir.person.notFound")}</p>
        <Link to="/directory/people">{t("dir.person.back")}</Link>
      </section>
    );
  }
  if (!person.data) return <Status error={person.error && directoryProblem(t, person.error)} />;
  const p = person.data;
  return (
    <section aria-labelledby="person-title">
      <h1 id="person-title">
        <PersonName person={p} />
      </h1>
      <dl className="facts">
        <div>
          <dt>{t("dir.people.email")}</dt>
          <dd>{p.email}</dd>
        </div>
        <div>
          <dt>{t("dir.people.name")}</dt>
          <dd>
            {p.name}
            {p.nameKo && (
              <>
                {" · "}
                <span lang="ko">{p.nameKo}</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("dir.people.active")}</dt>
          <dd>{p.active ? t("dir.people.activeYes") : t("dir.people.activeNo")}</dd>
        </div>
      </dl>
      <h2>{t("dir.person.postings")}</h2>
      <Postings person={p} linkOrgs={mayReadDirectory(me.role)} />
      {mayChangeDirectory(me.role) ? <PersonActions person={p} /> : <p className="meta">{t("dir.readOnly")}</p>}
      <p>
        <Link to="/directory/people">{t("dir.person.back")}</Link>
      </p>
    </section>
  );
}

function Postings({ person, linkOrgs }: { person: PersonDetail; linkOrgs: boolean }) {
  const { t } = useTranslation();
  if (person.postings.length === 0) return <p>{t("dir.none")}</p>;
  return (
    <ol className="timeline postings" aria-label={t("dir.person.postings")}>
      {postingsNewestFirst(person.postings).map((x) => (
        <li key={`${x.org}:${x.role}:${x.from}`} className={`tl ${x.current ? "tl-assignment" : "tl-other"}`}>
          <div className="tl-head">
            {x.current && <span className="tl-cat">{t("dir.person.current")}</span>}{" "}
            <strong>{linkOrgs ? <Link to={orgPath(x.org)}>{x.org}</Link> : x.org}</strong> · {t(`role.${x.role}`)}
          </div>
          <div className="tl-who">
            <time dateTime={x.from}>{x.from}</time> ~ {x.until ? <time dateTime={x.until}>{x.until}</time> : t("dir.person.open")}
          </div>
        </li>
      ))}
    </ol>
  );
}
