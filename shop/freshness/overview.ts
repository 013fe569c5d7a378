import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Language } from '../api/schemas';
import { normalizeText } from '../catalog/normalize';
import { ageDays, AGEING_DAYS, freshnessState, remainingDays, type FreshnessState } from './age';
import { activeRules, ruleForAge, scheduleFor, type MarkdownRule } from './markdown';

/**
 * The stock view: every lot that holds stock with its age, vase life left, value and the markdown
 * that applies to it now. One query reads the lots (2,000 in a few ms); ages, markdowns, filters,
 * sorting and totals are worked out here, because they depend on "now" and on the rules.
 */

export const OVERVIEW_SORTS = ['age', 'remaining', 'value', 'name'] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export const FRESHNESS_STATES = ['fresh', 'ageing', 'lastDay', 'expired', 'none'] as const;

export interface LotRow {
  lotId: string;
  productId: string;
  name: string;
  kind: string;
  unit: string;
  categoryId: string | null;
  category: string | null;
  arrivedAt: string;
  ageDays: number;
  vaseLifeDays: number | null;
  remainingDays: number | null;
  state: FreshnessState;
  quantity: number;
  /** null when the reader may not see costs (no reports.view) */
  unitCost: number | null;
  value: number | null;
  /** the shelf price, for the markdown's effect */
  price: number;
  /** the markdown rule's percent that applies to this lot now, or null */
  markdownBp: number | null;
  supplierId: string | null;
  supplierName: string | null;
}

