import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay, nextWindow, occasionDay, previousWindow, windowsOverlapping, dayFromIso, type OccasionRule } from '../../shop/restock/occasionDates';
import { builtinsFor } from '../../shop/restock/occasions';
import { usableStock } from '../../shop/restock/suggest';

/** The occasions calendar's date rules: fixed days, nth and last weekdays, windows, per-country built-ins. */
const fixed = (month: number, day: number, daysBefore = 0): OccasionRule => ({ month, day, weekday: null, nth: null, daysBefore });
const nthWeekday = (month: number, weekday: number, nth: number, daysBefore = 0): OccasionRule => ({ month, day: null, weekday, nth, daysBefore });
const on = (rule: OccasionRule, year: number) => isoDay(occasionDay(rule, year));

describe('occasion dates', () => {
  it('fixed days', () => {
    expect(on(fixed(3, 8), 2027)).toBe('2027-03-08');
    expect(on(fixed(2, 14), 2026)).toBe('2026-02-14');
    // February 29 falls on the 28th in a common year, never on March 1
    expect(on(fixed(2, 29), 2027)).toBe('2027-02-28');
    expect(on(fixed(2, 29), 2028)).toBe('2028-02-29');
  });

  it('the last Sunday of November (Russia\'s Mother\'s Day)', () => {
    expect(on(nthWeekday(11, 0, -1), 2026)).toBe('2026-11-29');
    expect(on(nthWeekday(11, 0, -1), 2025)).toBe('2025-11-30');
    expect(on(nthWeekday(11, 0, -1), 2027)).toBe('2027-11-28');
  });

  it('the nth weekday (Kazakhstan\'s Teachers\' Day: first Sunday of October)', () => {
    expect(on(nthWeekday(10, 0, 1), 2026)).toBe('2026-10-04');
    expect(on(nthWeekday(10, 0, 1), 2028)).toBe('2028-10-01');
    // second Sunday of May 2026 (10th), fourth Thursday of November 2026 (26th)
    expect(on(nthWeekday(5, 0, 2), 2026)).toBe('2026-05-10');
    expect(on(nthWeekday(11, 4, 4), 2026)).toBe('2026-11-26');
  });

  it('nth and last weekdays land on that weekday, inside the month, 7 days apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }), (year, month, weekday) => {
        const days = [1, 2, 3, 4].map((nth) => occasionDay(nthWeekday(month, weekday, nth), year));
        const last = occasionDay(nthWeekday(month, weekday, -1), year);
        for (const d of [...days, last]) {
          const date = new Date(d * 86_400_000);
          expect(date.getUTCDay()).toBe(weekday);
          expect(date.getUTCMonth()).toBe(month - 1);
          expect(date.getUTCFullYear()).toBe(year);
        }
        expect(days[0] ?? 0).toBeLessThanOrEqual(occasionDay(fixed(month, 7), year));
        days.slice(1).forEach((d, i) => expect(d - (days[i] ?? 0)).toBe(7));
        // the last is the fourth or the fifth
        expect([0, 7]).toContain(last - (days[3] ?? 0));
      }),
    );
  });

  it('the next window is on or after today; the previous one a year before', () => {
    const march8 = fixed(3, 8, 3);
    expect(isoDay(nextWindow(march8, dayFromIso('2026-03-08')).date)).toBe('2026-03-08');
    expect(isoDay(nextWindow(march8, dayFromIso('2026-03-09')).date)).toBe('2027-03-08');
    const next = nextWindow(march8, dayFromIso('2026-03-06'));
    expect({ from: isoDay(next.from), date: isoDay(next.date) }).toEqual({ from: '2026-03-05', date: '2026-03-08' });
    expect(isoDay(previousWindow(march8, next).date)).toBe('2025-03-08');
  });

  it('finds the windows a horizon overlaps, across New Year too', () => {
    const newYear = fixed(12, 31, 4);
    const found = windowsOverlapping(newYear, dayFromIso('2026-12-20'), dayFromIso('2027-01-05'));
    expect(found.map((w) => isoDay(w.date))).toEqual(['2026-12-31']);
    expect(windowsOverlapping(fixed(1, 2, 3), dayFromIso('2026-12-28'), dayFromIso('2026-12-31')).map((w) => isoDay(w.from))).toEqual(['2026-12-30']);
    expect(windowsOverlapping(fixed(3, 8, 3), dayFromIso('2026-03-01'), dayFromIso('2026-03-04'))).toEqual([]);
  });
});

describe('built-in occasions per country', () => {
  const keys = (country: string | null) => builtinsFor(country).map((b) => b.key);
  const rule = (country: string, key: string) => {
    const b = builtinsFor(country).find((x) => x.key === key);
    if (!b) throw new Error(`${country} has no ${key}`);
    return { month: b.month, day: b.day ?? null, weekday: b.weekday ?? null, nth: b.nth ?? null, daysBefore: b.daysBefore };
  };

  it('Georgia: Mother\'s Day on March 3, Teachers\' Day October 5, no Knowledge Day', () => {
    expect(keys('GE')).toEqual(['valentines', 'mothers_day', 'march8', 'teachers_day', 'new_year']);
    expect(on(rule('GE', 'mothers_day'), 2027)).toBe('2027-03-03');
    expect(on(rule('GE', 'teachers_day'), 2026)).toBe('2026-10-05');
  });

  it('Russia: Mother\'s Day the last Sunday of November, Knowledge Day, Teachers\' Day October 5', () => {
    expect(keys('RU')).toEqual(['valentines', 'march8', 'knowledge_day', 'teachers_day', 'mothers_day', 'new_year']);
    expect(on(rule('RU', 'mothers_day'), 2026)).toBe('2026-11-29');
    expect(on(rule('RU', 'knowledge_day'), 2026)).toBe('2026-09-01');
  });

  it('Kazakhstan and Uzbekistan: March 8 is also the mothers\' day; Teachers\' Day first Sunday of October / October 1', () => {
    expect(keys('KZ')).not.toContain('mothers_day');
    expect(keys('UZ')).not.toContain('mothers_day');
    expect(on(rule('KZ', 'teachers_day'), 2026)).toBe('2026-10-04');
    expect(on(rule('UZ', 'teachers_day'), 2026)).toBe('2026-10-01');
    expect(keys('KZ')).toContain('knowledge_day');
  });

  it('elsewhere: Valentine\'s Day, March 8 and New Year', () => {
    expect(keys(null)).toEqual(['valentines', 'march8', 'new_year']);
    expect(keys('DE')).toEqual(['valentines', 'march8', 'new_year']);
  });
});

describe('usable stock over the horizon', () => {
  it('a lot sells until its last day; what it holds beyond dies', () => {
    expect(usableStock([{ quantity: 30, remaining: 1 }], [4, 4, 4, 4, 4])).toBe(8);
    expect(usableStock([{ quantity: 30, remaining: null }], [4, 4, 4, 4, 4])).toBe(30);
    expect(usableStock([{ quantity: 30, remaining: -1 }], [4, 4])).toBe(0);
  });

  it('the oldest lot sells first; a fresher lot takes over when it dies', () => {
    // 10 with 0 days left sell 5 today; 20 fresh sell the rest and keep 5 at the end
    expect(usableStock([{ quantity: 10, remaining: 0 }, { quantity: 20, remaining: 9 }], [5, 5, 5])).toBe(5 + 10 + 10);
  });
});
