/** Organisations (/directory/orgs): every organisation, searched by words of its code, names, country or network, and by kind. */
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { filterOrgs } from "../../directory";
import { Status } from "../Status";
import { OrgName, orgPath, useOrgs } from "./shared";
import "../../directory.css";

const KINDS = ["MISSION", "AGENCY", "MINISTRY"] as const;

export function OrgList() {
  const { t } = useTranslation();
  const orgs = useOrgs();
  // The search lives in the address, so it survives going to an organisation and back.
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const kind = params.get("kind") ?? "";
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const found = filterOrgs(orgs.data?.items ?? [], q, kind);
  return (
    <section aria-labelledby="orgs-title">
      <h1 id="orgs-title">{t("dir.orgs.title")}</h1>
      <p>{t("dir.orgs.intro")}</p>
      <search aria-label={t("dir.filters")} className="dir-search">
        <div className="field">
          <label htmlFor="orgs-q">{t("dir.search")}</label>
          <input id="orgs-q" type="search" value={q} onChange={(e) => set("q", e.target.value)} aria-describedby="orgs-q-hint" maxLength={100} />
          <small id="orgs-q-hint">{t("dir.searchHint")}</small>
        </div>
        <div className="field">
          <label htmlFor="orgs-kind">{t("dir.orgs.kind")}</label>
          <select id="orgs-kind" value={kind} onChange={(e) => set("kind", e.target.value)}>
            <option value="">{t("dir.kindAny")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`dir.orgKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </search>
      {!orgs.data && <Status error={orgs.error} />}
      {orgs.data && (
        <>
          <p role="status">{t("dir.count", { count: found.length })}</p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("dir.orgs.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dir.orgs.code")}</th>
                  <th scope="col">{t("dir.orgs.name")}</th>
                  <th scope="col">{t("dir.orgs.kind")}</th>
                  <th scope="col">{t("dir.orgs.country")}</th>
                  <th scope="col">{t("dir.orgs.state")}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((o) => (
                  <tr key={o.code}>
                    <td>
                      <Link to={orgPath(o.code)} className="code">
                        {o.code}
                      </Link>
                    </td>
                    <td>
                      <OrgName org={o} />
                    </td>
                    <td>{o.missionKind ? t(`dir.missionKind.${o.missionKind}`) : t(`dir.orgKind.${o.kind}`)}</td>
                    <td>{o.country ?? "—"}</td>
                    <td>{o.closed ? t("dir.orgs.closed") : t("dir.orgs.open")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
