/**
 * Signed in, but no one the hub knows: the provider accepted the person and the API answers their
 * requests 403 (not in the directory). Instead of a broken app: what happened, whom to ask, and a
 * way out. Any other failure to load the person is shown as the API's sentence.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";
import "../auth.css";
import { signOut } from "../auth";
import { signedInEmail } from "../oidc";
import { Status } from "./Status";

export function MeFailed({ error }: { error: unknown }) {
  return error instanceof ApiError && error.status === 403 ? <NotInDirectory /> : <Status error={error} />;
}

function NotInDirectory() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const email = signedInEmail();
  return (
    <section aria-labelledby="not-in-directory-title" className="card refusal">
      <h1 id="not-in-directory-title">{t("directory.title")}</h1>
      <p>{email ? t("directory.what", { email }) : t("directory.whatNoEmail")}</p>
      <p>{t("directory.ask")}</p>
      <p>{t("directory.other")}</p>
      <button type="button" onClick={() => void signOut(queries)}>
        {t("auth.signOut")}
      </button>
    </section>
  );
}
