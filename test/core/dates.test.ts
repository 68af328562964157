import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  DAYS_PER_TIME_UNIT,
  daysFromCivil,
  parseIsoToMs,
  periodIndex,
  periodStartDay,
  toEpochDay,
  toEpochMs,
} from '../../src/core/dates.js';
import { fc, test } from '../support/property.js';

const dayArb = fc.integer({ min: -800_000, max: 2_900_000 }); // years ~ -220 … 9900

describe('civil date arithmetic', () => {
  test.prop([dayArb])('daysFromCivil ∘ civilFromDays is the identity and agrees with Date.UTC', (day) => {
    const c = civilFromDays(day);
    expect(daysFromCivil(c.year, c.month, c.day)).toBe(day);
    const d = new Date(day * 86_400_000);
    expect([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]).toEqual([c.year, c.month, c.day]);
  });

  it('knows leap years', () => {
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1);
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
  });

  it('uses mean Gregorian months and years', () => {
    expect(DAYS_PER_TIME_UNIT.year).toBe(365.2425);
    expect(DAYS_PER_TIME_UNIT.month).toBeCloseTo(30.436875, 12);
    expect(DAYS_PER_TIME_UNIT.week).toBe(7);
  });
});

describe('ISO 8601 parsing in UTC', () => {
  it('24:00 only as 24:00:00 with no fraction, and no year −000000 (regressions)', () => {
    // Both used to parse: 24:00:00.500 as half a second into the next day, −000000 as year 0.
    expect(parseIsoToMs('2024-03-10T24:00:00.500Z')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T24:00:00,001Z')).toBeUndefined();
    expect(parseIsoToMs('-000000-01-01')).toBeUndefined();
    expect(parseIsoToMs('2024-03-10T24:00:00.000Z')).toBe(Date.UTC(2024, 2, 11));
    expect(parseIsoToMs('2024-03-10T24:00Z')).toBe(Date.UTC(2024, 2, 11));
    expect(parseIsoToMs('+000000-01-01')).toBe(Date.parse('0000-01-01T00:00:00Z'));
    expect(parseIsoToMs('-000001-12-31')).toBe(Date.parse('-000001-12-31T00:00:00Z'));
  });

  test.prop([
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
  ])('round-trips Date#toISOString, and the date-only fast path agrees with the general parser', (date) => {
    const iso = date.toISOString();
    expect(parseIsoToMs(iso)).toBe(date.getTime());
    const dateOnly = iso.slice(0, 10);
    expect(toEpochDay(dateOnly)).toBe(Math.floor(date.getTime() / 86_400_000));
    expect(toEpochDay(dateOnly)).toBe(Math.floor((parseIsoToMs(dateOnly) as number) / 86_400_000));
  });

  it('reads a date-time without offset as UTC and honours offsets', () => {
    expect(parseIsoToMs('2024-03-10T10:00:00')).toBe(Date.UTC(2024, 2, 10, 10));
    expect(parseIsoToMs('2024-03-10 10:00')).toBe(Date.UTC(2024, 2, 10, 10));
    expect(parseIsoToMs('2024-03-10T10:00:00+02:00')).toBe(Date.UTC(2024, 2, 10, 8));
    expect(parseIsoToMs('2024-03-10T10:00:00-0530')).toBe(Date.UTC(2024, 2, 10, 15, 30));
    expect(parseIsoToMs('2024-03-10T10:00:00.123Z')).toBe(Date.UTC(2024, 2, 10, 10, 0, 0, 123));
    expect(parseIsoToMs('20240310')).toBe(Date.UTC(2024, 2, 10));
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-1-1',
    'abcd-ef-gh',
    '2024-03-10T25:00',
    '',
    '10/03/2024',
    '2024-03-1x',
  ])('rejects %j', (text) => {
    expect(toEpochDay(text)).toBeUndefined();
  });

  it('reads Date objects and epoch ms, rejecting invalid ones', () => {
    expect(toEpochMs(new Date(5))).toBe(5);
    expect(toEpochMs(new Date(Number.NaN))).toBeUndefined();
    expect(toEpochMs(Number.NaN)).toBeUndefined();
    expect(toEpochMs(9e15)).toBeUndefined();
    expect(toEpochMs({})).toBeUndefined();
    expect(toEpochDay(-1)).toBe(-1);
  });
});

describe('calendar periods', () => {
  test.prop([dayArb, fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const)])(
    'a day lies in the period that starts at periodStartDay(periodIndex(day)) and ends before the next one',
    (day, period) => {
      const index = periodIndex(day, period);
      expect(periodStartDay(index, period)).toBeLessThanOrEqual(day);
      expect(periodStartDay(index + 1, period)).toBeGreaterThan(day);
    },
  );

  it('starts ISO weeks on Monday', () => {
    const monday = daysFromCivil(2024, 1, 1);
    expect(periodIndex(monday, 'week')).toBe(periodIndex(monday + 6, 'week'));
    expect(periodIndex(monday + 7, 'week')).toBe(periodIndex(monday, 'week') + 1);
    expect(new Date(periodStartDay(periodIndex(monday + 3, 'week'), 'week') * 86_400_000).getUTCDay()).toBe(1);
  });
});
