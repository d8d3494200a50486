/** Loading, or the API's sentence when something failed. */
import { useTranslation } from "react-i18next";

export function Status({ error }: { error?: unknown }) {
  const { t } = useTranslation();
  if (!error) return <p aria-busy="true">{t("errors.loading")}</p>;
  return (
    <p role="alert" className="error">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}
