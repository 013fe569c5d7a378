import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { assertUsableCategory } from '../catalog/categories';
import { pickName, readProductNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';
import { canSeeCost } from '../users/costs';
import { countedSoFar } from './entries';
import { frozenLines, liveLines, totalsOf, totalsView, type TotalsView, type VarianceLine } from './lines';
import { categoryName, categoryTree, readCount, readOpenCount, type CountRow, type CountStatus } from './scope';

/** Count documents: opening, listing, reading and cancelling. Posting is in post.ts. */

export interface CountHeader {
  id: string;
  number: number;
  categoryId: string | null;
  /** null: all stock */
  categoryName: string | null;
  blind: boolean;
  status: CountStatus;
  note: string | null;
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface CountListItem extends CountHeader {
  /** products with at least one entry */
  productsCounted: number;
  /** Σ counted over the products */
  quantityCounted: number;
}

function userName(ctx: CallContext, userId: string | null): string | null {
  if (userId === null) return null;
  return (statement(ctx.db, 'SELECT name FROM users WHERE id = ?').pluck().get(userId) as string | undefined) ?? null;
}

function headerOf(ctx: CallContext, row: CountRow): CountHeader {
  return {
    id: row.id,
    number: row.number,
    categoryId: row.category_id,
    categoryName: categoryName(ctx, row.category_id),
    blind: row.blind === 1,
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
    createdBy: userName(ctx, row.created_by) ?? '',
    closedAt: row.closed_at,
    closedBy: userName(ctx, row.closed_by),
  };
}

/**
 * Opens a count. Two open counts may not cover the same product (the same category, one inside the
 * other, or one of all stock): each would book its own difference for the same stems.
 */
export function createCount(ctx: CallContext, input: { categoryId?: string | undefined; blind: boolean; note?: string | undefined }) {
  const session = ctx.session;
  if (!session || ctx.shopId === null) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  const categoryId = input.categoryId ?? null;
  if (categoryId !== null) assertUsableCategory(ctx.db, categoryId, 'categoryId');
  const open = statement(ctx.db, `SELECT * FROM counts WHERE shop_id = ? AND status = 'open' ORDER BY number`).all(ctx.shopId) as CountRow[];
  for (const other of open) {
    const overlaps =
      categoryId === null ||
      other.category_id === null ||
      categoryTree(ctx.db, categoryId).has(other.category_id) ||
      categoryTree(ctx.db, other.category_id).has(categoryId);
    if (overlaps) {
      throw new AppError('conflict', 'errors:counts.openExists', {
        field: 'categoryId',
        params: { number: other.number, scope: categoryName(ctx, other.category_id) ?? '' },
      });
    }
  }
  const number =
    (statement(ctx.db, 'SELECT coalesce(max(number), 0) + 1 FROM counts WHERE shop_id = ?').pluck().get(ctx.shopId) as number);
  const id = ctx.newId();
  const note = input.note === undefined || input.note === '' ? null : input.note;
  statement(
    ctx.db,
    `INSERT INTO counts (id, shop_id, number, category_id, blind, status, note, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
  ).run(id, ctx.shopId, number, categoryId, input.blind ? 1 : 0, note, ctx.now().toISOString(), session.userId);
  ctx.audit({ action: 'counts.created', entity: 'count', entityId: id, details: { number, categoryId, blind: input.blind } });
  ctx.emit({ type: 'counts.changed', countId: id });
  return { countId: id, number };
}

export function listCounts(ctx: CallContext, input: { status?: CountStatus | undefined; limit: number }): CountListItem[] {
  const rows = statement(
    ctx.db,
    `SELECT * FROM counts WHERE shop_id = @shopId AND (@status IS NULL OR status = @status)
      ORDER BY (status = 'open') DESC, number DESC LIMIT @limit`,
  ).all({ shopId: ctx.shopId, status: input.status ?? null, limit: input.limit }) as CountRow[];
  const tally = statement(
    ctx.db,
    `SELECT count(*) AS products, coalesce(sum(q), 0) AS quantity
       FROM (SELECT sum(quantity) AS q FROM count_entries WHERE count_id = ? GROUP BY product_id HAVING q <> 0)`,
  );
  return rows.map((row) => {
    const t = tally.get(row.id) as { products: number; quantity: number };
    return { ...headerOf(ctx, row), productsCounted: t.products, quantityCounted: t.quantity };
  });
}

export interface RecentEntry {
  id: string;
  productId: string;
  name: string;
  quantity: number;
  source: string;
  at: string;
  /** the product's count after all entries so far */
  counted: number;
}

export interface CountDetail extends CountHeader {
  /** false when the count is blind and the reader may not post (lacks stock.adjust): expected, difference and value are left out */
  showsExpected: boolean;
  /**
   * false when the reader may not see costs (no reports.view): every line's value and the value
   * totals are null. (When showsExpected is false they are left out anyway.)
   */
  costVisible: boolean;
  lines: (Omit<VarianceLine, 'expected' | 'difference' | 'value'> & { expected?: number; difference?: number; value?: number | null })[];
  totals: Partial<TotalsView> & Pick<TotalsView, 'products' | 'counted' | 'uncounted'>;
  /** this reader's last entries, newest first (the counting screen's "last scans") */
  recent: RecentEntry[];
}

/** May this reader see what the ledger expects? Always, unless the count is blind and they cannot post it. */
export function showsExpected(ctx: CallContext, count: CountRow): boolean {
  return count.blind === 0 || (ctx.session?.permissions.has('stock.adjust') ?? false);
}

export function getCount(ctx: CallContext, countId: string, recentLimit = 20): CountDetail {
  const count = readCount(ctx, countId, 'id');
  const lang = readerLanguage(ctx);
  // A cancelled count shows what was counted; its comparison with today's stock would mean nothing.
  const lines = count.status === 'posted' ? frozenLines(ctx.db, count, lang) : liveLines(ctx.db, count, lang);
  const shown = showsExpected(ctx, count) && count.status !== 'cancelled';
  const withCost = canSeeCost(ctx);
  const totals = totalsOf(lines);
  const recent = statement(
    ctx.db,
    `SELECT e.id, e.product_id, e.quantity, e.source, e.at FROM count_entries e
      WHERE e.count_id = ? AND e.user_id IS ? ORDER BY e.at DESC, e.id DESC LIMIT ?`,
  ).all(count.id, ctx.session?.userId ?? null, recentLimit) as { id: string; product_id: string; quantity: number; source: string; at: string }[];
  return {
    ...headerOf(ctx, count),
    showsExpected: shown,
    costVisible: withCost,
    lines: shown
      ? withCost
        ? lines
        : lines.map((l) => ({ ...l, value: null }))
      : lines.map(({ expected: _e, difference: _d, value: _v, ...rest }) => rest),
    totals: shown ? totalsView(totals, withCost) : { products: totals.products, counted: totals.counted, uncounted: totals.uncounted },
    recent: recent.map((e) => ({
      id: e.id,
      productId: e.product_id,
      name: pickName(readProductNames(ctx.db, e.product_id), lang),
      quantity: e.quantity,
      source: e.source,
      at: e.at,
      counted: countedSoFar(ctx, count.id, e.product_id),
    })),
  };
}

export function cancelCount(ctx: CallContext, countId: string): { countId: string; number: number } {
  const count = readOpenCount(ctx, countId);
  statement(ctx.db, `UPDATE counts SET status = 'cancelled', closed_at = ?, closed_by = ? WHERE id = ?`).run(
    ctx.now().toISOString(),
    ctx.session?.userId ?? null,
    count.id,
  );
  ctx.audit({ action: 'counts.cancelled', entity: 'count', entityId: count.id, details: { number: count.number } });
  ctx.emit({ type: 'counts.changed', countId: count.id });
  return { countId: count.id, number: count.number };
}
