/**
 * Signing in. Development: the seeded accounts grouped by organisation; one click signs in.
 * Single sign-on (HUB_AUTH=oidc): one button to the provider's own login page (oidc.ts).
 * Either way it says why the person is here when a session just ended (signed out, expired).
 */
import type { DevAccountsBody } from "@hub/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import "../auth.css";
import { useAuthConfig } from "../auth";
import { type OidcConfig, startSignIn } from "../oidc";
import { session } from "../session";
import { Status } from "./Status";

export function SignIn({ signedOut = false }: { signedOut?: boolean }) {
  const { t } = useTranslation();
  const config = useAuthConfig();
  const reason = useSyncExternalStore(session.subscribe, session.reason);
  const dev = config.data?.mode === "dev" && config.data.devLogin !== null;
  // /signed-out is where the provider sends the browser after ending its session too.
  const notice =
    reason === "expired"
      ? t("auth.expired")
      : signedOut && config.data?.mode === "oidc"
        ? t("auth.signedOut")
        : signedOut || reason === "signed-out"
          ? t("auth.signedOutDev")
          : null;

  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{dev ? t("auth.devTitle") : t("auth.signIn")}</h1>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {!config.data && <Status error={config.error} />}
      {config.data?.mode === "oidc" && <SingleSignOn config={config.data} />}
      {config.data?.mode === "dev" && !dev && <p>{t("auth.devOff")}</p>}
      {dev && <DevAccounts />}
    </section>
  );
}

function SingleSignOn({ config }: { config: OidcConfig }) {
  const { t } = useTranslation();
  // Success leaves the page for the provider's; the button stays disabled until it has.
  const start = useMutation({ mutationFn: () => startSignIn(config) });
  return (
    <>
      <p>{t("auth.ssoIntro")}</p>
      {start.error && <Status error={start.error} />}
      <button type="button" className="primary" disabled={start.isPending || start.isSuccess} onClick={() => start.mutate()}>
        {t("auth.ssoContinue")}
      </button>
      {(start.isPending || start.isSuccess) && <p aria-busy="true">{t("auth.ssoStarting")}</p>}
    </>
  );
}

function DevAccounts() {
  const { t, i18n } = useTranslation();
  const accounts = useQuery({ queryKey: ["dev-accounts"], queryFn: () => api<DevAccountsBody>("GET", "/v1/auth/dev-accounts") });
  const signIn = useMutation({
    mutationFn: (email: string) => api<{ token: string }>("POST", "/v1/auth/dev-login", { email }),
    onSuccess: ({ token }) => session.signIn(token, { persist: true }),
  });
  return (
    <>
      <p>{t("auth.devIntro")}</p>
      {signIn.error && <Status error={signIn.error} />}
      {!accounts.data && <Status error={accounts.error} />}
      <div className="orgs">
        {accounts.data?.orgs.map(({ org, accounts }) => (
          <section key={org.code} className="card" aria-labelledby={`org-${org.code}`}>
            <h2 id={`org-${org.code}`}>
              {i18n.language === "ko" ? org.nameKo : org.nameEn} <span className="code">{org.code}</span>
            </h2>
            <ul className="accounts">
              {accounts.map((a) => (
                <li key={a.email}>
                  <button type="button" disabled={signIn.isPending} onClick={() => signIn.mutate(a.email)}>
                    {a.email} <span className="role">{t(`role.${a.role}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
