import { MS_PER_DAY } from '../freshness/age';

/**
 * When an occasion falls: a fixed date (March 8) or the nth weekday of a month (the last Sunday of
 * November). Pure date arithmetic on UTC calendar days, the same days sales are grouped by
 * (`substr(at, 1, 10)`), so "the window of March 8" and "the sales of March 8" agree.
 */

export interface OccasionRule {
  month: number;
  /** fixed day of month, or null for an nth-weekday rule */
  day: number | null;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number | null;
  /** 1..4, or -1 for the last */
  nth: number | null;
  /** how many days before the date the rush starts */
  daysBefore: number;
}

/** A UTC calendar day as a whole number of days since 1970-01-01. */
export type DayNumber = number;

export function dayOf(date: Date): DayNumber {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function dayFromIso(isoDay: string): DayNumber {
  return Math.floor(Date.parse(`${isoDay.slice(0, 10)}T00:00:00.000Z`) / MS_PER_DAY);
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The first instant of a day, as stored in `at` columns (ISO UTC): range bounds for SQL. */
export function dayStartIso(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The occasion's date in a year. A fixed day past the month's end (February 29 in a common year)
 * falls on the month's last day rather than slipping into the next month.
 */
export function occasionDay(rule: OccasionRule, year: number): DayNumber {
  const m = rule.month - 1;
  if (rule.day !== null) {
    return dayOf(new Date(Date.UTC(year, m, Math.min(rule.day, daysInMonth(year, rule.month)))));
  }
  const weekday = rule.weekday ?? 0;
  const nth = rule.nth ?? 1;
  if (nth === -1) {
    const last = daysInMonth(year, rule.month);
    const lastWeekday = new Date(Date.UTC(year, m, last)).getUTCDay();
    return dayOf(new Date(Date.UTC(year, m, last - ((lastWeekday - weekday + 7) % 7))));
  }
  const firstWeekday = new Date(Date.UTC(year, m, 1)).getUTCDay();
  const first = 1 + ((weekday - firstWeekday + 7) % 7);
  return dayOf(new Date(Date.UTC(year, m, first + (nth - 1) * 7)));
}

export interface OccasionWindow {
  /** the occasion's own day */
  date: DayNumber;
  /** first day of the rush: date − daysBefore */
  from: DayNumber;
}

export function windowIn(rule: OccasionRule, year: number): OccasionWindow {
  const date = occasionDay(rule, year);
  return { date, from: date - rule.daysBefore };
}

/** The next occurrence on or after `today` (today itself when it is the day). */
export function nextWindow(rule: OccasionRule, today: DayNumber): OccasionWindow {
  const year = new Date(today * MS_PER_DAY).getUTCFullYear();
  const thisYear = windowIn(rule, year);
  return thisYear.date >= today ? thisYear : windowIn(rule, year + 1);
}

/** The occurrence a year before the given one: where the observed uplift is measured. */
export function previousWindow(rule: OccasionRule, next: OccasionWindow): OccasionWindow {
  return windowIn(rule, new Date(next.date * MS_PER_DAY).getUTCFullYear() - 1);
}

/**
 * Every occurrence whose rush overlaps [from, to] (days, inclusive): a horizon that crosses New
 * Year may meet the same occasion's window in two years.
 */
export function windowsOverlapping(rule: OccasionRule, from: DayNumber, to: DayNumber): OccasionWindow[] {
  const first = new Date(from * MS_PER_DAY).getUTCFullYear();
  const last = new Date((to + 31) * MS_PER_DAY).getUTCFullYear();
  const found: OccasionWindow[] = [];
  for (let year = first; year <= last; year++) {
    const w = windowIn(rule, year);
    if (w.from <= to && w.date >= from) found.push(w);
  }
  return found;
}
