/** Pieces the directory's pages share: an organisation's or a person's name in the language shown, the problem sentence, links. */
import type { PersonSummary } from "@hub/contracts";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";

export const orgPath = (code: string) => `/directory/orgs/${encodeURIComponent(code)}`;
export const personPath = (id: string) => `/directory/people/${encodeURIComponent(id)}`;

export { OrgName, useOrgs } from "../../components/OrgName";

/** What a failed request means, in the language shown. */
export function directoryProblem(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 403) return `${t("dir.error403")} (${error.message})`;
  if (error.status === 400 || error.status === 409) return t("dir.error400", { detail: error.message });
  return error.message;
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** A person's name: the Korean one on Korean pages where there is one. */
export function PersonName({ person }: { person: Pick<PersonSummary, "name" | "nameKo"> }) {
  const { i18n } = useTranslation();
  return i18n.language === "ko" && person.nameKo ? <span lang="ko">{person.nameKo}</span> : <span>{person.name}</span>;
}
