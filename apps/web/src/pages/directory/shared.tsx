/** Pieces the directory's pages share: an organisation's or a person's name in the language shown, the problem sentence, links. */
import type { Org, PersonSummary } from "@hub/contracts";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api";

export const orgPath = (code: string) => `/directory/orgs/${encodeURIComponent(code)}`;
export const personPath = (id: string) => `/directory/people/${encodeURIComponent(id)}`;

/** Every organisation (GET /v1/orgs), cached as the other pages cache it. */
export const useOrgs = () => useQuery({ queryKey: ["orgs"], queryFn: () => api<{ items: Org[] }>("GET", "/v1/orgs"), staleTime: 300_000 });

/** What a failed request means, in the language shown. */
export function directoryProblem(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 403) return `${t("dir.error403")} (${error.message})`;
  if (error.status === 400 || error.status === 409) return t("dir.error400", { detail: error.message });
  return error.message;
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** An organisation's name in the language shown (the Korean one marked so). */
export function OrgName({ org }: { org: Pick<Org, "nameKo" | "nameEn"> }) {
  const { i18n } = useTranslation();
  return i18n.language === "ko" ? <span lang="ko">{org.nameKo}</span> : <span>{org.nameEn}</span>;
}

/** A person's name: the Korean one on Korean pages where there is one. */
export function PersonName({ person }: { person: Pick<PersonSummary, "name" | "nameKo"> }) {
  const { i18n } = useTranslation();
  return i18n.language === "ko" && person.nameKo ? <span lang="ko">{person.nameKo}</span> : <span>{person.name}</span>;
}
