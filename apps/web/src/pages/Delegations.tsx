/**
 * The acting-head page (/delegations): a head of mission names a member of the mission's staff
 * acting head for a window of days and revokes it; the mission's people, HQ and administrators
 * see the list. A delegation's days are UTC days (the API's rule), so each window is also shown
 * as the moments it starts and ends in the mission's local time and in Seoul.
 */
import type { DelegationCandidates, DelegationItem, Me, Org } from "@hub/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api";
import { missionTime, seoulTime } from "../time";
import { Status } from "./Status";

const LIST = ["delegations"];
const READERS: Me["role"][] = ["MISSION_HEAD", "MISSION_STAFF", "HQ_REVIEWER", "ADMIN"];

const todayUtc = () => new Date().toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/** What a failed request means for the person, in their language, and what to do about it. */
export function delegationProblem(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 400) {
    const detail = error.issues.length > 0 ? error.issues.map((i) => `${i.path.replace(/^body\./, "")} ${i.message}`).join("; ") : error.message;
    return t("delegation.error400", { detail });
  }
  if (error.status === 403 || error.status === 404 || error.status === 409) return t(`delegation.error${error.status}`);
  return error.message;
}

/** A window of UTC days as the moments it begins and ends, in the mission's time (when known) and in Seoul. */
/** Where a mission's local time comes from: its directory time zone, else its country's. */
type Clock = { country: string | null; timeZone?: string | null };

function windowText(t: TFunction, lang: string, from: string, until: string, where: Clock): string {
  const start = `${from}T00:00:00Z`;
  const end = `${until}T23:59:00Z`;
  const seoul = { seoulFrom: seoulTime(start, lang), seoulUntil: seoulTime(end, lang) };
  const localFrom = missionTime(start, lang, where);
  const localUntil = missionTime(end, lang, where);
  return localFrom && localUntil ? t("delegation.window", { localFrom, localUntil, ...seoul }) : t("delegation.windowSeoul", seoul);
}

type State = "active" | "upcoming" | "revoked" | "ended";
const stateOf = (d: DelegationItem, today: string): State => (d.revokedAt ? "revoked" : d.active ? "active" : d.from > today ? "upcoming" : "ended");

export function Delegations({ me }: { me: Me }) {
  const { t } = useTranslation();
  const reads = READERS.includes(me.role);
  const list = useQuery({ queryKey: LIST, queryFn: () => api<{ items: DelegationItem[] }>("GET", "/v1/delegations"), enabled: reads });
  // Each mission's clock, for its local time (HQ and administrators see every mission's).
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: () => api<{ items: Org[] }>("GET", "/v1/orgs"), enabled: reads, staleTime: 300_000 });
  const clockOf = (code: string): Clock => (code === me.org.code ? me.org : (orgs.data?.items.find((o) => o.code === code) ?? { country: null }));
  const today = todayUtc();
  const items = list.data?.items ?? [];
  const current = items.filter((d) => ["active", "upcoming"].includes(stateOf(d, today)));
  const past = items.filter((d) => !current.includes(d));
  const isHead = me.role === "MISSION_HEAD" && me.org.kind === "MISSION";
  return (
    <section aria-labelledby="delegations-title">
      <h1 id="delegations-title">{t("delegation.title")}</h1>
      {!reads && <p>{t("delegation.notForYou")}</p>}
      {reads && <p>{isHead ? t("delegation.intro") : t("delegation.readOnly")}</p>}
      {isHead && <NewDelegation clock={me.org} />}
      {reads && !list.data && <Status error={list.error && delegationProblem(t, list.error)} />}
      {list.data && (
        <>
          <DelegationTable id="current" caption={t("delegation.current")} items={current} today={today} clockOf={clockOf} canRevoke={isHead} />
          <DelegationTable id="past" caption={t("delegation.past")} items={past} today={today} clockOf={clockOf} canRevoke={false} />
        </>
      )}
    </section>
  );
}

