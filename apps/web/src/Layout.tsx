/** The frame of every page: a banner with the app's name, the menu, the language toggle and sign-out; then the page's main. */
import type { Me } from "@hub/contracts";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { signOut } from "./auth";
import { mayReadDirectory, mayReadPeople } from "./directory";
import { useStreamState } from "./live";

export function Layout({ me, children }: { me?: Me; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const stream = useStreamState();
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="banner">
        <span className="brand">{t("app.name")}</span>
        {me && (
          <nav aria-label={t("nav.label")}>
            <ul>
              <li>
                <NavLink to="/approvals">{t("nav.approvals")}</NavLink>
              </li>
              <li>
                <NavLink to="/assignments">{t("nav.assignments")}</NavLink>
              </li>
              {(me.role === "MISSION_STAFF" || me.role === "MISSION_HEAD") && (
                <li>
                  <NavLink to="/plans/new">{t("plans.nav")}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/search">{t("search.nav")}</NavLink>
              </li>
              {me.org.country && (
                <li>
                  <NavLink to="/board">{t("board.nav")}</NavLink>
                </li>
              )}
              {(me.role === "HQ_REVIEWER" || me.role === "ADMIN") && (
                <li>
                  <NavLink to="/overview">{t("overview.nav")}</NavLink>
                </li>
              )}
              {me.role === "MISSION_HEAD" && (
                <li>
                  <NavLink to="/delegations">{t("delegation.nav")}</NavLink>
                </li>
              )}
              {mayReadDirectory(me.role) && (
                <li>
                  <NavLink to="/directory/orgs">{t("dir.nav.orgs")}</NavLink>
                </li>
              )}
              {mayReadPeople(me.role) && (
                <li>
                  <NavLink to="/directory/people">{t("dir.nav.people")}</NavLink>
                </li>
              )}
              {mayReadDirectory(me.role) && (
                <li>
                  <NavLink to="/directory/file">{t("dir.nav.import")}</NavLink>
                </li>
              )}
              {mayReadDirectory(me.role) && (
                <li>
                  <NavLink to="/directory/audit">{t("dir.nav.audit")}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/me/notifications">{t("prefs.nav")}</NavLink>
              </li>
              <li>
                <a href="/docs">{t("app.docs")}</a>
              </li>
            </ul>
          </nav>
        )}
        <div className="tools">
          {me && (
            <span role="status" className={`live live-${stream}`}>
              {stream === "live" ? t("live.on") : t("live.connecting")}
            </span>
          )}
          {me && (
            <span className="who">
              {t("auth.signedInAs", { name: me.name, org: i18n.language === "ko" ? me.org.nameKo : me.org.nameEn })} · {t(`role.${me.role}`)}
            </span>
          )}
          <button
            type="button"
            lang={i18n.language === "ko" ? "en" : "ko"}
            onClick={() => void i18n.changeLanguage(i18n.language === "ko" ? "en" : "ko")}
          >
            {t("lang.toggle")}
          </button>
          {me && (
            <button type="button" onClick={() => void signOut(queries)}>
              {t("auth.signOut")}
            </button>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
