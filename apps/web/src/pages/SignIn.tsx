/** Development sign-in: the seeded accounts grouped by organisation; one click signs in. */
import type { AuthConfigBody, DevAccountsBody } from "@hub/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { session } from "../session";
import { Status } from "./Status";

export function SignIn() {
  const { t, i18n } = useTranslation();
  const config = useQuery({ queryKey: ["auth-config"], queryFn: () => api<AuthConfigBody>("GET", "/v1/auth/config") });
  const dev = config.data?.mode === "dev" && config.data.devLogin !== null;
  const accounts = useQuery({ queryKey: ["dev-accounts"], queryFn: () => api<DevAccountsBody>("GET", "/v1/auth/dev-accounts"), enabled: dev });
  const signIn = useMutation({
    mutationFn: (email: string) => api<{ token: string }>("POST", "/v1/auth/dev-login", { email }),
    onSuccess: ({ token }) => session.signIn(token),
  });

  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{dev ? t("auth.devTitle") : t("auth.signIn")}</h1>
      {!config.data && <Status error={config.error} />}
      {config.data?.mode === "oidc" && <p>{t("auth.oidcLater")}</p>}
      {config.data?.mode === "dev" && !dev && <p>{t("auth.devOff")}</p>}
      {dev && (
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
      )}
    </section>
  );
}
