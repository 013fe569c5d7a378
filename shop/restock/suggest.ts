import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { notFound } from '../api/errors';
import { pickName, readProductNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';
import { ageDays, remainingDays } from '../freshness/age';
import { dailyDemand, firstSaleDay, type DemandSeries } from './demand';
import { dayOf, isoDay, windowsOverlapping, type DayNumber, type OccasionWindow } from './occasionDates';
import { ensureBuiltinOccasions, measuredRange, observedUplift, readOccasions, requireShop, type ObservedUplift, type OccasionRow } from './occasions';

/**
 * The suggested order: for each supplier, what to buy so that the stems that will still be alive
 * cover the expected demand until the next delivery, plus the minimum level, in whole packs.
 *
 *   avgDaily       = demand over the last N weeks ÷ days (occasion rush days left out, so last
 *                    month's March 8 does not inflate an ordinary week; a young shop divides by the
 *                    days since its first sale)
 *   expectedDemand = Σ over the horizon's days of avgDaily × the uplift of an occasion whose rush
 *                    covers that day (the product's own observed uplift, else the shop's, else the owner's)
 *   usable         = what of the stock on hand FIFO will sell before each lot's vase life ends,
 *                    plus what is still alive on the horizon's last day (it counts towards the minimum)
 *   need           = expectedDemand + minStock − usable (+ stems sold ahead of arrivals), ≥ 0
 *   packs          = need ÷ pack size, rounded up; estCost = packs × size × newest lot's unit cost
 */

export const DEFAULT_WEEKS = 4;
/** The horizon when the owner gives none: until the delivery after next (lead days) plus three days of selling. */
export const HORIZON_MARGIN_DAYS = 3;
/** suppliers.lead_days' default: also the lead time of products without a supplier. */
export const DEFAULT_LEAD_DAYS = 2;

export interface SuggestInput {
  weeks?: number | undefined;
  horizonDays?: number | undefined;
  /** one supplier's order; null: the products without a supplier */
  supplierId?: string | null | undefined;
}

export interface LineOccasion {
  occasionId: string;
  name: string;
  builtin: string | null;
  /** YYYY-MM-DD of the occasion's day */
  date: string;
  upliftBp: number;
  source: 'product' | 'shop' | 'owner';
  /** horizon days inside the rush */
  days: number;
}

export interface SuggestLine {
  productId: string;
  name: string;
  unit: string;
  kind: string;
  avgDaily: number;
  expectedDemand: number;
  occasions: LineOccasion[];
  onHand: number;
  usable: number;
  minStock: number;
  vaseLifeDays: number | null;
  need: number;
  packKind: string | null;
  packSize: number;
  packs: number;
  orderQuantity: number;
  /** newest lot's unit cost, minor units; null for a product never received */
  unitCost: number | null;
  estCost: number;
}

export interface SupplierOrder {
  supplierId: string | null;
  name: string | null;
  leadDays: number;
  horizonDays: number;
  /** first and last day of the horizon, YYYY-MM-DD */
  horizonFrom: string;
  horizonTo: string;
  occasions: HorizonOccasion[];
  lines: SuggestLine[];
  totals: { packs: number; orderQuantity: number; estCost: number };
}

export interface HorizonOccasion {
  occasionId: string;
  name: string;
  builtin: string | null;
  date: string;
  windowFrom: string;
  /** the shop-wide uplift used for products without their own: observed, else the owner's */
  upliftBp: number;
  source: 'shop' | 'owner';
}

export interface Suggestion {
  today: string;
  weeks: number;
  /** days the averages are over (fewer than weeks × 7 in a young shop or around occasions) */
  historyDays: number;
  shopName: string;
  currency: string;
  suppliers: SupplierOrder[];
}

interface ProductRow {
  id: string;
  kind: string;
  unit: string;
  vase_life_days: number | null;
  min_stock: number | null;
  supplier_id: string | null;
}

interface LotRow {
  product_id: string;
  arrived_at: string;
  quantity: number;
}

/** Products restock may order: stocked kinds, not archived, not a recipe's bouquet (those are made, not bought). */
function candidateProducts(db: Database): ProductRow[] {
  return statement(
    db,
    `SELECT p.id, p.kind, p.unit, p.vase_life_days, p.min_stock,
            CASE WHEN s.id IS NOT NULL AND s.archived = 0 THEN s.id END AS supplier_id
       FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id
      WHERE p.archived = 0 AND p.kind <> 'service'
        AND NOT EXISTS (SELECT 1 FROM recipe_variants v WHERE v.product_id = p.id)`,
  ).all() as ProductRow[];
}

/** Horizon days [0, H) as day numbers from today. */
function horizonDays(today: DayNumber, h: number): DayNumber[] {
  return Array.from({ length: h }, (_, i) => today + i);
}

interface ActiveOccasion {
  occasion: OccasionRow;
  window: OccasionWindow;
  observed: ObservedUplift;
}

/**
 * The occasions whose rush overlaps [from, to], each with last year's observed uplift, computed
 * once per occasion; when several are new, last year's days are read in one go for all of them.
 */
function occasionsOverlapping(db: Database, shopId: string, occasions: OccasionRow[], from: DayNumber, to: DayNumber, cache: Map<string, ActiveOccasion>): ActiveOccasion[] {
  const hits = occasions.flatMap((occasion) => windowsOverlapping(occasion, from, to).map((window) => ({ occasion, window, key: `${occasion.id}:${window.date}` })));
  const fresh = hits.filter((h) => !cache.has(h.key));
  let read: DemandSeries | undefined;
  if (fresh.length > 1) {
    const ranges = fresh.map((h) => measuredRange(h.occasion, h.window));
    read = dailyDemand(db, shopId, Math.min(...ranges.map((r) => r.from)), Math.max(...ranges.map((r) => r.to)));
  }
  for (const h of fresh) cache.set(h.key, { occasion: h.occasion, window: h.window, observed: observedUplift(db, shopId, h.occasion, h.window, read) });
  return hits.map((h) => cache.get(h.key)).filter((a): a is ActiveOccasion => a !== undefined);
}

function upliftFor(a: ActiveOccasion, productId: string): { bp: number; source: LineOccasion['source'] } {
  const own = a.observed.byProduct.get(productId);
  if (own !== undefined) return { bp: own, source: 'product' };
  if (a.observed.shopBp !== null) return { bp: a.observed.shopBp, source: 'shop' };
  return { bp: a.occasion.upliftBp, source: 'owner' };
}

/**
 * FIFO over the horizon's days: each day's demand is taken from the oldest lot still alive that
 * day. What a lot holds beyond what it sells before its last day is lost; what is still alive on
 * the last day stays usable (it counts towards the minimum level).
 */
export function usableStock(lots: { quantity: number; remaining: number | null }[], daily: number[]): number {
  const left = lots.map((l) => l.quantity);
  const alive = (i: number, day: number) => {
    const r = lots[i]?.remaining;
    return r === null || r === undefined || day <= r;
  };
  let sold = 0;
  daily.forEach((want, day) => {
    let rest = want;
    for (let i = 0; i < lots.length && rest > 1e-9; i++) {
      const has = left[i] ?? 0;
      if (has <= 0 || !alive(i, day)) continue;
      const take = Math.min(has, rest);
      left[i] = has - take;
      rest -= take;
      sold += take;
    }
  });
  const last = daily.length - 1;
  const keeps = left.reduce((sum, q, i) => sum + (q > 0 && alive(i, last) ? q : 0), 0);
  return Math.floor(sold + keeps + 1e-9);
}

export function suggestRestock(ctx: CallContext, input: SuggestInput): Suggestion {
  return planRestock(ctx, input).suggestion;
}

/** The suggestion and each line's forecast per horizon day (for the chart). */
function planRestock(ctx: CallContext, input: SuggestInput): { suggestion: Suggestion; forecasts: Map<string, number[]> } {
  const forecasts = new Map<string, number[]>();
  const db = ctx.db;
  const shopId = requireShop(ctx);
  ensureBuiltinOccasions(ctx, shopId);
  const now = ctx.now();
  const today = dayOf(now);
  const weeks = input.weeks ?? DEFAULT_WEEKS;
  const lang = readerLanguage(ctx);
  const shop = statement(db, 'SELECT name, currency FROM shops WHERE id = ?').get(shopId) as { name: string; currency: string };

  const suppliers = new Map(
    (statement(db, 'SELECT id, name, lead_days FROM suppliers WHERE shop_id = ? AND archived = 0').all(shopId) as {
      id: string; name: string; lead_days: number;
    }[]).map((s) => [s.id, s]),
  );
  if (input.supplierId && !suppliers.has(input.supplierId)) throw notFound('supplier', 'supplierId');

  const products = candidateProducts(db).filter((p) => input.supplierId === undefined || p.supplier_id === input.supplierId);
  const occasions = readOccasions(db, shopId);
  const cache = new Map<string, ActiveOccasion>();

  // History: the last N whole weeks before today, from the shop's first sale at the earliest,
  // without the days of an occasion's rush (unless that leaves nothing).
  const first = firstSaleDay(db, shopId);
  const historyFrom = Math.max(today - weeks * 7, first ?? today);
  const rushDays = new Set<DayNumber>();
  if (historyFrom < today) {
    for (const o of occasions) {
      for (const w of windowsOverlapping(o, historyFrom, today - 1)) {
        for (let d = Math.max(w.from, historyFrom); d <= Math.min(w.date, today - 1); d++) rushDays.add(d);
      }
    }
  }
  const ordinary = (d: DayNumber) => d >= historyFrom && d < today && !rushDays.has(d);
  let historyDays = 0;
  for (let d = historyFrom; d < today; d++) if (ordinary(d)) historyDays++;
  const skipRush = historyDays > 0;
  if (!skipRush) historyDays = today - historyFrom;
  const counts = (d: DayNumber) => (skipRush ? ordinary(d) : d >= historyFrom && d < today);
  const demand = historyFrom < today ? dailyDemand(db, shopId, historyFrom, today) : new Map<string, Map<DayNumber, number>>();

  const lotsByProduct = new Map<string, LotRow[]>();
  for (const lot of statement(
    db,
    `SELECT product_id, arrived_at, quantity FROM lot_balances WHERE shop_id = ? AND quantity <> 0 ORDER BY product_id, arrived_at, lot_id`,
  ).all(shopId) as LotRow[]) {
    const list = lotsByProduct.get(lot.product_id);
    if (list) list.push(lot);
    else lotsByProduct.set(lot.product_id, [lot]);
  }
  const newestCost = new Map(
    (statement(db, `SELECT product_id, unit_cost, max(arrived_at) AS newest FROM lots WHERE shop_id = ? GROUP BY product_id`).all(shopId) as {
      product_id: string; unit_cost: number;
    }[]).map((r) => [r.product_id, r.unit_cost]),
  );
  const packOf = statement(db, 'SELECT pack_kind, pack_size FROM supplier_products WHERE supplier_id = ? AND product_id = ?');

  const groups = new Map<string | null, SupplierOrder>();
  for (const p of products) {
    let sold = 0;
    for (const [d, q] of demand.get(p.id) ?? []) if (counts(d)) sold += q;
    const avgDaily = historyDays > 0 ? Math.max(0, sold) / historyDays : 0;
    const minStock = p.min_stock ?? 0;
    if (avgDaily === 0 && minStock === 0) continue;

    let group = groups.get(p.supplier_id);
    if (!group) {
      const supplier = p.supplier_id ? suppliers.get(p.supplier_id) : undefined;
      const leadDays = supplier?.lead_days ?? DEFAULT_LEAD_DAYS;
      const h = input.horizonDays ?? leadDays + HORIZON_MARGIN_DAYS;
      const active = occasionsOverlapping(db, shopId, occasions, today, today + h - 1, cache);
      group = {
        supplierId: p.supplier_id,
        name: supplier?.name ?? null,
        leadDays,
        horizonDays: h,
        horizonFrom: isoDay(today),
        horizonTo: isoDay(today + h - 1),
        occasions: active.map((a) => ({
          occasionId: a.occasion.id,
          name: a.occasion.name,
          builtin: a.occasion.builtin,
          date: isoDay(a.window.date),
          windowFrom: isoDay(a.window.from),
          upliftBp: a.observed.shopBp ?? a.occasion.upliftBp,
          source: a.observed.shopBp === null ? 'owner' : 'shop',
        })),
        lines: [],
        totals: { packs: 0, orderQuantity: 0, estCost: 0 },
      };
      groups.set(p.supplier_id, group);
    }

    const days = horizonDays(today, group.horizonDays);
    const active = occasionsOverlapping(db, shopId, occasions, today, today + group.horizonDays - 1, cache);
    const lineOccasions: LineOccasion[] = [];
    const multiplier: (number | null)[] = days.map(() => null);
    for (const a of active) {
      const { bp, source } = upliftFor(a, p.id);
      let inRush = 0;
      days.forEach((d, i) => {
        if (d >= a.window.from && d <= a.window.date) {
          inRush++;
          // Two rushes on one day (Mother's Day on March 3 beside March 8's) do not multiply: the larger holds.
          multiplier[i] = Math.max(multiplier[i] ?? 0, bp / 10_000);
        }
      });
      lineOccasions.push({ occasionId: a.occasion.id, name: a.occasion.name, builtin: a.occasion.builtin, date: isoDay(a.window.date), upliftBp: bp, source, days: inRush });
    }
    const daily = multiplier.map((m) => avgDaily * (m ?? 1));
    forecasts.set(p.id, daily);
    const expectedDemand = Math.ceil(daily.reduce((s, q) => s + q, 0) - 1e-9);

    const lots = lotsByProduct.get(p.id) ?? [];
    const onHand = lots.reduce((s, l) => s + l.quantity, 0);
    const owed = -lots.reduce((s, l) => s + Math.min(0, l.quantity), 0);
    const usable = usableStock(
      lots.filter((l) => l.quantity > 0).map((l) => ({ quantity: l.quantity, remaining: remainingDays(p.vase_life_days, ageDays(l.arrived_at, now)) })),
      daily,
    );
    const need = Math.max(0, expectedDemand + minStock - usable + owed);
    const pack = p.supplier_id ? (packOf.get(p.supplier_id, p.id) as { pack_kind: string; pack_size: number } | undefined) : undefined;
    const packSize = pack?.pack_size ?? 1;
    const packs = Math.ceil(need / packSize);
    const orderQuantity = packs * packSize;
    const unitCost = newestCost.get(p.id) ?? null;
    group.lines.push({
      productId: p.id,
      name: pickName(readProductNames(db, p.id), lang),
      unit: p.unit,
      kind: p.kind,
      avgDaily: Math.round(avgDaily * 100) / 100,
      expectedDemand,
      occasions: lineOccasions,
      onHand,
      usable,
      minStock,
      vaseLifeDays: p.vase_life_days,
      need,
      packKind: pack?.pack_kind ?? null,
      packSize,
      packs,
      orderQuantity,
      unitCost,
      estCost: orderQuantity * (unitCost ?? 0),
    });
  }

  const collator = new Intl.Collator(lang);
  const orders = [...groups.values()];
  for (const g of orders) {
    g.lines.sort((a, b) => collator.compare(a.name, b.name));
    g.totals = g.lines.reduce(
      (t, l) => ({ packs: t.packs + l.packs, orderQuantity: t.orderQuantity + l.orderQuantity, estCost: t.estCost + l.estCost }),
      { packs: 0, orderQuantity: 0, estCost: 0 },
    );
  }
  // Suppliers by name; the products without one last.
  orders.sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : collator.compare(a.name, b.name)));
  return { suggestion: { today: isoDay(today), weeks, historyDays, shopName: shop.name, currency: shop.currency, suppliers: orders }, forecasts };
}

