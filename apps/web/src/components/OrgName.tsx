/** Organisations as people read them: by name in the language shown, not by code. */
import type { Org } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api";

/** Every organisation (GET /v1/orgs), fetched once and shared by every page that names one. */
export const useOrgs = () => useQuery({ queryKey: ["orgs"], queryFn: () => api<{ items: Org[] }>("GET", "/v1/orgs"), staleTime: 300_000 });

/** An organisation's name in the language shown (the Korean one marked so). */
export function OrgName({ org }: { org: Pick<Org, "nameKo" | "nameEn"> }) {
  const { i18n } = useTranslation();
  return i18n.language === "ko" ? <span lang="ko">{org.nameKo}</span> : <span>{org.nameEn}</span>;
}

/**
 * The organisation a code names, by name, with the code beside it for those who quote it; the
 * code alone until the directory is loaded (or for a code it no longer holds).
 */
export function OrgLabel({ code }: { code: string }) {
  const org = useOrgs().data?.items.find((o) => o.code === code);
  if (!org) return <span className="code">{code}</span>;
  return (
    <span className="org-label">
      <OrgName org={org} /> <span className="code">{code}</span>
    </span>
  );
}

/** Several organisations by name, in the order given ("none" is the caller's to say). */
export function OrgLabels({ codes }: { codes: readonly string[] }) {
  return (
    <>
      {codes.map((code, i) => (
        <span key={code}>
          {i > 0 && ", "}
          <OrgLabel code={code} />
        </span>
      ))}
    </>
  );
}