function NewDelegation({ clock }: { clock: Clock }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queries = useQueryClient();
  const candidates = useQuery({
    queryKey: ["delegations", "candidates"],
    queryFn: () => api<DelegationCandidates>("GET", "/v1/delegations/candidates"),
  });
  const [to, setTo] = useState("");
  const [from, setFrom] = useState(todayUtc);
  const [until, setUntil] = useState(() => plusDays(todayUtc(), 7));
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api<DelegationItem>("POST", "/v1/delegations", { to, from, until }),
    onSuccess: () => queries.invalidateQueries({ queryKey: LIST }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    create.reset();
    // What the API would refuse with a 400 anyway, said before sending.
    if (!to) return setProblem(t("delegation.needTo"));
    if (!from || !until) return setProblem(t("delegation.needDates"));
    if (until < from) return setProblem(t("delegation.untilBeforeFrom"));
    create.mutate();
  };
  const nameOf = (email: string) => candidates.data?.items.find((c) => c.email === email)?.name ?? email;
  return (
    <form aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>{t("delegation.new")}</h2>
      {candidates.error && <Status error={delegationProblem(t, candidates.error)} />}
      {candidates.data?.items.length === 0 && <p>{t("delegation.noCandidates")}</p>}
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("delegation.to")}</label>
        <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t("delegation.chooseTo")}</option>
          {candidates.data?.items.map((c) => (
            <option key={c.email} value={c.email}>
              {c.name} ({c.email})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("delegation.from")}</label>
        <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t("delegation.until")}</label>
        <input id={`${id}-until`} type="date" value={until} aria-describedby={`${id}-window`} onChange={(e) => setUntil(e.target.value)} />
        {from && until && from <= until && (
          <small id={`${id}-window`}>
            {t("delegation.windowLabel")}: {windowText(t, i18n.language, from, until, clock)}
          </small>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("delegation.submit")}
        </button>
      </div>
      {(problem || create.error) && (
        <p role="alert" className="error">
          {problem ?? delegationProblem(t, create.error)}
        </p>
      )}
      {create.isSuccess && <p role="status">{t("delegation.created", { to: nameOf(create.data.to) })}</p>}
    </form>
  );
}

function DelegationTable(props: {
  id: string;
  caption: string;
  items: DelegationItem[];
  today: string;
  clockOf: (mission: string) => Clock;
  canRevoke: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { items, today, clockOf, canRevoke } = props;
  return (
    <div className="table-wrap">
      <table aria-labelledby={`delegations-${props.id}`}>
        <caption id={`delegations-${props.id}`}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("delegation.to")}</th>
            <th scope="col">{t("delegation.from")}</th>
            <th scope="col">{t("delegation.until")}</th>
            <th scope="col">{t("delegation.windowLabel")}</th>
            <th scope="col">{t("delegation.mission")}</th>
            <th scope="col">{t("delegation.grantedBy")}</th>
            <th scope="col">{t("delegation.state")}</th>
            {canRevoke && <th scope="col">{t("delegation.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={canRevoke ? 8 : 7}>{t("delegation.none")}</td>
            </tr>
          )}
          {items.map((d) => (
            <tr key={d.id}>
              <td>{d.to}</td>
              <td>{d.from}</td>
              <td>{d.until}</td>
              <td>{windowText(t, i18n.language, d.from, d.until, clockOf(d.missionCode))}</td>
              <td>{d.missionCode}</td>
              <td>{d.grantedBy}</td>
              <td>{t(`delegation.${stateOf(d, today)}`)}</td>
              {canRevoke && <td>{!d.revokedAt && <Revoke delegation={d} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Revoking asks first, in the page (a focusable question with both answers), not in a browser dialog. */
function Revoke({ delegation: d }: { delegation: DelegationItem }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [asking, setAsking] = useState(false);
  // The button that opened the question is gone: keyboard focus moves to the safe answer.
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  const revoke = useMutation({
    mutationFn: () => api<DelegationItem>("DELETE", `/v1/delegations/${encodeURIComponent(d.id)}`),
    onSettled: () => queries.invalidateQueries({ queryKey: LIST }),
  });
  if (revoke.error) {
    return (
      <p role="alert" className="error">
        {delegationProblem(t, revoke.error)}
      </p>
    );
  }
  if (!asking) {
    return (
      <button type="button" className="danger" aria-label={t("delegation.revokeNamed", { to: d.to })} onClick={() => setAsking(true)}>
        {t("delegation.revoke")}
      </button>
    );
  }
  return (
    <fieldset>
      <legend>{t("delegation.revokeNamed", { to: d.to })}</legend>
      <p>{t("delegation.confirm", { to: d.to, from: d.from, until: d.until })}</p>
      <div className="actions">
        <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          {t("delegation.confirmYes")}
        </button>
        <button type="button" ref={keep} disabled={revoke.isPending} onClick={() => setAsking(false)}>
          {t("delegation.confirmNo")}
        </button>
      </div>
    </fieldset>
  );
}
