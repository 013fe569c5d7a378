import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { pickName, readCategoryNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';
import { shopIdOf } from '../shifts/current';
import { period } from './read';

export const SHRINK_GROUPS = ['product', 'variety', 'supplier', 'reason', 'age', 'category'] as const;
export type ShrinkGroup = (typeof SHRINK_GROUPS)[number];

/** Age at discard, in whole days: the buckets of the shrink view (the last one open-ended). */
export const AGE_BUCKETS = ['0-2', '3-4', '5-6', '7-9', '10+'] as const;

export interface ShrinkRow {
  /** the product, supplier or category id; the variety as typed; the reason; the age bucket. '' for "none" (no supplier, no variety, no category) */
  key: string;
  /** the name to show for products, suppliers, categories and varieties; null when the screen translates the key (reason, age, none) */
  label: string | null;
  quantity: number;
  cost: number;
  /** how many write-off lines (a lot thrown away once) are in this group */
  count: number;
}

export interface ShrinkReport {
  from: string;
  to: string;
  groupBy: ShrinkGroup;
  /** biggest cost first */
  rows: ShrinkRow[];
  totals: { quantity: number; cost: number; count: number };
  /** Σ per UTC day that had write-offs, oldest first, for the chart */
  days: { day: string; quantity: number; cost: number }[];
}

const AGE_CASE = `CASE WHEN age_days <= 2 THEN '0-2' WHEN age_days <= 4 THEN '3-4' WHEN age_days <= 6 THEN '5-6'
                       WHEN age_days <= 9 THEN '7-9' ELSE '10+' END`;

/** What a line is grouped by; variety and category are the product's, looked up per product after the first sum. */
const KEY: Record<ShrinkGroup, string> = {
  product: 'product_id',
  variety: `coalesce(p.variety, '')`,
  supplier: `coalesce(supplier_id, '')`,
  reason: 'reason',
  age: AGE_CASE,
  category: `coalesce(p.category_id, '')`,
};

/**
 * What was thrown away in a period, grouped one way, in quantity and cost at the lots' costs.
 * Write-off lines carry their write-off's time and reason, so a period is one range of the
 * covering index writeoff_lines_shrink (no join per line); product fields are joined after summing
 * per product. `count` is how many write-off lines (a lot thrown away once) fall in the group.
 */
export function shrinkReport(ctx: CallContext, input: { from: string; to: string; groupBy: ShrinkGroup }): ShrinkReport {
  const shopId = shopIdOf(ctx);
  const bounds = period(input.from, input.to);
  const from = bounds.from ?? input.from;
  const to = bounds.to ?? input.to;
  const lang = readerLanguage(ctx);
  const lines = `SELECT * FROM writeoff_lines WHERE shop_id = ? AND at >= ? AND at < ?`;
  const perProduct = input.groupBy === 'variety' || input.groupBy === 'category';
  const grouped = statement(
    ctx.db,
    perProduct
      ? `SELECT ${KEY[input.groupBy]} AS key, sum(x.quantity) AS quantity, sum(x.cost) AS cost, sum(x.count) AS count
           FROM (SELECT product_id, sum(quantity) AS quantity, sum(quantity * unit_cost) AS cost, count(*) AS count
                   FROM (${lines}) GROUP BY product_id) x
           JOIN products p ON p.id = x.product_id
          GROUP BY 1 ORDER BY cost DESC, quantity DESC, key`
      : `SELECT ${KEY[input.groupBy]} AS key, sum(quantity) AS quantity, sum(quantity * unit_cost) AS cost, count(*) AS count
           FROM (${lines}) GROUP BY 1 ORDER BY cost DESC, quantity DESC, key`,
  ).all(shopId, from, to) as { key: string; quantity: number; cost: number; count: number }[];
  const days = statement(
    ctx.db,
    `SELECT substr(at, 1, 10) AS day, sum(quantity) AS quantity, sum(quantity * unit_cost) AS cost, count(*) AS count
       FROM (${lines}) GROUP BY 1 ORDER BY 1`,
  ).all(shopId, from, to) as { day: string; quantity: number; cost: number; count: number }[];
  const totals = days.reduce((t, d) => ({ quantity: t.quantity + d.quantity, cost: t.cost + d.cost, count: t.count + d.count }), { quantity: 0, cost: 0, count: 0 });

  const label = labeller(ctx, input.groupBy, lang);
  return {
    from,
    to,
    groupBy: input.groupBy,
    rows: grouped.map((g) => ({ key: g.key, label: g.key === '' ? null : label(g.key), quantity: g.quantity, cost: g.cost, count: g.count })),
    totals,
    days: days.map(({ day, quantity, cost }) => ({ day, quantity, cost })),
  };
}

function labeller(ctx: CallContext, groupBy: ShrinkGroup, lang: ReturnType<typeof readerLanguage>): (key: string) => string | null {
  switch (groupBy) {
    case 'product': {
      const name = statement(ctx.db, 'SELECT n.name FROM products p JOIN product_names n ON n.product_seq = p.seq AND n.lang = ? WHERE p.id = ?').pluck();
      return (key) => (name.get(lang, key) as string | undefined) ?? null;
    }
    case 'supplier': {
      const name = statement(ctx.db, 'SELECT name FROM suppliers WHERE id = ?').pluck();
      return (key) => (name.get(key) as string | undefined) ?? null;
    }
    case 'category':
      return (key) => pickName(readCategoryNames(ctx.db, key), lang) || null;
    case 'variety':
      return (key) => key;
    case 'reason':
    case 'age':
      return () => null;
  }
}
