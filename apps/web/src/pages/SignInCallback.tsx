/**
 * Where the single sign-on provider sends the browser back (/auth/callback?code=…&state=…):
 * completes the sign-in (oidc.ts checks state, PKCE and nonce). On success the app re-renders
 * signed in and moves on to the person's inbox; on failure it says why and offers to start again.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { useAuthConfig } from "../auth";
import { completeSignIn } from "../oidc";
import { Status } from "./Status";

export function SignInCallback() {
  const { t } = useTranslation();
  const config = useAuthConfig();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<Error | null>(null);
  const oidc = config.data?.mode === "oidc" ? config.data : null;

  useEffect(() => {
    if (!oidc) return;
    // Off the callback URL once signed in (its code is spent), to "/", which leads to the person's inbox.
    completeSignIn(oidc, new URL(window.location.href)).then(
      () => navigate("/", { replace: true }),
      (err: Error) => setFailure(err),
    );
  }, [oidc, navigate]);

  if (config.data && !oidc) return <Navigate to="/sign-in" replace />;
  return (
    <section aria-labelledby="callback-title">
      <h1 id="callback-title">{failure ? t("auth.failedTitle") : t("auth.signIn")}</h1>
      {failure ? (
        <>
          <Status error={failure} />
          <p>
            <Link to="/sign-in" replace>
              {t("auth.again")}
            </Link>
          </p>
        </>
      ) : config.error ? (
        <Status error={config.error} />
      ) : (
        <p aria-busy="true">{t("auth.completing")}</p>
      )}
    </section>
  );
}
