/** The signed-in person's e-mail notice preferences (GET/PUT /v1/me/notifications). */
import type { NotificationPrefs as Prefs } from "@hub/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api";
import { Status } from "./Status";

const KEY = ["me", "notifications"];
const DEFAULT_QUIET = { from: "22:00", until: "07:00" };

export function NotificationPrefs() {
  const { t } = useTranslation();
  const prefs = useQuery({ queryKey: KEY, queryFn: () => api<Prefs>("GET", "/v1/me/notifications") });
  return (
    <section aria-labelledby="prefs-title">
      <h1 id="prefs-title">{t("prefs.title")}</h1>
      <p>{t("prefs.intro")}</p>
      {prefs.data ? <PrefsForm initial={prefs.data} /> : <Status error={prefs.error} />}
    </section>
  );
}

function PrefsForm({ initial }: { initial: Prefs }) {
  const { t } = useTranslation();
  const id = useId();
  const queries = useQueryClient();
  const [draft, setDraft] = useState(initial);
  useEffect(() => setDraft(initial), [initial]);
  const save = useMutation({
    mutationFn: (p: Prefs) => api<Prefs>("PUT", "/v1/me/notifications", p),
    onSuccess: (saved) => queries.setQueryData(KEY, saved),
  });
  const set = <K extends keyof Prefs>(k: K, v: Prefs[K]) => {
    save.reset();
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  const problem =
    save.error instanceof ApiError && save.error.status === 400
      ? t("prefs.invalid", {
          detail:
            save.error.issues.length > 0
              ? save.error.issues.map((i) => `${i.path.replace(/^body\./, "")} ${i.message}`).join("; ")
              : save.error.message,
        })
      : save.error
        ? String((save.error as Error).message)
        : null;
  const quiet = draft.quietHours;
  return (
    <form onSubmit={submit} noValidate aria-describedby={problem ? `${id}-problem` : undefined}>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t("prefs.language")}</label>
        <select id={`${id}-lang`} value={draft.language} onChange={(e) => set("language", e.target.value as Prefs["language"])}>
          {(["ko", "en"] as const).map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`prefs.languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t("prefs.delivery")}</legend>
        {(["instant", "digest"] as const).map((d) => (
          <label key={d}>
            <input type="radio" name={`${id}-delivery`} value={d} checked={draft.delivery === d} onChange={() => set("delivery", d)} />{" "}
            {t(`prefs.deliveries.${d}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-tz`}>{t("prefs.timeZone")}</label>
        <input id={`${id}-tz`} value={draft.timeZone} aria-describedby={`${id}-tz-hint`} onChange={(e) => set("timeZone", e.target.value)} />
        <small id={`${id}-tz-hint`}>{t("prefs.timeZoneHint")}</small>
      </div>
      <fieldset className="field">
        <legend>
          <label>
            <input type="checkbox" checked={quiet !== null} onChange={(e) => set("quietHours", e.target.checked ? DEFAULT_QUIET : null)} />{" "}
            {t("prefs.quiet")}
          </label>
        </legend>
        {quiet && (
          <>
            <label htmlFor={`${id}-from`}>{t("prefs.quietFrom")}</label>{" "}
            <input id={`${id}-from`} type="time" value={quiet.from} onChange={(e) => set("quietHours", { ...quiet, from: e.target.value })} />{" "}
            <label htmlFor={`${id}-until`}>{t("prefs.quietUntil")}</label>{" "}
            <input id={`${id}-until`} type="time" value={quiet.until} onChange={(e) => set("quietHours", { ...quiet, until: e.target.value })} />
            <p>
              <small>{t("prefs.quietHint")}</small>
            </p>
          </>
        )}
      </fieldset>
      <div className="field">
        <label>
          <input type="checkbox" checked={draft.urgentBypassesQuiet} onChange={(e) => set("urgentBypassesQuiet", e.target.checked)} />{" "}
          {t("prefs.urgent")}
        </label>
      </div>
      <button type="submit" disabled={save.isPending}>
        {t("prefs.save")}
      </button>
      {save.isSuccess && <p role="status">{t("prefs.saved")}</p>}
      {problem && (
        <p role="alert" className="error" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </form>
  );
}
