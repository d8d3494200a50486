/**
 * PostgreSQL's text form of a timestamp, read into a Date that is always valid. The schema's
 * timestamps are "timestamp without time zone" holding UTC (Prisma's convention). Every boundary
 * keeps new values within 1900–2199 (TIME_WINDOW in @hub/contracts); this reader is for what is
 * already stored or was written past the boundaries: years BC, years of five digits,
 * `infinity`. A Date that is invalid throws on toISOString(), and one such row used to turn a
 * whole list into a 500 and stall the relay, so a value JavaScript cannot hold becomes the
 * nearest instant it can (±8.64e15 ms, years ±275760): a clear "beyond range", never a throw.
 */

const MAX_MS = 8.64e15;
const TEXT = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;

export function parseTimestamp(text: string): Date {
  if (text === "infinity") return new Date(MAX_MS);
  if (text === "-infinity") return new Date(-MAX_MS);
  const m = TEXT.exec(text);
  if (!m) return new Date(Number.isNaN(Date.parse(text)) ? -MAX_MS : Date.parse(text));
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m;
  // Year 1 BC is year 0 on the proleptic Gregorian calendar JavaScript uses, 2 BC is -1, …
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Number((frac ?? "").padEnd(3, "0").slice(0, 3)));
  let ms = date.getTime();
  if (sign) ms -= (sign === "-" ? -1 : 1) * ((Number(oh) * 60 + Number(om ?? 0)) * 60 + Number(os ?? 0)) * 1000;
  if (Number.isNaN(ms)) return new Date(year > 0 ? MAX_MS : -MAX_MS);
  return new Date(Math.max(-MAX_MS, Math.min(MAX_MS, ms)));
}
