import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import type { Currency } from '../api/schemas';
import { builtinsFor } from '../restock/occasions';
import { dayOf, isoDay, nextWindow, windowsOverlapping, type DayNumber, type OccasionRule } from '../restock/occasionDates';
import { nextReceiptNumber } from '../sales/commit';
import { productLabel } from '../sales/prepare';
import { denominationsOf } from '../shifts/denominations';
import { registerId } from '../shifts/register';
import type { ShiftRow } from '../shifts/current';
import { computeShiftReport } from '../shifts/report';
import { consumeFromLot, receiveLot } from '../stock/ledger';

/**
 * Past sales for the demo shop, so restock planning, the occasions' observed uplift, the journal
 * and the reports have something to show: the last `weeks` weeks (10 by default) and last year's
 * Valentine's Day and March 8 with the four weeks before them.
 *
 * Every invariant of a real day is kept, written straight into the tables (the counter's commit
 * would audit and print each sale): one shift per day on this PC's register, opened and closed
 * with a stored Z report and the cash counted as expected; sales with their receipt numbers in
 * time order, lines, payments (card, or cash when the total is a whole coin); the stock they took
 * as movements at the sale's time from the lot delivered for it that morning or the two before.
 * Those lots come from arrivals every third morning carrying exactly what the next three days
 * sell, so every history lot ends at zero and today's stock is the opening stock (and the arrivals,
 * write-offs, bouquets) the demo seed laid down, untouched.
 *
 * Deterministic (a fixed spread from product positions and day numbers, no random source) and
 * relative to ctx.now(). Call it once, right after seedDemoShop and the suppliers of the arrivals
 * demo (so the arrivals name each product's supplier), before anything else sells: it assumes no
 * sales and no shifts exist yet.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Deliveries every third morning, each carrying what the next three days sell. */
const DELIVERY_EVERY = 3;
/** Sales on an ordinary weekday (a small city shop). */
const BASE_SALES_PER_DAY = 15;

