/** One organisation (/directory/orgs/:code): names, kind, country, time zone, team, duties, open or closed, and its people today. */
import type { OrgDetail } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { Status } from "../Status";
import { PeopleTable } from "./PeopleTable";
import { directoryProblem, isNotFound, orgPath } from "./shared";
import "../../directory.css";

export function OrgPage() {
  const { t, i18n } = useTranslation();
  const code = useParams().code ?? "";
  const org = useQuery({
    queryKey: ["directory", "org", code],
    queryFn: () => api<OrgDetail>("GET", `/v1/directory/orgs/${encodeURIComponent(code)}`),
  });
  if (isNotFound(org.error)) {
    return (
      <section aria-labelledby="org-title">
        <h1 id="org-title">{code}</h1>
        <p role="alert">{t("dir.org.notFound")}</p>
        <Link to="/directory/orgs">{t("dir.org.back")}</Link>
      </section>
    );
  }
  if (!org.data) return <Status error={org.error && directoryProblem(t, org.error)} />;
  const o = org.data;
  return (
    <section aria-labelledby="org-title">
      <h1 id="org-title">
        {o.code} · {i18n.language === "ko" ? <span lang="ko">{o.nameKo}</span> : o.nameEn}
      </h1>
      <OrgFacts org={o} />
      <h2>{t("dir.org.duties")}</h2>
      <Duties org={o} />
      <h2>{t("dir.org.people")}</h2>
      <PeopleTable filter={{ org: o.code }} caption={t("dir.org.people")} linkOrgs={false} />
      <p>
        <Link to="/directory/orgs">{t("dir.org.back")}</Link>
      </p>
    </section>
  );
}

function OrgFacts({ org: o }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const fact = (label: string, value: ReactNode) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const link = (code: string) => <Link to={orgPath(code)}>{code}</Link>;
  return (
    <dl className="facts">
      {fact(t("dir.org.nameKo"), <span lang="ko">{o.nameKo}</span>)}
      {fact(t("dir.org.nameEn"), o.nameEn)}
      {fact(t("dir.org.kind"), t(`dir.orgKind.${o.kind}`))}
      {o.missionKind && fact(t("dir.org.missionKind"), t(`dir.missionKind.${o.missionKind}`))}
      {fact(t("dir.org.country"), o.country ?? "—")}
      {fact(t("dir.org.network"), o.network ?? "—")}
      {fact(t("dir.org.timeZone"), o.timeZone)}
      {o.kind === "MISSION" && fact(t("dir.org.leadsTeam"), o.leadsTeam ? t("dir.yes") : t("dir.no"))}
      {o.kind === "AGENCY" && fact(t("dir.org.teamLead"), o.teamLead ? link(o.teamLead) : "—")}
      {fact(t("dir.org.team"), o.team ? link(o.team.lead) : "—")}
      {o.team &&
        fact(
          t("dir.org.teamOffices"),
          o.team.offices.length === 0
            ? t("dir.none")
            : o.team.offices.map((c, i) => (
                <span key={c}>
                  {i > 0 && ", "}
                  {link(c)}
                </span>
              )),
        )}
      {fact(t("dir.org.state"), o.closed ? t("dir.orgs.closed") : t("dir.orgs.open"))}
    </dl>
  );
}

function Duties({ org: o }: { org: OrgDetail }) {
  const { t } = useTranslation();
  if (o.duties.length === 0) return <p>{t("dir.none")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("dir.org.duties")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dir.org.duty")}</th>
            <th scope="col">{t("dir.org.rank")}</th>
            <th scope="col">{t("dir.org.holder")}</th>
          </tr>
        </thead>
        <tbody>
          {o.duties.map((d) => (
            <tr key={`${d.duty}:${d.holderKind}`}>
              <td className="code">{d.duty}</td>
              <td>{d.rank}</td>
              <td>{d.holderKind === "org" ? t("dir.org.byOrg") : t("dir.org.byNetwork", { network: o.network })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
