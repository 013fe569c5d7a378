import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Language } from '../api/schemas';
import { planFifo } from '../stock/ledger';
import { scopeProductsSql, type CountRow } from './scope';

/**
 * The lines of a count: every product in its scope that holds stock (or is below zero) or has been
 * counted, with what the ledger expects, what was counted and the difference valued at lot costs.
 * An open count compares each counted product with the stock as it stood when it was last counted
 * (its last entry): the shop keeps selling while a count waits to be posted, and stems sold after
 * they were counted are gone from the shelf and the ledger alike, not found stock. Posting books
 * that difference on the stock as it is then. Products never counted compare with the stock now.
 * A posted count reads its frozen lines.
 */

export interface VarianceLine {
  productId: string;
  name: string;
  barcode: string | null;
  unit: string;
  /** null: never counted (no entry at all) */
  counted: number | null;
  /** how many entries (scans, typed quantities, file lines) make up `counted` */
  entries: number;
  expected: number;
  /** counted (0 when never counted) − expected */
  difference: number;
  /** the difference at lot costs, signed, minor units */
  value: number;
}

interface LineRow {
  product_id: string;
  name: string;
  barcode: string | null;
  unit: string;
  expected: number;
  counted: number | null;
  entries: number;
}

export interface SurplusPart {
  /** a lot below zero (sold before it was booked in) that the found stock fills back to zero; null: a new lot */
  lotId: string | null;
  quantity: number;
  unitCost: number;
  arrivedAt: string | null;
}

/**
 * Where found stock goes and what it is worth: first back into lots that stand below zero (the
 * stems were sold before their arrival was booked; they are those stems), then into one new lot at
 * the newest lot's cost (0 when the product never had a lot) — the cost it would have come at.
 */
export function planSurplus(db: Database, productId: string, quantity: number): SurplusPart[] {
  const parts: SurplusPart[] = [];
  let left = quantity;
  const negative = statement(
    db,
    `SELECT b.lot_id, b.quantity, l.unit_cost, b.arrived_at FROM lot_balances b JOIN lots l ON l.id = b.lot_id
      WHERE b.product_id = ? AND b.quantity < 0 ORDER BY b.arrived_at, b.lot_id`,
  ).all(productId) as { lot_id: string; quantity: number; unit_cost: number; arrived_at: string }[];
  for (const lot of negative) {
    if (left === 0) break;
    const take = Math.min(left, -lot.quantity);
    parts.push({ lotId: lot.lot_id, quantity: take, unitCost: lot.unit_cost, arrivedAt: lot.arrived_at });
    left -= take;
  }
  if (left > 0) {
    const newest = statement(db, 'SELECT unit_cost, arrived_at FROM lots WHERE product_id = ? ORDER BY arrived_at DESC, id DESC LIMIT 1').get(
      productId,
    ) as { unit_cost: number; arrived_at: string } | undefined;
    parts.push({ lotId: null, quantity: left, unitCost: newest?.unit_cost ?? 0, arrivedAt: newest?.arrived_at ?? null });
  }
  return parts;
}

/** What a difference is worth at the lots' costs: a shortage at what FIFO would take, a surplus as planSurplus books it. */
export function differenceValue(db: Database, productId: string, difference: number): number {
  if (difference < 0) return -planFifo(db, productId, -difference).cost;
  if (difference > 0) return planSurplus(db, productId, difference).reduce((sum, p) => sum + p.quantity * p.unitCost, 0);
  return 0;
}

const PRODUCT_COLUMNS = `p.id AS product_id, p.unit,
  (SELECT n.name FROM product_names n WHERE n.product_seq = p.seq AND n.lang = @lang) AS name,
  (SELECT b.code FROM barcodes b WHERE b.product_id = p.id ORDER BY b.created_at, b.code LIMIT 1) AS barcode`;

// by the name's normalized sort key in the reader's language (product_names keeps it for lists)
const NAME_ORDER = `(SELECT n.sort_key FROM product_names n WHERE n.product_seq = p.seq AND n.lang = @lang), p.id`;