export interface ProductSeries {
  productId: string;
  name: string;
  /** demand per day over the history window (0 on days without sales) */
  history: { day: string; quantity: number }[];
  /** the forecast per day over the horizon (avgDaily × the day's uplift) */
  forecast: { day: string; quantity: number }[];
}

/** One product's daily demand against the forecast, for the restock screen's chart. */
export function productSeries(ctx: CallContext, input: { productId: string; weeks?: number | undefined; horizonDays?: number | undefined }): ProductSeries {
  const shopId = requireShop(ctx);
  const exists = statement(ctx.db, 'SELECT supplier_id FROM products WHERE id = ?').get(input.productId) as { supplier_id: string | null } | undefined;
  if (!exists) throw notFound('product', 'productId');
  const weeks = input.weeks ?? DEFAULT_WEEKS;
  const today = dayOf(ctx.now());
  const from = today - weeks * 7;
  const demand = dailyDemand(ctx.db, shopId, from, today).get(input.productId) ?? new Map<DayNumber, number>();
  const history = Array.from({ length: today - from }, (_, i) => ({ day: isoDay(from + i), quantity: demand.get(from + i) ?? 0 }));
  const { forecasts } = planRestock(ctx, { weeks, horizonDays: input.horizonDays });
  const daily = forecasts.get(input.productId) ?? [];
  const forecast = daily.map((q, i) => ({ day: isoDay(today + i), quantity: Math.round(q * 100) / 100 }));
  return { productId: input.productId, name: pickName(readProductNames(ctx.db, input.productId), readerLanguage(ctx)), history, forecast };
}