/** Each category's parent, for the rules' category scope (a handful of rows). */
function parents(db: Database): Map<string, string | null> {
  const rows = statement(db, 'SELECT id, parent_id FROM categories').all() as { id: string; parent_id: string | null }[];
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

function pathOf(parentOf: Map<string, string | null>, categoryId: string | null): string[] {
  const path: string[] = [];
  let at = categoryId;
  while (at !== null && !path.includes(at)) {
    path.push(at);
    at = parentOf.get(at) ?? null;
  }
  return path;
}

// Read as arrays (no object per row): 2,000 lots in a few milliseconds. Product columns come from a
// second query over the products that hold stock (a few hundred), not a join repeated per lot.
type RawLot = [lotId: string, productId: string, arrivedAt: string, quantity: number, unitCost: number, arrivalSupplier: string | null];
type RawProduct = [
  productId: string,
  name: string,
  sortKey: string,
  kind: string,
  unit: string,
  categoryId: string | null,
  vaseLifeDays: number | null,
  price: number,
  supplierId: string | null,
];

/** Names of every category in the reader's language (a handful of rows, read once per call). */
function categoryNames(db: Database, lang: Language): Map<string, string> {
  const rows = statement(
    db,
    `SELECT category_id, name FROM category_names ORDER BY category_id, lang = ? DESC, lang = 'en' DESC, lang`,
  ).all(lang) as { category_id: string; name: string }[];
  const names = new Map<string, string>();
  for (const r of rows) if (!names.has(r.category_id)) names.set(r.category_id, r.name);
  return names;
}

function supplierNames(db: Database): Map<string, string> {
  const rows = statement(db, 'SELECT id, name FROM suppliers').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Products whose search text holds every word of the query (normalized like the catalogue's search). */
function matchingProducts(db: Database, words: string[]): Set<string> {
  const where = words.map(() => 'instr(search_text, ?) > 0').join(' AND ');
  return new Set(db.prepare(`SELECT id FROM products WHERE ${where}`).pluck().all(...words) as string[]);
}

/**
 * Every lot holding stock, in the reader's language, with freshness worked out at `now`.
 * The supplier is the lot's own (from its arrival), else the product's usual one.
 */
export function readLots(db: Database, shopId: string, lang: Language, now: Date, showCost: boolean): (LotRow & { sortKey: string })[] {
  const raw = statement(
    db,
    `SELECT b.lot_id, b.product_id, b.arrived_at, b.quantity, l.unit_cost, a.supplier_id
       FROM lot_balances b
       CROSS JOIN lots l ON l.id = b.lot_id
       LEFT JOIN arrivals a ON l.document_type = 'arrival' AND a.id = l.document_id
      WHERE b.shop_id = ? AND b.quantity > 0`,
  )
    .raw(true)
    .all(shopId) as RawLot[];
  const products = new Map<string, RawProduct>();
  for (const p of statement(
    db,
    `SELECT p.id, n.name, n.sort_key, p.kind, p.unit, p.category_id, p.vase_life_days, p.price, p.supplier_id
       FROM products p CROSS JOIN product_names n ON n.product_seq = p.seq AND n.lang = ?
      WHERE p.id IN (SELECT product_id FROM lot_balances WHERE shop_id = ? AND quantity > 0)`,
  )
    .raw(true)
    .all(lang, shopId) as RawProduct[]) {
    products.set(p[0], p);
  }

  const categories = categoryNames(db, lang);
  const suppliers = supplierNames(db);
  const rules = activeRules(db, shopId);
  const parentOf = rules.some((r) => r.categoryId !== null) ? parents(db) : new Map<string, string | null>();
  const schedules = new Map<string, MarkdownRule[]>();
  const rows: (LotRow & { sortKey: string })[] = [];
  for (const [lotId, productId, arrivedAt, quantity, unitCost, arrivalSupplier] of raw) {
    const product = products.get(productId);
    if (!product) continue;
    const [, name, sortKey, kind, unit, categoryId, vaseLife, price, productSupplier] = product;
    const supplierId = arrivalSupplier ?? productSupplier;
    const age = ageDays(arrivedAt, now);
    const remaining = remainingDays(vaseLife, age);
    let schedule = schedules.get(productId);
    if (!schedule) {
      schedule = rules.length === 0 ? [] : scheduleFor(rules, { productId, kind, categoryPath: pathOf(parentOf, categoryId) });
      schedules.set(productId, schedule);
    }
    rows.push({
      lotId,
      productId,
      name,
      sortKey,
      kind,
      unit,
      categoryId,
      category: categoryId === null ? null : (categories.get(categoryId) ?? null),
      arrivedAt,
      ageDays: age,
      vaseLifeDays: vaseLife,
      remainingDays: remaining,
      state: freshnessState(remaining),
      quantity,
      unitCost: showCost ? unitCost : null,
      value: showCost ? quantity * unitCost : null,
      price,
      markdownBp: ruleForAge(schedule, age)?.percentBp ?? null,
      supplierId,
      supplierName: supplierId === null ? null : (suppliers.get(supplierId) ?? null),
    });
  }
  return rows;
}

export interface OverviewQuery {
  categoryId?: string | undefined;
  kind?: string | undefined;
  supplierId?: string | undefined;
  query?: string | undefined;
  state?: FreshnessState | undefined;
  /** only lots that need attention: 2 days or less left, or marked down */
  onlyAging?: boolean | undefined;
  sort?: OverviewSort | undefined;
  dir?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface Overview {
  rows: LotRow[];
  /** lots matching the filters (all pages) */
  total: number;
  totals: { lots: number; quantity: number; value: number | null; markedDown: number; expired: number };
  costVisible: boolean;
}

/** Lots that need selling first: few days left, or a markdown already applies. */
export function needsAttention(row: Pick<LotRow, 'remainingDays' | 'markdownBp'>): boolean {
  return (row.remainingDays !== null && row.remainingDays <= AGEING_DAYS) || row.markdownBp !== null;
}

type Sortable = LotRow & { sortKey: string };

/** Names compare by the catalogue's sort key (normalized, language-aware enough for a list): a plain string compare. */
const byName = (a: Sortable, b: Sortable) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

function compare(sort: OverviewSort, a: Sortable, b: Sortable): number {
  switch (sort) {
    case 'age':
      return a.ageDays - b.ageDays || a.arrivedAt.localeCompare(b.arrivedAt) * -1;
    case 'remaining':
      // no vase life: last when ascending (they never need selling first)
      return (a.remainingDays ?? Number.MAX_SAFE_INTEGER) - (b.remainingDays ?? Number.MAX_SAFE_INTEGER);
    case 'value':
      return (a.value ?? a.quantity * a.price) - (b.value ?? b.quantity * b.price);
    case 'name':
      return byName(a, b);
  }
}

export function stockOverview(
  db: Database,
  shopId: string,
  lang: Language,
  now: Date,
  showCost: boolean,
  q: OverviewQuery,
): Overview {
  const words = q.query ? normalizeText(q.query).split(' ').filter(Boolean) : [];
  const matching = words.length > 0 ? matchingProducts(db, words) : null;
  const categories = q.categoryId ? new Set(descendants(db, q.categoryId)) : null;
  const rows = readLots(db, shopId, lang, now, showCost).filter(
    (r) =>
      (categories === null || (r.categoryId !== null && categories.has(r.categoryId))) &&
      (q.kind === undefined || r.kind === q.kind) &&
      (q.supplierId === undefined || r.supplierId === q.supplierId) &&
      (q.state === undefined || r.state === q.state) &&
      (!q.onlyAging || needsAttention(r)) &&
      (matching === null || matching.has(r.productId)),
  );
  const sort = q.sort ?? 'age';
  // Oldest first by default: what the florist must look at.
  const dir = q.dir ?? (sort === 'age' || sort === 'value' ? 'desc' : 'asc');
  const sign = dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => sign * compare(sort, a, b) || byName(a, b) || (a.lotId < b.lotId ? -1 : 1));

  const totals = { lots: rows.length, quantity: 0, value: showCost ? 0 : null, markedDown: 0, expired: 0 } as Overview['totals'];
  for (const r of rows) {
    totals.quantity += r.quantity;
    if (totals.value !== null) totals.value += r.value ?? 0;
    if (r.markdownBp !== null) totals.markedDown += 1;
    if (r.state === 'expired') totals.expired += 1;
  }
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  return {
    rows: rows.slice(offset, offset + limit).map(({ sortKey: _, ...r }) => r),
    total: rows.length,
    totals,
    costVisible: showCost,
  };
}

/** A category and everything under it. */
function descendants(db: Database, categoryId: string): string[] {
  return statement(
    db,
    `WITH RECURSIVE under(id) AS (SELECT ? UNION SELECT c.id FROM categories c JOIN under u ON c.parent_id = u.id)
     SELECT id FROM under`,
  )
    .pluck()
    .all(categoryId) as string[];
}

export type SellFirstAction = 'writeOff' | 'useToday' | 'markDown' | 'sellFirst';

export interface SellFirstRow extends LotRow {
  /** what to do with it this morning */
  action: SellFirstAction;
}

/**
 * This morning's list: lots with 2 days or less left, or with a markdown already applying, oldest
 * first. Past vase life → write it off; last day → use it today (bouquets, the window); ageing
 * without a markdown → mark it down; a markdown applies → put it in front.
 */
export function sellFirst(db: Database, shopId: string, lang: Language, now: Date, showCost: boolean): SellFirstRow[] {
  return readLots(db, shopId, lang, now, showCost)
    .filter(needsAttention)
    .sort(
      (a, b) =>
        (a.remainingDays ?? Number.MAX_SAFE_INTEGER) - (b.remainingDays ?? Number.MAX_SAFE_INTEGER) || b.ageDays - a.ageDays || byName(a, b),
    )
    .map(({ sortKey: _, ...r }) => {
      const action: SellFirstAction =
        r.state === 'expired' ? 'writeOff' : r.state === 'lastDay' ? 'useToday' : r.markdownBp === null ? 'markDown' : 'sellFirst';
      return { ...r, action };
    });
}
