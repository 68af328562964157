// Written for the mutants of src/core/dates.ts that survived Stryker (see docs/testing.md): civil dates against the
// built-in Date (setUTCFullYear, whole Date range, negative years), date-fns and a brute-force day count by year
// lengths; every validity bound of the ISO parser (month/day per month and leap rule, 24:00, leap second, offsets,
// ±8.64e15 ms) and of the `YYYY-MM-DD` fast path (a non-digit at each position, separators).
import { getDaysInMonth, startOfISOWeek } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  parseIsoToMs,
  periodIndex,
  periodStartDay,
  toEpochDay,
  toEpochMs,
} from '../../src/core/dates.js';
import { fc, test } from '../support/property.js';

const DAY_MS = 86_400_000;
/** The Date range: ±100,000,000 days around 1970-01-01. */
const DATE_DAYS = 100_000_000;

/** Epoch ms of a UTC civil date-time through the built-in Date (setUTCFullYear reads years 0–99 literally). */
function dateUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** The UTC civil date of a day number, read back from the built-in Date. */
function dateCivil(day: number): [number, number, number] {
  const d = new Date(day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** Gregorian leap rule, written out: every 4th year, except centuries, except every 400th year. */
function isLeap(year: number): boolean {
  if (year % 400 === 0) return true;
  if (year % 100 === 0) return false;
  return year % 4 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_LENGTHS[month - 1] as number);
}

/** Days since 1970-01-01 by counting whole years one at a time, then months, then days (|year − 1970| small). */
function bruteDays(year: number, month: number, day: number): number {
  let days = 0;
  for (let y = 1970; y < year; y++) days += isLeap(y) ? 366 : 365;
  for (let y = year; y < 1970; y++) days -= isLeap(y) ? 366 : 365;
  for (let m = 1; m < month; m++) days += monthLength(year, m);
  return days + day - 1;
}

/** Days since 1970-01-01 by counting leap years with floor divisions (any safe-integer year). */
function countedDays(year: number, month: number, day: number): number {
  const leapsBefore = (y: number): number =>
    Math.floor((y - 1) / 4) - Math.floor((y - 1) / 100) + Math.floor((y - 1) / 400);
  let days = 365 * (year - 1970) + leapsBefore(year) - leapsBefore(1970);
  for (let m = 1; m < month; m++) days += monthLength(year, m);
  return days + day - 1;
}

/** Monday-based week start of a day number via date-fns (on a local-time Date at noon of that civil day). */
function mondayViaDateFns(day: number): number {
  const [y, m, d] = dateCivil(day);
  const local = new Date(2000, 0, 1, 12);
  local.setFullYear(y, m - 1, d);
  const monday = startOfISOWeek(local);
  return countedDays(monday.getFullYear(), monday.getMonth() + 1, monday.getDate());
}

/** The last day of every 400-year era (day-of-era 146096): 29 February of a year divisible by 400. */
const eraEndYears = [-800, -400, 0, 400, 1600, 2000, 2400, 10_000];

describe('civilFromDays and daysFromCivil over the documented range', () => {
  it('gives 29 February of each year divisible by 400 (the last day of a 400-year era) and its neighbours', () => {
    for (const year of eraEndYears) {
      const feb29 = dateUtc(year, 2, 29) / DAY_MS;
      expect(dateCivil(feb29)).toEqual([year, 2, 29]);
      expect(civilFromDays(feb29)).toEqual({ year, month: 2, day: 29 });
      expect(civilFromDays(feb29 - 1)).toEqual({ year, month: 2, day: 28 });
      expect(civilFromDays(feb29 + 1)).toEqual({ year, month: 3, day: 1 });
      expect(daysFromCivil(year, 2, 29)).toBe(feb29);
      expect(daysFromCivil(year, 3, 1)).toBe(feb29 + 1);
    }
    // 2000-02-29 is day 11,016: 30 years of 365 days + 7 leap days + 31 + 28 days.
    expect(civilFromDays(11_016)).toEqual({ year: 2000, month: 2, day: 29 });
    expect(civilFromDays(30 * 365 + 7 + 31 + 28)).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('agrees with the built-in Date at both ends of its range', () => {
    for (const day of [-DATE_DAYS, -DATE_DAYS + 1, DATE_DAYS - 1, DATE_DAYS]) {
      const [year, month, date] = dateCivil(day);
      expect(civilFromDays(day)).toEqual({ year, month, day: date });
      expect(daysFromCivil(year, month, date)).toBe(day);
    }
    expect(civilFromDays(DATE_DAYS)).toEqual({ year: 275_760, month: 9, day: 13 });
    expect(civilFromDays(-DATE_DAYS)).toEqual({ year: -271_821, month: 4, day: 20 });
  });

  test.prop([fc.integer({ min: -DATE_DAYS, max: DATE_DAYS })])(
    'civilFromDays equals Date#getUTC* over the whole Date range (negative years included)',
    (day) => {
      const [year, month, date] = dateCivil(day);
      expect(civilFromDays(day)).toEqual({ year, month, day: date });
      expect(daysFromCivil(year, month, date)).toBe(day);
    },
  );

  test.prop([fc.integer({ min: -3000, max: 5000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })])(
    'daysFromCivil equals a year-by-year day count and Date.UTC',
    (year, month, rawDay) => {
      const day = Math.min(rawDay, monthLength(year, month));
      const expected = bruteDays(year, month, day);
      expect(daysFromCivil(year, month, day)).toBe(expected);
      expect(dateUtc(year, month, day)).toBe(expected * DAY_MS);
      expect(civilFromDays(expected)).toEqual({ year, month, day });
    },
  );

  test.prop([
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  ])('works far beyond the Date range (years ±10⁹) against a leap-year count', (year, month, rawDay) => {
    const day = Math.min(rawDay, monthLength(year, month));
    const expected = countedDays(year, month, day);
    expect(daysFromCivil(year, month, day)).toBe(expected);
    expect(civilFromDays(expected)).toEqual({ year, month, day });
  });

  it('counts days in every month like date-fns (local-time calendar, years −400 … 2400 around century rules)', () => {
    for (const year of [-401, -400, -100, -4, -1, 0, 1, 4, 100, 1600, 1700, 1900, 1996, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        const local = new Date(2000, 0, 1, 12);
        local.setFullYear(year, month - 1, 1);
        const length = getDaysInMonth(local);
        expect(daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1)).toBe(
          daysFromCivil(year, month, 1) + length,
        );
      }
    }
  });
});

describe('calendar periods against the built-in Date and date-fns', () => {
  test.prop([fc.integer({ min: -DATE_DAYS + 7, max: DATE_DAYS - 7 })])(
    'week, month, quarter and year indices and starts',
    (day) => {
      const monday = mondayViaDateFns(day);
      // Index 0 is the week of Monday 1969-12-29 (day −3).
      expect(periodIndex(day, 'week')).toBe((monday + 3) / 7);
      expect(periodStartDay(periodIndex(day, 'week'), 'week')).toBe(monday);
      const [year, month] = dateCivil(day);
      expect(periodIndex(day, 'month')).toBe(year * 12 + month - 1);
      expect(periodStartDay(year * 12 + month - 1, 'month')).toBe(countedDays(year, month, 1));
      const quarter = Math.floor((month - 1) / 3);
      expect(periodIndex(day, 'quarter')).toBe(year * 4 + quarter);
      expect(periodStartDay(year * 4 + quarter, 'quarter')).toBe(countedDays(year, quarter * 3 + 1, 1));
      expect(periodIndex(day, 'year')).toBe(year);
      expect(periodStartDay(year, 'year')).toBe(countedDays(year, 1, 1));
      expect(periodIndex(day, 'day')).toBe(day);
      expect(periodStartDay(day, 'day')).toBe(day);
    },
  );
});

describe('parseIsoToMs: month and day validity (the general parser, not the fast path)', () => {
  it.each([
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-32',
    '2024-04-31',
    '2024-06-31',
    '2024-09-31',
    '2024-11-31',
    '2023-02-29',
    '1900-02-29',
    '2100-02-29',
    '-000100-02-29',
    '2024-02-30',
    '20241301',
    '20240100',
    '20240431',
    '2024-13-01T00:00Z',
    '2024-04-31T12:00',
    '1900-02-29T00:00:00Z',
  ])('rejects %j', (text) => {
    expect(parseIsoToMs(text)).toBeUndefined();
  });

  it('accepts the last day of every month, with the Gregorian leap rule (years 0, 400, 2000 leap; 1900 not)', () => {
    for (const year of [-400, 0, 1, 400, 1900, 1999, 2000, 2023, 2024]) {
      for (let month = 1; month <= 12; month++) {
        const last = monthLength(year, month);
        const y =
          year < 0 || year > 9999
            ? `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`
            : String(year).padStart(4, '0');
        const text = `${y}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
        expect(parseIsoToMs(text), text).toBe(dateUtc(year, month, last));
        expect(parseIsoToMs(`${text}T00:00Z`), text).toBe(dateUtc(year, month, last));
      }
    }
    expect(parseIsoToMs('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
    expect(parseIsoToMs('0000-02-29')).toBe(dateUtc(0, 2, 29));
    expect(parseIsoToMs('-000400-02-29')).toBe(dateUtc(-400, 2, 29));
    expect(parseIsoToMs('2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(parseIsoToMs('20240229')).toBe(Date.UTC(2024, 1, 29));
  });

  it('trims surrounding whitespace', () => {
    expect(parseIsoToMs('  2024-03-10')).toBe(Date.UTC(2024, 2, 10));
    expect(parseIsoToMs('\t2024-03-10T10:00Z\n')).toBe(Date.UTC(2024, 2, 10, 10));
    expect(parseIsoToMs(' 20240310 ')).toBe(Date.UTC(2024, 2, 10));
    expect(toEpochDay(' 2024-03-10')).toBe(Date.UTC(2024, 2, 10) / DAY_MS);
  });
});

describe('parseIsoToMs: time-of-day bounds', () => {
  it('accepts 24:00 (and 24:00:00) as the next midnight, rejects anything past it', () => {
    expect(parseIsoToMs('2024-03-10T24:00')).toBe(Date.UTC(2024, 2, 11));
    expect(parseIsoToMs('2024-03-10T24:00:00')).toBe(Date.UTC(2024, 2, 11));
    expect(parseIsoToMs('2024-03-10T24:00:00Z')).toBe(Date.UTC(2024, 2, 11));
    expect(parseIsoToMs('2024-12-31T24:00Z')).toBe(Date.UTC(2025, 0, 1));
    expect(parseIsoToMs('2024-03-10T24:01')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T24:00:01')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T24:59:59')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T25:00')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T23:59:59')).toBe(Date.UTC(2024, 2, 10, 23, 59, 59));
  });

  it('bounds minutes at 59 and seconds at 60 (a leap second reads as the next minute)', () => {
    expect(parseIsoToMs('2024-03-10T10:59')).toBe(Date.UTC(2024, 2, 10, 10, 59));
    expect(parseIsoToMs('2024-03-10T10:60')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:60:00')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:00:59')).toBe(Date.UTC(2024, 2, 10, 10, 0, 59));
    expect(parseIsoToMs('2024-03-10T10:00:60')).toBe(Date.UTC(2024, 2, 10, 10, 1, 0));
    expect(parseIsoToMs('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
    expect(parseIsoToMs('2024-03-10T10:00:61')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:00:99')).toBeUndefined();
  });
});

describe('parseIsoToMs: offsets', () => {
  it('reads Z, z, ±hh, ±hhmm and ±hh:mm', () => {
    expect(parseIsoToMs('2024-03-10T10:00Z')).toBe(Date.UTC(2024, 2, 10, 10));
    expect(parseIsoToMs('2024-03-10T10:00z')).toBe(Date.UTC(2024, 2, 10, 10));
    expect(parseIsoToMs('2024-03-10T10:00+02')).toBe(Date.UTC(2024, 2, 10, 8));
    expect(parseIsoToMs('2024-03-10T10:00-02')).toBe(Date.UTC(2024, 2, 10, 12));
    expect(parseIsoToMs('2024-03-10T10:00+0230')).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(parseIsoToMs('2024-03-10T10:00-02:30')).toBe(Date.UTC(2024, 2, 10, 12, 30));
    expect(parseIsoToMs('2024-03-10T10:00 +01:00')).toBe(Date.UTC(2024, 2, 10, 9));
  });

  it('bounds offset hours at 23 and offset minutes at 59', () => {
    expect(parseIsoToMs('2024-03-10T10:00+23:00')).toBe(Date.UTC(2024, 2, 9, 11));
    expect(parseIsoToMs('2024-03-10T10:00-23')).toBe(Date.UTC(2024, 2, 11, 9));
    expect(parseIsoToMs('2024-03-10T10:00+23:59')).toBe(Date.UTC(2024, 2, 9, 10, 1));
    expect(parseIsoToMs('2024-03-10T10:00+00:59')).toBe(Date.UTC(2024, 2, 10, 9, 1));
    expect(parseIsoToMs('2024-03-10T10:00-0059')).toBe(Date.UTC(2024, 2, 10, 10, 59));
    expect(parseIsoToMs('2024-03-10T10:00+24:00')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:00+24')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:00-99')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:00+00:60')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:00-0560')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T10:00+23:60')).toBeUndefined();
  });

  it('agrees with Date.parse on offset date-times', () => {
    for (const text of [
      '2024-03-10T10:00:00+05:45',
      '1999-12-31T23:59:59.999-12:00',
      '2000-02-29T00:00:00+14:00',
      '0001-01-01T00:00:00+01:00',
    ]) {
      expect(parseIsoToMs(text), text).toBe(Date.parse(text));
    }
  });
});

describe('the ±8.64e15 ms limit of a JavaScript Date', () => {
  it('accepts exactly ±8.64e15 ms and rejects one millisecond beyond', () => {
    expect(parseIsoToMs('+275760-09-13T00:00:00Z')).toBe(8.64e15);
    expect(parseIsoToMs('+275760-09-13')).toBe(8.64e15);
    expect(parseIsoToMs('+275760-09-13T01:00+01:00')).toBe(8.64e15);
    expect(parseIsoToMs('+275760-09-13T00:00:00.001Z')).toBeUndefined();
    expect(parseIsoToMs('+275760-09-14')).toBeUndefined();
    expect(parseIsoToMs('+275760-09-12T23:59:59.999Z')).toBe(8.64e15 - 1);
    expect(parseIsoToMs('-271821-04-20T00:00:00Z')).toBe(-8.64e15);
    expect(parseIsoToMs('-271821-04-20')).toBe(-8.64e15);
    expect(parseIsoToMs('-271821-04-19T23:59:59.999Z')).toBeUndefined();
    expect(parseIsoToMs('-271821-04-19')).toBeUndefined();
    expect(parseIsoToMs('+999999-12-31')).toBeUndefined();
    expect(Date.parse('+275760-09-13T00:00:00Z')).toBe(8.64e15);
    expect(Date.parse('-271821-04-20T00:00:00Z')).toBe(-8.64e15);
  });

  it('toEpochMs / toEpochDay accept epoch ms up to ±8.64e15 inclusive', () => {
    expect(toEpochMs(8.64e15)).toBe(8.64e15);
    expect(toEpochMs(-8.64e15)).toBe(-8.64e15);
    expect(toEpochMs(8.64e15 + 1)).toBeUndefined();
    expect(toEpochMs(-8.64e15 - 1)).toBeUndefined();
    expect(toEpochMs(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(toEpochDay(8.64e15)).toBe(DATE_DAYS);
    expect(toEpochDay(-8.64e15)).toBe(-DATE_DAYS);
    expect(toEpochDay(8.64e15 + 1)).toBeUndefined();
    expect(toEpochMs(new Date(8.64e15))).toBe(8.64e15);
    expect(toEpochMs('+275760-09-13')).toBe(8.64e15);
  });
});

/** A generated ISO date-time: its parts and the text. */
interface IsoCase {
  year: number;
  month: number;
  day: number;
  time?: { hour: number; minute: number; second?: number; fraction?: string };
  zone?: { sign: 1 | -1; hours: number; minutes?: number; colon: boolean } | 'Z' | 'z';
}

const two = (n: number): string => String(n).padStart(2, '0');

function isoText(c: IsoCase, compact: boolean): string {
  const y =
    c.year >= 0 && c.year <= 9999
      ? String(c.year).padStart(4, '0')
      : `${c.year < 0 ? '-' : '+'}${String(Math.abs(c.year)).padStart(6, '0')}`;
  let text = compact ? `${y}${two(c.month)}${two(c.day)}` : `${y}-${two(c.month)}-${two(c.day)}`;
  if (c.time !== undefined) {
    text += `T${two(c.time.hour)}:${two(c.time.minute)}`;
    if (c.time.second !== undefined) {
      text += `:${two(c.time.second)}`;
      if (c.time.fraction !== undefined) text += `.${c.time.fraction}`;
    }
  }
  if (c.zone === 'Z' || c.zone === 'z') text += c.zone;
  else if (c.zone !== undefined) {
    text += `${c.zone.sign < 0 ? '-' : '+'}${two(c.zone.hours)}`;
    if (c.zone.minutes !== undefined) text += `${c.zone.colon ? ':' : ''}${two(c.zone.minutes)}`;
  }
  return text;
}

/** The expected epoch ms of a case by the written-out rules (undefined when a field is out of range). */
function expectedMs(c: IsoCase): number | undefined {
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > monthLength(c.year, c.month)) return undefined;
  const hour = c.time?.hour ?? 0;
  const minute = c.time?.minute ?? 0;
  const second = c.time?.second ?? 0;
  // The text carries a fraction only after seconds.
  const fraction = c.time?.second === undefined ? '' : (c.time.fraction ?? '');
  // 24:00 ends the day only as 24:00:00 with no fraction (ISO 8601).
  const pastMidnight = minute > 0 || second > 0 || /[1-9]/.test(fraction);
  if (hour > 24 || minute >= 60 || second >= 61 || (hour === 24 && pastMidnight)) return undefined;
  let offset = 0;
  if (typeof c.zone === 'object') {
    if (c.zone.hours >= 24 || (c.zone.minutes ?? 0) >= 60) return undefined;
    offset = c.zone.sign * (c.zone.hours * 60 + (c.zone.minutes ?? 0));
  }
  const fractionMs = fraction === '' ? 0 : Math.round(Number(`${fraction}000000000`.slice(0, 9)) / 1e6);
  const ms =
    countedDays(c.year, c.month, c.day) * DAY_MS +
    hour * 3_600_000 +
    (minute - offset) * 60_000 +
    second * 1000 +
    fractionMs;
  return Math.abs(ms) > 8.64e15 ? undefined : ms;
}

const isoCaseArb: fc.Arbitrary<IsoCase> = fc.record(
  {
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -300_000, max: 300_000 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    time: fc.record(
      {
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.oneof(fc.integer({ min: 0, max: 61 }), fc.constant(0)),
        second: fc.oneof(fc.integer({ min: 0, max: 62 }), fc.constant(0)),
        fraction: fc.stringMatching(/^\d{1,9}$/),
      },
      { requiredKeys: ['hour', 'minute'] },
    ),
    zone: fc.oneof(
      fc.constantFrom<'Z' | 'z'>('Z', 'z'),
      fc.record(
        {
          sign: fc.constantFrom<1 | -1>(1, -1),
          hours: fc.integer({ min: 0, max: 25 }),
          minutes: fc.integer({ min: 0, max: 61 }),
          colon: fc.boolean(),
        },
        { requiredKeys: ['sign', 'hours', 'colon'] },
      ),
    ),
  },
  { requiredKeys: ['year', 'month', 'day'] },
);

describe('parseIsoToMs against written-out rules', () => {
  test.prop([isoCaseArb, fc.boolean()])(
    'valid iff every field is in range; the value is the counted instant',
    (c, compact) => {
      const text = isoText(c, compact);
      expect(parseIsoToMs(text)).toBe(expectedMs(c));
      const ms = expectedMs(c);
      // Cross-check the reference with the built-in Date where it applies (whole milliseconds).
      if (
        ms !== undefined &&
        c.time?.fraction === undefined &&
        (c.time?.second ?? 0) < 60 &&
        (c.time?.hour ?? 0) < 24
      ) {
        const offset = typeof c.zone === 'object' ? c.zone.sign * (c.zone.hours * 60 + (c.zone.minutes ?? 0)) : 0;
        const viaDate = dateUtc(c.year, c.month, c.day, c.time?.hour, c.time?.minute, c.time?.second) - offset * 60_000;
        if (Number.isFinite(viaDate)) expect(ms).toBe(viaDate);
      }
    },
  );
});

describe('toEpochDay: the YYYY-MM-DD fast path', () => {
  it('rejects a non-digit at each of the eight digit positions, when the rest would make a valid date', () => {
    for (const text of [
      'a024-03-10',
      '2/24-03-10',
      '20.4-03-10',
      '202/-03-10',
      '202a-03-10',
      // Month 1 + ('.' − '0') = 8, month 0·10 + (':' − '0') = 10: valid months if the digit test were missing.
      '2024-1.-10',
      '2024-1/-10',
      '2024-0:-10',
      '2024-0<-10',
      // Day 1·10 + ('/' − '0') = 9, day 0·10 + (':' − '0') = 10.
      '2024-03-1/',
      '2024-03-0:',
      '2024-03-2.',
      ' 024-03-10',
      '2024-03-1 ',
    ]) {
      expect(toEpochDay(text), text).toBeUndefined();
      expect(parseIsoToMs(text), text).toBeUndefined();
    }
  });

  it('requires "-" at positions 4 and 7', () => {
    for (const text of [
      '2024/03-10',
      '2024-03/10',
      '2024/03/10',
      '2024.03.10',
      '2024x03-10',
      '2024-03x10',
      '2024003-10',
    ]) {
      expect(toEpochDay(text), text).toBeUndefined();
    }
    expect(toEpochDay('2024-03-10')).toBe(Date.UTC(2024, 2, 10) / DAY_MS);
  });

  it('checks month bounds and month lengths', () => {
    for (const text of [
      '2024-13-01',
      '2024-00-01',
      '2024-99-01',
      '2024-01-00',
      '2024-01-32',
      '2024-04-31',
      '2024-06-31',
      '2024-09-31',
      '2024-11-31',
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2024-02-30',
      '2024-01-99',
    ]) {
      expect(toEpochDay(text), text).toBeUndefined();
    }
    for (const [text, y, m, d] of [
      ['2024-04-30', 2024, 4, 30],
      ['2024-06-30', 2024, 6, 30],
      ['2024-09-30', 2024, 9, 30],
      ['2024-11-30', 2024, 11, 30],
      ['2024-01-31', 2024, 1, 31],
      ['2024-03-31', 2024, 3, 31],
      ['2024-05-31', 2024, 5, 31],
      ['2024-07-31', 2024, 7, 31],
      ['2024-08-31', 2024, 8, 31],
      ['2024-10-31', 2024, 10, 31],
      ['2024-12-31', 2024, 12, 31],
      ['2000-02-29', 2000, 2, 29],
      ['2024-02-29', 2024, 2, 29],
      ['0000-02-29', 0, 2, 29],
      ['0400-02-29', 400, 2, 29],
      ['0001-01-01', 1, 1, 1],
      ['9999-12-31', 9999, 12, 31],
    ] as const) {
      expect(toEpochDay(text), text).toBe(dateUtc(y, m, d) / DAY_MS);
    }
  });

  it('sends only strings into the fast path (an array or array-like of length 10 is not a date)', () => {
    expect(toEpochDay([...'2024-03-10'])).toBeUndefined();
    expect(toEpochDay({ length: 10 })).toBeUndefined();
    expect(toEpochDay(new String('2024-03-10'))).toBeUndefined();
  });

  test.prop([
    fc.array(fc.constantFrom('0', '1', '2', '3', '9', '/', '.', ':', 'a', ' '), { minLength: 8, maxLength: 8 }),
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.integer({ min: 0, max: 7 }),
  ])(
    'a string of YYYY-MM-DD shape is a day number iff it is all digits and a valid date',
    (noise, year, month, day, position) => {
      // Start from a well-formed date and replace one digit position with a noise character.
      const chars = [...`${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`];
      const at = [0, 1, 2, 3, 5, 6, 8, 9][position] as number;
      chars[at] = noise[position] as string;
      const text = chars.join('');
      const digits = /^\d{4}-\d{2}-\d{2}$/.test(text);
      const y = Number(text.slice(0, 4));
      const m = Number(text.slice(5, 7));
      const d = Number(text.slice(8, 10));
      const valid = digits && m >= 1 && m <= 12 && d >= 1 && d <= monthLength(y, m);
      expect(toEpochDay(text)).toBe(valid ? dateUtc(y, m, d) / DAY_MS : undefined);
    },
  );
});
