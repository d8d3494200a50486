/** People (/directory/people): searched by a part of a name or an e-mail; a head of mission sees their own team's. */
import type { Me } from "@hub/contracts";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { mayReadDirectory } from "../../directory";
import { PeopleTable } from "./PeopleTable";
import "../../directory.css";

export function PeopleList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [draft, setDraft] = useState(q);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {});
  };
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t("dir.people.title")}</h1>
      <p>{mayReadDirectory(me.role) ? t("dir.people.intro") : t("dir.people.introHead")}</p>
      <search aria-label={t("dir.filters")}>
        <form className="dir-search" onSubmit={submit}>
          <div className="field">
            <label htmlFor="people-q">{t("dir.search")}</label>
            <input
              id="people-q"
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-describedby="people-q-hint"
              maxLength={100}
            />
            <small id="people-q-hint">{t("dir.peopleHint")}</small>
          </div>
          <div className="actions">
            <button type="submit" className="primary">
              {t("dir.submit")}
            </button>
          </div>
        </form>
      </search>
      <PeopleTable filter={{ q: q || undefined }} caption={t("dir.people.title")} linkOrgs={true} />
    </section>
  );
}
