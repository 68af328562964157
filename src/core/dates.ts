/**
 * Calendar helpers on UTC day numbers (days since 1970-01-01), used by every area that reads dates.
 *
 * Conventions (documented once, used everywhere):
 * - Every date is read in UTC. A date-only string (`2024-03-01` or `20240301`) is UTC midnight; an ISO
 *   date-time without an offset is read as UTC too (unlike `Date.parse`, which reads it as local time).
 * - Durations in `'week'` are 7 days; `'month'` is the mean Gregorian month, 365.2425 / 12 = 30.436875 days;
 *   `'year'` is the mean Gregorian year, 365.2425 days. These are exact calendar averages, not rounded constants.
 * @module
 */

/** Milliseconds in a day. */
export const MS_PER_DAY = 86_400_000;

/** A unit of elapsed time used for recency, T, horizons and rates. */
export type TimeUnit = 'day' | 'week' | 'month' | 'year';

/** A calendar period used to group purchases or cohorts. */
export type CalendarPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * Length of each {@link TimeUnit} in days: week 7, month 30.436875 (mean Gregorian), year 365.2425 (mean Gregorian).
 *
 * @example
 * import { DAYS_PER_TIME_UNIT } from 'crm-analytics';
 * DAYS_PER_TIME_UNIT.week; // => 7
 * DAYS_PER_TIME_UNIT.month * 12; // => 365.2425
 */
export const DAYS_PER_TIME_UNIT: Readonly<Record<TimeUnit, number>> = Object.freeze({
  day: 1,
  week: 7,
  month: 365.2425 / 12,
  year: 365.2425,
});

/**
 * Days since 1970-01-01 of a proleptic Gregorian civil date (month 1–12).
 * Method: Howard Hinnant's `days_from_civil` (http://howardhinnant.github.io/date_algorithms.html).
 * @internal
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The civil date (UTC) of a day number. Inverse of {@link daysFromCivil}.
 * @internal
 */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ISO_DATE_TIME =
  /^([+-]\d{6}|\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Largest absolute epoch-ms that a JavaScript Date can hold (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

/**
 * Parses an ISO 8601 string in UTC to epoch milliseconds, or `undefined` if it is not a valid date.
 * Accepts `YYYY-MM-DD`, `YYYYMMDD`, and date-times `YYYY-MM-DD[T ]HH:mm[:ss[.sss]][Z|±hh[:mm]]`;
 * a date-time without an offset is UTC.
 * @internal
 */
export function parseIsoToMs(text: string): number | undefined {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  // 24:00 is the end of the day only as 24:00:00 with no fraction (ISO 8601); −000000 is not a year.
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0 || fraction > 0))) {
    return undefined;
  }
  if (m[1] === '-000000') return undefined;
  let offsetMinutes = 0;
  const zone = m[8];
  // Stryker disable next-line StringLiteral: 'Z' / 'z' sent into the offset branch read as +00:00 (empty digits are 0), the same instant
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    Math.round(fraction * 1000);
  return Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

/**
 * Reads a date given as a `Date`, an ISO 8601 string (UTC) or epoch milliseconds, to epoch milliseconds;
 * `undefined` when it is not a valid date.
 * @internal
 */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'string') return parseIsoToMs(value);
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_DATE_MS ? value : undefined;
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/**
 * Reads a date to its UTC day number (floor of epoch days), with a fast path for `YYYY-MM-DD` strings;
 * `undefined` when invalid.
 * @internal
 */
export function toEpochDay(value: unknown): number | undefined {
  // Stryker disable next-line StringLiteral,BlockStatement: skipping the fast path leaves toEpochMs, which gives the same day for every such string
  if (typeof value === 'string' && value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const y0 = value.charCodeAt(0) - 48;
    const y1 = value.charCodeAt(1) - 48;
    const y2 = value.charCodeAt(2) - 48;
    const y3 = value.charCodeAt(3) - 48;
    const m0 = value.charCodeAt(5) - 48;
    const m1 = value.charCodeAt(6) - 48;
    const d0 = value.charCodeAt(8) - 48;
    const d1 = value.charCodeAt(9) - 48;
    // Unsigned comparison: a non-digit gives a value outside 0–9.
    if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return undefined;
    if (m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return undefined;
    const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    const mo = m0 * 10 + m1;
    const d = d0 * 10 + d1;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
    return daysFromCivil(y, mo, d);
  }
  const ms = toEpochMs(value);
  return ms === undefined ? undefined : Math.floor(ms / MS_PER_DAY);
}

/**
 * The UTC-midnight `Date` of a day number.
 * @internal
 */
export function dayToDate(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

/**
 * The index of the calendar period that contains a day: the day itself; ISO weeks starting Monday
 * (index 0 is the week of Monday 1969-12-29); calendar months (`year·12 + month − 1`); quarters; years.
 * @internal
 */
export function periodIndex(day: number, period: CalendarPeriod): number {
  switch (period) {
    case 'day':
      return day;
    case 'week':
      return Math.floor((day + 3) / 7);
    case 'month': {
      const c = civilFromDays(day);
      return c.year * 12 + c.month - 1;
    }
    case 'quarter': {
      const c = civilFromDays(day);
      return c.year * 4 + Math.floor((c.month - 1) / 3);
    }
    case 'year':
      return civilFromDays(day).year;
  }
}

/**
 * The first day (day number) of a period index produced by {@link periodIndex}.
 * @internal
 */
export function periodStartDay(index: number, period: CalendarPeriod): number {
  switch (period) {
    case 'day':
      return index;
    case 'week':
      return index * 7 - 3;
    case 'month':
      return daysFromCivil(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1, 1);
    case 'quarter':
      return daysFromCivil(Math.floor(index / 4), (((index % 4) + 4) % 4) * 3 + 1, 1);
    case 'year':
      return daysFromCivil(index, 1, 1);
  }
}
