/** Deadlines as people read them: what is left, and the moment in Seoul time. */
import { formatMoment, MISSION_TIME_ZONES, SEOUL_TIME_ZONE } from "@hub/contracts/core";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** "3일 4시간 남음" / "3 d 4 h left", or overdue. */
export function timeLeft(t: TFunction, until: string | number, now = Date.now()): { text: string; overdue: boolean } {
  const ms = (typeof until === "number" ? until : Date.parse(until)) - now;
  if (ms <= 0) return { text: t("time.overdue"), overdue: true };
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.max(1, Math.floor((ms % HOUR) / 60_000));
  if (days > 0) return { text: t("time.leftDays", { days, hours }), overdue: false };
  if (hours > 0) return { text: t("time.leftHours", { hours, minutes }), overdue: false };
  return { text: t("time.leftMinutes", { minutes }), overdue: false };
}

/** A due day (YYYY-MM-DD) ends at the end of that day; counted in whole days ("D-3", "D-day", overdue). */
export function dueIn(t: TFunction, dueOn: string, today = new Date().toISOString().slice(0, 10)): { text: string; overdue: boolean } {
  const days = Math.round((Date.parse(dueOn) - Date.parse(today)) / DAY);
  if (days < 0) return { text: t("time.overdueDays", { days: -days }), overdue: true };
  if (days === 0) return { text: t("time.dueToday"), overdue: false };
  return { text: t("time.dueInDays", { days }), overdue: false };
}

const clock = (iso: string, lang: string, timeZone: string) => formatMoment(new Date(iso), lang, timeZone);

export const seoulTime = (iso: string, lang: string) => clock(iso, lang, SEOUL_TIME_ZONE);

/**
 * The moment on the mission's clock: the directory's time zone for the organisation when the page
 * has it (a consulate general in Los Angeles is not on New York's), else its country's known one.
 */
export const missionTime = (iso: string, lang: string, where: { country: string | null; timeZone?: string | null }) => {
  const zone = where.timeZone || (where.country ? MISSION_TIME_ZONES[where.country] : undefined);
  return zone ? clock(iso, lang, zone) : null;
};

export const krw = (n: number, lang: string) =>
  new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-GB", { style: "currency", currency: "KRW" }).format(n);

/** The current time, re-read every `everyMs`, so countdowns move while a page stays open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
