import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import { dayFromIso, dayStartIso, type DayNumber } from './occasionDates';

/**
 * What the shop's customers took of each product per UTC day: the one demand series restock
 * planning and the occasions' observed uplift both read.
 *
 * - plain sale lines count for their product, returns count back (same line, kind 'return');
 * - a bouquet built at the counter (a line with components) counts as sales of its components,
 *   quantity per bouquet × bouquets, never of the generic bouquet product;
 * - making bouquets (assembly) takes components out of stock ahead of the sale: that consumption
 *   is demand for the components too. The ready bouquet sold later counts for its own product,
 *   which restock leaves out (nobody orders it from a supplier).
 *
 * All three are SQL aggregates grouped by product and day. The join order is fixed (CROSS JOIN,
 * INDEXED BY the covering indexes of migration 0004): sales by time first, then their lines, so
 * the days asked for are all that is read; left to itself the planner walked every line by product.
 */

/** product → day → quantity (may be negative on a day with more returned than sold). */
export type DemandSeries = Map<string, Map<DayNumber, number>>;

interface Row {
  product_id: string;
  day: string;
  quantity: number;
}

const PLAIN_LINES = /* sql */ `
  SELECT l.product_id, substr(s.at, 1, 10) AS day,
         sum(CASE s.kind WHEN 'sale' THEN l.quantity ELSE -l.quantity END) AS quantity
    FROM sales s INDEXED BY sales_restock CROSS JOIN sale_lines l INDEXED BY sale_lines_restock_plain ON l.sale_id = s.id
   WHERE s.shop_id = ? AND s.at >= ? AND s.at < ? AND l.components IS NULL
   GROUP BY l.product_id, day`;

const BOUQUET_COMPONENTS = /* sql */ `
  SELECT json_extract(c.value, '$.productId') AS product_id, substr(s.at, 1, 10) AS day,
         sum(CASE s.kind WHEN 'sale' THEN 1 ELSE -1 END * json_extract(c.value, '$.quantity') * l.quantity) AS quantity
    FROM sales s INDEXED BY sales_restock CROSS JOIN sale_lines l INDEXED BY sale_lines_restock_bouquet ON l.sale_id = s.id
         CROSS JOIN json_each(l.components) c
   WHERE s.shop_id = ? AND s.at >= ? AND s.at < ? AND l.components IS NOT NULL
   GROUP BY product_id, day`;

const ASSEMBLY_CONSUMPTION = /* sql */ `
  SELECT product_id, substr(at, 1, 10) AS day, -sum(quantity) AS quantity
    FROM stock_movements
   WHERE document_type = 'assembly' AND at >= ? AND at < ? AND shop_id = ? AND quantity < 0
   GROUP BY product_id, day`;

/** Demand per product and day over [from, to) (day numbers, `to` exclusive). */
export function dailyDemand(db: Database, shopId: string, from: DayNumber, to: DayNumber): DemandSeries {
  const fromIso = dayStartIso(from);
  const toIso = dayStartIso(to);
  const series: DemandSeries = new Map();
  const add = (rows: Row[]) => {
    for (const r of rows) {
      if (r.product_id === null || r.quantity === 0) continue;
      let days = series.get(r.product_id);
      if (!days) series.set(r.product_id, (days = new Map()));
      const day = dayFromIso(r.day);
      days.set(day, (days.get(day) ?? 0) + r.quantity);
    }
  };
  add(statement(db, PLAIN_LINES).all(shopId, fromIso, toIso) as Row[]);
  add(statement(db, BOUQUET_COMPONENTS).all(shopId, fromIso, toIso) as Row[]);
  add(statement(db, ASSEMBLY_CONSUMPTION).all(fromIso, toIso, shopId) as Row[]);
  return series;
}

/** Σ of a product's demand over the days for which `keep` says yes. */
export function sumDays(days: Map<DayNumber, number> | undefined, keep: (day: DayNumber) => boolean): number {
  if (!days) return 0;
  let sum = 0;
  for (const [day, q] of days) if (keep(day)) sum += q;
  return sum;
}

/** The day of the shop's first sale, or null: a young shop's average is over the days it has sold, not N weeks. */
export function firstSaleDay(db: Database, shopId: string): DayNumber | null {
  const at = statement(db, `SELECT min(at) FROM sales WHERE shop_id = ?`).pluck().get(shopId) as string | null;
  return at === null ? null : dayFromIso(at);
}
