import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError, notFound } from '../api/errors';
import { dailyDemand, sumDays, type DemandSeries } from './demand';
import { dayOf, isoDay, nextWindow, previousWindow, type DayNumber, type OccasionRule, type OccasionWindow } from './occasionDates';

/**
 * The occasions calendar: the days florists sell two or three times their usual (March 8,
 * Valentine's Day, the country's Mother's Day, Teachers' Day…). Built-ins come from the shop's
 * country the first time the calendar is read; the owner edits, archives and adds their own.
 * Each occasion's uplift is what last year's sales show when there is history, else the owner's guess.
 */

export type BuiltinKey = 'valentines' | 'march8' | 'mothers_day' | 'knowledge_day' | 'teachers_day' | 'new_year';

interface Builtin extends Omit<OccasionRule, 'day' | 'weekday' | 'nth'> {
  key: BuiltinKey;
  /** stored in `name` (NOT NULL); the screen shows the translation of the key instead */
  name: string;
  day?: number;
  weekday?: number;
  nth?: number;
  upliftBp: number;
}

const VALENTINES: Builtin = { key: 'valentines', name: "Valentine's Day", month: 2, day: 14, daysBefore: 2, upliftBp: 25_000 };
// International Women's Day; in Kazakhstan and Uzbekistan it is also the day mothers get flowers.
const MARCH8: Builtin = { key: 'march8', name: 'March 8', month: 3, day: 8, daysBefore: 3, upliftBp: 30_000 };
const NEW_YEAR: Builtin = { key: 'new_year', name: 'New Year', month: 12, day: 31, daysBefore: 4, upliftBp: 15_000 };
const KNOWLEDGE_DAY: Builtin = { key: 'knowledge_day', name: 'Knowledge Day', month: 9, day: 1, daysBefore: 1, upliftBp: 20_000 };
const TEACHERS_OCT5: Builtin = { key: 'teachers_day', name: "Teachers' Day", month: 10, day: 5, daysBefore: 1, upliftBp: 15_000 };

/** By ISO country code; any other country (or none) gets the three everyone keeps. */
const BUILTINS_BY_COUNTRY: Record<string, readonly Builtin[]> = {
  GE: [VALENTINES, { key: 'mothers_day', name: "Mother's Day", month: 3, day: 3, daysBefore: 1, upliftBp: 15_000 }, MARCH8, TEACHERS_OCT5, NEW_YEAR],
  RU: [
    VALENTINES,
    MARCH8,
    KNOWLEDGE_DAY,
    TEACHERS_OCT5,
    // the last Sunday of November
    { key: 'mothers_day', name: "Mother's Day", month: 11, weekday: 0, nth: -1, daysBefore: 2, upliftBp: 15_000 },
    NEW_YEAR,
  ],
  // Kazakhstan: the first Sunday of October
  KZ: [VALENTINES, MARCH8, KNOWLEDGE_DAY, { key: 'teachers_day', name: "Teachers' Day", month: 10, weekday: 0, nth: 1, daysBefore: 1, upliftBp: 15_000 }, NEW_YEAR],
  UZ: [VALENTINES, MARCH8, KNOWLEDGE_DAY, { ...TEACHERS_OCT5, day: 1 }, NEW_YEAR],
};
const BUILTINS_ELSEWHERE: readonly Builtin[] = [VALENTINES, MARCH8, NEW_YEAR];

export function builtinsFor(country: string | null): readonly Builtin[] {
  return (country && BUILTINS_BY_COUNTRY[country]) || BUILTINS_ELSEWHERE;
}

/**
 * Adds the country's built-ins the shop does not have yet (an archived one counts as had: the
 * owner archived it on purpose). Runs inside the caller's transaction.
 */