/** Lines of an open (or cancelled) count, computed against the ledger now. */
export function liveLines(db: Database, count: CountRow, lang: Language): VarianceLine[] {
  const bind: Record<string, string> = { countId: count.id, lang };
  if (count.category_id !== null) bind.categoryId = count.category_id;
  const rows = statement(
    db,
    `WITH scope(id) AS (${scopeProductsSql(count.category_id)}),
          bal AS (SELECT product_id, sum(quantity) AS q FROM lot_balances WHERE product_id IN (SELECT id FROM scope) GROUP BY product_id),
          cnt AS (SELECT product_id, sum(quantity) AS q, count(*) AS n, max(at) AS last FROM count_entries WHERE count_id = @countId GROUP BY product_id),
          since AS (SELECT m.product_id, sum(m.quantity) AS q FROM cnt JOIN stock_movements m ON m.product_id = cnt.product_id AND m.at > cnt.last
                     GROUP BY m.product_id)
     SELECT ${PRODUCT_COLUMNS}, coalesce(bal.q, 0) - coalesce(since.q, 0) AS expected, cnt.q AS counted, coalesce(cnt.n, 0) AS entries
       FROM products p LEFT JOIN bal ON bal.product_id = p.id LEFT JOIN cnt ON cnt.product_id = p.id
            LEFT JOIN since ON since.product_id = p.id
      WHERE p.id IN (SELECT product_id FROM bal WHERE q <> 0 UNION SELECT product_id FROM cnt)
      ORDER BY ${NAME_ORDER}`,
  ).all(bind) as LineRow[];
  return rows.map((r) => {
      const difference = (r.counted ?? 0) - r.expected;
      return {
        productId: r.product_id,
        name: r.name,
        barcode: r.barcode,
        unit: r.unit,
        counted: r.counted,
        entries: r.entries,
        expected: r.expected,
        difference,
        value: differenceValue(db, r.product_id, difference),
      };
    });
}

/** Lines of a posted count, as they were booked. */
export function frozenLines(db: Database, count: CountRow, lang: Language): VarianceLine[] {
  const rows = statement(
    db,
    `SELECT ${PRODUCT_COLUMNS}, cl.expected, cl.counted, cl.value,
            (SELECT count(*) FROM count_entries e WHERE e.count_id = cl.count_id AND e.product_id = cl.product_id) AS entries
       FROM count_lines cl JOIN products p ON p.id = cl.product_id WHERE cl.count_id = @countId
      ORDER BY ${NAME_ORDER}`,
  ).all({ countId: count.id, lang }) as (LineRow & { counted: number; value: number })[];
  return rows.map((r) => ({
      productId: r.product_id,
      name: r.name,
      barcode: r.barcode,
      unit: r.unit,
      // a product booked as counted 0 without a single entry was "not counted, taken as zero"
      counted: r.entries === 0 ? null : r.counted,
      entries: r.entries,
      expected: r.expected,
      difference: r.counted - r.expected,
      value: r.value,
    }));
}


export interface VarianceTotals {
  products: number;
  counted: number;
  uncounted: number;
  expected: number;
  /** Σ of the shortages (positive number) and their value at lot costs (positive) */
  shortageQuantity: number;
  shortageValue: number;
  surplusQuantity: number;
  surplusValue: number;
  /** net value of all differences, signed */
  value: number;
}

type ValueKey = 'shortageValue' | 'surplusValue' | 'value';

/** Totals as a reader is answered them: the values (what the stems cost the shop) null unless they may see costs. */
export type TotalsView<T extends VarianceTotals = VarianceTotals> = Omit<T, ValueKey> & { [K in ValueKey]: number | null };

/** `withCost` is canSeeCost(ctx) (reports.view): a cashier or florist who counts sees quantities, not what they are worth. */
export function totalsView<T extends VarianceTotals>(totals: T, withCost: boolean): TotalsView<T> {
  return withCost ? totals : { ...totals, shortageValue: null, surplusValue: null, value: null };
}

export function totalsOf(lines: readonly VarianceLine[]): VarianceTotals {
  const t: VarianceTotals = {
    products: lines.length,
    counted: 0,
    uncounted: 0,
    expected: 0,
    shortageQuantity: 0,
    shortageValue: 0,
    surplusQuantity: 0,
    surplusValue: 0,
    value: 0,
  };
  for (const l of lines) {
    if (l.counted === null) t.uncounted += 1;
    t.counted += l.counted ?? 0;
    t.expected += l.expected;
    if (l.difference < 0) {
      t.shortageQuantity -= l.difference;
      t.shortageValue -= l.value;
    } else if (l.difference > 0) {
      t.surplusQuantity += l.difference;
      t.surplusValue += l.value;
    }
    t.value += l.value;
  }
  return t;
}