function spread(n: number, salt: number): number {
  const x = Math.sin(n * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

interface HistoryProduct {
  id: string;
  kind: string;
  price: number;
  supplierId: string | null;
  unitCost: number;
  /** share of the day's lines */
  weight: number;
  isRose: boolean;
}

export interface HistoryOptions {
  weeks?: number;
  /** last year's Valentine's Day and March 8 with their four weeks before (default true) */
  lastYear?: boolean;
}

export interface HistorySummary {
  days: number;
  sales: number;
  lines: number;
  arrivals: number;
}

/** The days to fill: the last N weeks, and last year's Feb 14 and March 8 with the four weeks before them. */
function historyDays(today: DayNumber, weeks: number, lastYear: boolean): DayNumber[] {
  const days = new Set<DayNumber>();
  for (let d = today - weeks * 7; d < today; d++) days.add(d);
  if (lastYear) {
    const march8: OccasionRule = { month: 3, day: 8, weekday: null, nth: null, daysBefore: 3 };
    // the March 8 before the next one: last year's (or this year's, already past)
    const next = nextWindow(march8, today);
    const year = new Date(next.date * DAY_MS).getUTCFullYear() - 1;
    const valentines = dayOf(new Date(Date.UTC(year, 1, 14)));
    const march8Day = dayOf(new Date(Date.UTC(year, 2, 8)));
    for (let d = valentines - 2 - 28; d <= march8Day; d++) if (d < today) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

/** How busy a day is: weekends more, an occasion's rush by its uplift (roses most on Valentine's Day). */
function dayFactor(day: DayNumber, rules: readonly (OccasionRule & { key: string; upliftBp: number })[], product: HistoryProduct): number {
  const weekday = [1.1, 0.8, 0.85, 0.9, 0.95, 1.25, 1.35][new Date(day * DAY_MS).getUTCDay()] ?? 1;
  let rush = 1;
  for (const r of rules) {
    if (windowsOverlapping(r, day, day).length === 0) continue;
    let bp = r.upliftBp;
    if (r.key === 'valentines') bp = product.isRose ? bp * 1.6 : bp * 0.6;
    rush = Math.max(rush, bp / 10_000);
  }
  return weekday * rush;
}

/** A cash count that adds up to `amount`: largest notes first. */
function countedCash(currency: Currency, amount: number): { denomination: number; count: number }[] {
  const { notes, coins } = denominationsOf(currency);
  let left = amount;
  const counted: { denomination: number; count: number }[] = [];
  for (const d of [...notes, ...coins].sort((a, b) => b - a)) {
    const n = Math.floor(left / d);
    if (n > 0) {
      counted.push({ denomination: d, count: n });
      left -= n * d;
    }
  }
  return counted;
}

export function seedSalesHistoryDemo(ctx: CallContext, opts: HistoryOptions = {}): HistorySummary {
  const db = ctx.db;
  const shop = statement(db, `SELECT id, currency, language, country, cash_rounding FROM shops WHERE id = (SELECT value FROM app_settings WHERE key = 'current_shop_id')`).get() as {
    id: string; currency: Currency; language: string; country: string | null; cash_rounding: number;
  };
  const cashier = (statement(db, `SELECT id FROM users WHERE shop_id = ? AND role IN ('cashier','owner') AND archived = 0 ORDER BY role = 'cashier' DESC, created_at LIMIT 1`).pluck().get(shop.id) as string);
  const owner = (statement(db, `SELECT id FROM users WHERE shop_id = ? AND role = 'owner' ORDER BY created_at LIMIT 1`).pluck().get(shop.id) as string | undefined) ?? cashier;
  // Once: a shop that has sold already has its own history.
  if (statement(db, 'SELECT 1 FROM sales WHERE shop_id = ? LIMIT 1').get(shop.id)) return { days: 0, sales: 0, lines: 0, arrivals: 0 };
  const register = registerId(db);
  const today = dayOf(ctx.now());
  const days = historyDays(today, opts.weeks ?? 10, opts.lastYear ?? true);
  const rules = builtinsFor(shop.country).map((b) => ({ key: b.key, month: b.month, day: b.day ?? null, weekday: b.weekday ?? null, nth: b.nth ?? null, daysBefore: b.daysBefore, upliftBp: b.upliftBp }));

  // What sells: flowers, greens, wrapping and plants the catalogue prices (not the recipes' bouquets: those are made).
  const rows = statement(
    db,
    `SELECT p.id, p.kind, p.price, p.supplier_id, p.seq,
            (SELECT unit_cost FROM lots l WHERE l.product_id = p.id ORDER BY arrived_at DESC LIMIT 1) AS unit_cost,
            (SELECT name FROM product_names n WHERE n.product_seq = p.seq AND n.lang = 'en') AS en_name
       FROM products p
      WHERE p.archived = 0 AND p.price > 0 AND p.kind IN ('cut_flower','greenery','consumable','plant')
        AND NOT EXISTS (SELECT 1 FROM recipe_variants v WHERE v.product_id = p.id)
      ORDER BY p.seq`,
  ).all() as { id: string; kind: string; price: number; supplier_id: string | null; seq: number; unit_cost: number | null; en_name: string | null }[];
  if (rows.length === 0) return { days: 0, sales: 0, lines: 0, arrivals: 0 };
  const products: HistoryProduct[] = rows.map((r, n) => ({
    id: r.id,
    kind: r.kind,
    price: r.price,
    supplierId: r.supplier_id,
    unitCost: r.unit_cost ?? Math.max(1, Math.round(r.price / 3)),
    // cut flowers sell most, some far more than others; wrapping goes with many sales
    weight: (r.kind === 'cut_flower' ? 3 : r.kind === 'consumable' ? 1.5 : 1) * (0.3 + spread(n, 11) * 1.4),
    isRose: /rose/i.test(r.en_name ?? ''),
  }));
  const totalWeight = products.reduce((s, p) => s + p.weight, 0);

  // Every line of every day first, so each delivery can carry exactly what its days sell.
  interface PlannedLine { product: HistoryProduct; quantity: number }
  const plan = new Map<DayNumber, PlannedLine[][]>();
  for (const day of days) {
    const weekday = [1.1, 0.8, 0.85, 0.9, 0.95, 1.25, 1.35][new Date(day * DAY_MS).getUTCDay()] ?? 1;
    let rush = 1;
    for (const r of rules) if (windowsOverlapping(r, day, day).length > 0) rush = Math.max(rush, r.upliftBp / 10_000);
    const sales = Math.max(3, Math.round(BASE_SALES_PER_DAY * weekday * Math.min(rush, 3) * (0.85 + spread(day, 1) * 0.3)));
    const daySales: PlannedLine[][] = [];
    for (let s = 0; s < sales; s++) {
      const lines: PlannedLine[] = [];
      const count = 1 + Math.floor(spread(day * 97 + s, 2) * 2.6);
      for (let l = 0; l < count; l++) {
        // pick by weight, the day's rush tilting towards what the occasion sells
        let r = spread(day * 131 + s * 7 + l, 3) * totalWeight;
        let product = products[0] as HistoryProduct;
        for (const p of products) {
          r -= p.weight;
          if (r <= 0) {
            product = p;
            break;
          }
        }
        if (lines.some((x) => x.product.id === product.id)) continue;
        const factor = dayFactor(day, rules, product) / weekday;
        const stems = product.kind === 'cut_flower' ? 3 + Math.floor(spread(day + s * 3 + l, 4) * 9) : 1 + Math.floor(spread(day + s + l, 5) * 2);
        lines.push({ product, quantity: Math.max(1, Math.round(stems * Math.min(factor, 2))) });
      }
      daySales.push(lines);
    }
    plan.set(day, daySales);
  }

  const insertArrival = statement(
    db,
    `INSERT INTO arrivals (id, shop_id, number, supplier_id, invoice_no, arrived_at, note, total_cost, posted_by, posted_at, request_id)
     VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, NULL)`,
  );
  const insertArrivalLine = statement(
    db,
    `INSERT INTO arrival_lines (id, arrival_id, shop_id, line_no, product_id, packs, pack_size, quantity, unit_cost, line_cost, lot_id)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`,
  );
  const insertShift = statement(
    db,
    `INSERT INTO shifts (id, shop_id, register_id, number, opened_at, opened_by, opening_float) VALUES (?, ?, ?, ?, ?, ?, 0)`,
  );
  const closeShift = statement(db, 'UPDATE shifts SET closed_at = ?, closed_by = ?, expected_cash = ?, counted_cash = ? WHERE id = ?');
  const insertReport = statement(db, `INSERT INTO shift_reports (id, shop_id, shift_id, kind, at, user_id, data) VALUES (?, ?, ?, 'z', ?, ?, ?)`);
  const insertSale = statement(
    db,
    `INSERT INTO sales (id, shop_id, shift_id, kind, number, at, cashier_id, currency, subtotal, discount_total, rounding, total, cost_of_goods)
     VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
  );
  const insertLine = statement(
    db,
    `INSERT INTO sale_lines (id, sale_id, shop_id, line_no, product_id, name, quantity, list_price, unit_price, discount, total, cost_of_goods)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertPayment = statement(
    db,
    `INSERT INTO sale_payments (id, sale_id, shop_id, method, amount, tendered, change) VALUES (?, ?, ?, ?, ?, ?, 0)`,
  );
  const at = (ms: number): CallContext => ({ ...ctx, now: () => new Date(ms) });
  const names = new Map(products.map((p) => [p.id, productLabel(db, p.id, shop.language as Parameters<typeof productLabel>[2])]));
  let arrivalNumber = (statement(db, 'SELECT coalesce(max(number), 0) FROM arrivals WHERE shop_id = ?').pluck().get(shop.id) as number) + 1;
  let shiftNumber = (statement(db, 'SELECT coalesce(max(number), 0) FROM shifts WHERE shop_id = ? AND register_id = ?').pluck().get(shop.id, register) as number) + 1;
  let saleNumber = nextReceiptNumber(db, shop.id);
  const summary: HistorySummary = { days: days.length, sales: 0, lines: 0, arrivals: 0 };

  let coveredUntil = Number.NEGATIVE_INFINITY;
  // The lot each product's sales take from: the delivery made for these days. (Plain FIFO would reach
  // for the opening stock, dated up to six days back, on the history's last days.)
  const deliveredLot = new Map<string, { lotId: string; unitCost: number }>();
  days.forEach((day, i) => {
    // A delivery when the last one's days are sold, per supplier, carrying the next DELIVERY_EVERY days' sales.
    if (day > coveredUntil) {
      coveredUntil = day + DELIVERY_EVERY - 1;
      const covered = days.slice(i, i + DELIVERY_EVERY).filter((d) => d <= coveredUntil);
      const need = new Map<string, number>();
      for (const d of covered) for (const sale of plan.get(d) ?? []) for (const l of sale) need.set(l.product.id, (need.get(l.product.id) ?? 0) + l.quantity);
      const arrivedMs = day * DAY_MS + 4 * HOUR_MS;
      const bySupplier = new Map<string | null, HistoryProduct[]>();
      for (const p of products) {
        if (!need.get(p.id)) continue;
        const list = bySupplier.get(p.supplierId);
        if (list) list.push(p);
        else bySupplier.set(p.supplierId, [p]);
      }
      for (const [supplierId, list] of bySupplier) {
        const arrivalId = ctx.newId();
        const total = list.reduce((s, p) => s + (need.get(p.id) ?? 0) * p.unitCost, 0);
        const arrivedAt = new Date(arrivedMs).toISOString();
        insertArrival.run(arrivalId, shop.id, arrivalNumber++, supplierId, arrivedAt, total, owner, arrivedAt);
        list.forEach((p, n) => {
          const quantity = need.get(p.id) ?? 0;
          const { lotId } = receiveLot(at(arrivedMs), { productId: p.id, quantity, unitCost: p.unitCost, arrivedAt, documentType: 'arrival', documentId: arrivalId });
          insertArrivalLine.run(ctx.newId(), arrivalId, shop.id, n + 1, p.id, quantity, p.unitCost, quantity * p.unitCost, lotId);
          deliveredLot.set(p.id, { lotId, unitCost: p.unitCost });
        });
        summary.arrivals++;
      }
    }

    // The day's shift: 09:00–20:00 in the shop (05:00–16:00 UTC covers Tbilisi, Almaty, Tashkent, Moscow).
    const shiftId = ctx.newId();
    const openMs = day * DAY_MS + 5 * HOUR_MS;
    insertShift.run(shiftId, shop.id, register, shiftNumber++, new Date(openMs).toISOString(), cashier);
    const sales = plan.get(day) ?? [];
    sales.forEach((lines, s) => {
      const ms = openMs + 30 * 60_000 + Math.floor(((s + spread(day + s, 6)) / sales.length) * 10 * HOUR_MS);
      const saleId = ctx.newId();
      const costs = lines.map((l) => {
        const lot = deliveredLot.get(l.product.id);
        if (!lot) throw new Error(`history: no delivery for ${l.product.id}`);
        consumeFromLot(at(ms), { lotId: lot.lotId, quantity: l.quantity, documentType: 'sale', documentId: saleId });
        return l.quantity * lot.unitCost;
      });
      const total = lines.reduce((t, l) => t + l.product.price * l.quantity, 0);
      const cost = costs.reduce((a, b) => a + b, 0);
      insertSale.run(saleId, shop.id, shiftId, saleNumber++, new Date(ms).toISOString(), cashier, shop.currency, total, total, cost);
      lines.forEach((l, n) =>
        insertLine.run(ctx.newId(), saleId, shop.id, n + 1, l.product.id, names.get(l.product.id) ?? '', l.quantity, l.product.price, l.product.price, l.product.price * l.quantity, costs[n] ?? 0),
      );
      const cash = total % shop.cash_rounding === 0 && spread(day * 7 + s, 8) < 0.55;
      insertPayment.run(ctx.newId(), saleId, shop.id, cash ? 'cash' : 'card', total, cash ? total : null);
      summary.sales++;
      summary.lines += lines.length;
    });
    const closeMs = day * DAY_MS + 16 * HOUR_MS;
    const closedAt = new Date(closeMs).toISOString();
    const shift = statement(db, 'SELECT * FROM shifts WHERE id = ?').get(shiftId) as ShiftRow;
    const expected = computeShiftReport(db, shift).expectedCash;
    const data = computeShiftReport(db, shift, { counted: countedCash(shop.currency, expected), closedAt, closedBy: cashier });
    closeShift.run(closedAt, cashier, data.expectedCash, data.countedCash, shiftId);
    insertReport.run(ctx.newId(), shop.id, shiftId, closedAt, cashier, JSON.stringify(data));
  });
  return summary;
}

/** For tests and the lead's notes: the days the history covers, as YYYY-MM-DD. */
export function historyDayList(now: Date, opts: HistoryOptions = {}): string[] {
  return historyDays(dayOf(now), opts.weeks ?? 10, opts.lastYear ?? true).map(isoDay);
}