export function ensureBuiltinOccasions(ctx: CallContext, shopId: string): void {
  const country = statement(ctx.db, 'SELECT country FROM shops WHERE id = ?').pluck().get(shopId) as string | null | undefined;
  const have = new Set(
    statement(ctx.db, 'SELECT builtin FROM occasions WHERE shop_id = ? AND builtin IS NOT NULL').pluck().all(shopId) as string[],
  );
  const insert = statement(
    ctx.db,
    `INSERT INTO occasions (id, shop_id, name, builtin, month, day, weekday, nth, days_before, uplift_bp, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = ctx.now().toISOString();
  for (const b of builtinsFor(country ?? null)) {
    if (have.has(b.key)) continue;
    const fixed = b.day !== undefined;
    insert.run(ctx.newId(), shopId, b.name, b.key, b.month, fixed ? b.day : null, fixed ? null : b.weekday, fixed ? null : b.nth, b.daysBefore, b.upliftBp, at, at);
  }
}

export interface OccasionRow extends OccasionRule {
  id: string;
  name: string;
  builtin: string | null;
  upliftBp: number;
  archived: boolean;
}

export function readOccasions(db: Database, shopId: string, includeArchived = false): OccasionRow[] {
  const rows = statement(
    db,
    `SELECT id, name, builtin, month, day, weekday, nth, days_before, uplift_bp, archived FROM occasions
      WHERE shop_id = ? AND (archived = 0 OR ?) ORDER BY month, coalesce(day, nth * 7), name`,
  ).all(shopId, includeArchived ? 1 : 0) as {
    id: string; name: string; builtin: string | null; month: number; day: number | null; weekday: number | null;
    nth: number | null; days_before: number; uplift_bp: number; archived: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    builtin: r.builtin,
    month: r.month,
    day: r.day,
    weekday: r.weekday,
    nth: r.nth,
    daysBefore: r.days_before,
    upliftBp: r.uplift_bp,
    archived: r.archived === 1,
  }));
}

/** Days of baseline before an occasion's rush: four whole weeks, so every weekday counts four times. */
export const BASELINE_DAYS = 28;
/** Below this a baseline says nothing: a product sold on fewer days than this is too thin to measure. */
const MIN_BASELINE_DAYS_WITH_SALES = 14;
const MIN_PRODUCT_BASELINE_UNITS = 14;
const MAX_UPLIFT_BP = 1_000_000;

export interface ObservedUplift {
  /** the rush measured: last year's window */
  window: OccasionWindow;
  /** the whole shop's: daily rate in the window ÷ daily rate over the 4 weeks before; null without history */
  shopBp: number | null;
  /** per product, where the product alone sold enough to measure */
  byProduct: Map<string, number>;
  /** units sold in last year's window (all products) */
  windowUnits: number;
}

function ratioBp(windowUnits: number, windowDays: number, baseUnits: number, baseDays: number): number {
  const bp = Math.round(((windowUnits / windowDays) / (baseUnits / baseDays)) * 10_000);
  return Math.min(MAX_UPLIFT_BP, Math.max(0, bp));
}

/** The days last year's measurement reads: the 4 weeks of baseline and the rush, [from, to). */
export function measuredRange(rule: OccasionRule, next: OccasionWindow): { from: DayNumber; to: DayNumber } {
  const window = previousWindow(rule, next);
  return { from: window.from - BASELINE_DAYS, to: window.date + 1 };
}

/**
 * Last year's rush of the occasion against the four weeks before it: sales in the window
 * [date − daysBefore, date] per day ÷ sales per trading day in the 28 days before the window.
 */
export function observedUplift(db: Database, shopId: string, rule: OccasionRule, next: OccasionWindow, read?: DemandSeries): ObservedUplift {
  const window = previousWindow(rule, next);
  const { from: baseFrom, to } = measuredRange(rule, next);
  const windowDays = window.date - window.from + 1;
  // A series read for several occasions at once may cover more days than this one's.
  const demand = read ?? dailyDemand(db, shopId, baseFrom, to);
  const inWindow = (d: DayNumber) => d >= window.from && d < to;
  const inBase = (d: DayNumber) => d >= baseFrom && d < window.from;
  let windowUnits = 0;
  let baseUnits = 0;
  const baseDays = new Set<DayNumber>();
  const productTotals = new Map<string, { w: number; b: number }>();
  for (const [productId, days] of demand) {
    const w = sumDays(days, inWindow);
    const b = sumDays(days, inBase);
    windowUnits += w;
    baseUnits += b;
    for (const [d, q] of days) if (inBase(d) && q > 0) baseDays.add(d);
    if (b >= MIN_PRODUCT_BASELINE_UNITS && w > 0) productTotals.set(productId, { w, b });
  }
  const measurable = baseUnits > 0 && windowUnits > 0 && baseDays.size >= MIN_BASELINE_DAYS_WITH_SALES;
  // The baseline's rate is over the days the shop traded: days without a single sale (closed, or
  // before the history began) would make an ordinary rush look like a boom.
  const byProduct = new Map<string, number>();
  for (const [productId, { w, b }] of productTotals) byProduct.set(productId, ratioBp(w, windowDays, b, baseDays.size));
  return {
    window,
    shopBp: measurable ? ratioBp(windowUnits, windowDays, baseUnits, baseDays.size) : null,
    byProduct: measurable ? byProduct : new Map(),
    windowUnits,
  };
}

export interface OccasionView extends OccasionRow {
  /** the next occasion day on or after today, and its rush's first day (YYYY-MM-DD) */
  nextDate: string;
  windowFrom: string;
  daysUntil: number;
  /** last year's day that was measured */
  lastYearDate: string;
  observedUpliftBp: number | null;
  /** what restock applies: observed when there is history, else the owner's */
  effectiveUpliftBp: number;
  upliftSource: 'history' | 'owner';
}

export function occasionView(db: Database, shopId: string, o: OccasionRow, today: DayNumber): OccasionView {
  const next = nextWindow(o, today);
  const observed = observedUplift(db, shopId, o, next);
  return {
    ...o,
    nextDate: isoDay(next.date),
    windowFrom: isoDay(next.from),
    daysUntil: next.date - today,
    lastYearDate: isoDay(observed.window.date),
    observedUpliftBp: observed.shopBp,
    effectiveUpliftBp: observed.shopBp ?? o.upliftBp,
    upliftSource: observed.shopBp === null ? 'owner' : 'history',
  };
}

export function requireShop(ctx: CallContext): string {
  if (ctx.shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

/** The calendar, soonest first. */
export function listOccasions(ctx: CallContext, includeArchived: boolean): OccasionView[] {
  const shopId = requireShop(ctx);
  ensureBuiltinOccasions(ctx, shopId);
  const today = dayOf(ctx.now());
  return readOccasions(ctx.db, shopId, includeArchived)
    .map((o) => occasionView(ctx.db, shopId, o, today))
    .sort((a, b) => a.daysUntil - b.daysUntil || a.name.localeCompare(b.name));
}

export interface SaveOccasionInput {
  id?: string | undefined;
  name: string;
  month: number;
  day?: number | null | undefined;
  weekday?: number | null | undefined;
  nth?: number | null | undefined;
  daysBefore: number;
  upliftBp: number;
}

function checkRule(input: SaveOccasionInput): { day: number | null; weekday: number | null; nth: number | null } {
  const fixed = input.day !== undefined && input.day !== null;
  const byWeekday = input.weekday !== undefined && input.weekday !== null && input.nth !== undefined && input.nth !== null;
  if (fixed === byWeekday) throw new AppError('invalid_input', 'errors:restock.dateRule', { field: 'day' });
  if (fixed) {
    // February 29 is allowed (it falls on the 28th in a common year); February 30 is not a date.
    const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][input.month - 1] ?? 31;
    if ((input.day ?? 0) > longest) throw new AppError('invalid_input', 'errors:restock.dayInvalid', { field: 'day', params: { max: longest } });
    return { day: input.day ?? null, weekday: null, nth: null };
  }
  return { day: null, weekday: input.weekday ?? null, nth: input.nth ?? null };
}

export function saveOccasion(ctx: CallContext, input: SaveOccasionInput): OccasionView {
  const shopId = requireShop(ctx);
  const rule = checkRule(input);
  const at = ctx.now().toISOString();
  let id = input.id;
  if (id !== undefined) {
    const exists = statement(ctx.db, 'SELECT 1 FROM occasions WHERE id = ? AND shop_id = ?').get(id, shopId);
    if (!exists) throw notFound('occasion');
    statement(
      ctx.db,
      `UPDATE occasions SET name = ?, month = ?, day = ?, weekday = ?, nth = ?, days_before = ?, uplift_bp = ?, updated_at = ?
        WHERE id = ?`,
    ).run(input.name, input.month, rule.day, rule.weekday, rule.nth, input.daysBefore, input.upliftBp, at, id);
  } else {
    id = ctx.newId();
    statement(
      ctx.db,
      `INSERT INTO occasions (id, shop_id, name, builtin, month, day, weekday, nth, days_before, uplift_bp, created_at, updated_at)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, shopId, input.name, input.month, rule.day, rule.weekday, rule.nth, input.daysBefore, input.upliftBp, at, at);
  }
  ctx.audit({
    action: 'occasions.saved',
    entity: 'occasion',
    entityId: id,
    details: { name: input.name, month: input.month, ...rule, daysBefore: input.daysBefore, upliftBp: input.upliftBp, created: input.id === undefined },
  });
  ctx.emit({ type: 'occasions.changed' });
  const row = readOccasions(ctx.db, shopId, true).find((o) => o.id === id);
  if (!row) throw notFound('occasion');
  return occasionView(ctx.db, shopId, row, dayOf(ctx.now()));
}

export function archiveOccasion(ctx: CallContext, id: string, archived: boolean): void {
  const shopId = requireShop(ctx);
  const row = statement(ctx.db, 'SELECT archived FROM occasions WHERE id = ? AND shop_id = ?').get(id, shopId) as { archived: number } | undefined;
  if (!row) throw notFound('occasion');
  if ((row.archived === 1) === archived) return;
  statement(ctx.db, 'UPDATE occasions SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, ctx.now().toISOString(), id);
  ctx.audit({ action: 'occasions.archived', entity: 'occasion', entityId: id, details: { archived } });
  ctx.emit({ type: 'occasions.changed' });
}
