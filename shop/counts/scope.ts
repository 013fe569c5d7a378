import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { pickName, readCategoryNames, readProductNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';

/**
 * What a count covers. A count of a category covers its subcategories too: a florist who counts
 * "Roses" means the spray roses kept in a subcategory as well. A count with no category covers all
 * stock. Services are never in scope: they hold no stock.
 */

export type CountStatus = 'open' | 'posted' | 'cancelled';

export interface CountRow {
  id: string;
  shop_id: string;
  number: number;
  category_id: string | null;
  blind: number;
  status: CountStatus;
  note: string | null;
  created_at: string;
  created_by: string;
  closed_at: string | null;
  closed_by: string | null;
}

export const countNotFound = (field = 'countId') => new AppError('not_found', 'errors:counts.notFound', { field });

/** The count, in this shop (another shop's count is as good as missing). */
export function readCount(ctx: CallContext, countId: string, field = 'countId'): CountRow {
  const row = statement(ctx.db, 'SELECT * FROM counts WHERE id = ?').get(countId) as CountRow | undefined;
  if (!row || row.shop_id !== ctx.shopId) throw countNotFound(field);
  return row;
}

/** The count, refused unless it is still open (posted and cancelled counts take no more entries). */
export function readOpenCount(ctx: CallContext, countId: string, field = 'countId'): CountRow {
  const row = readCount(ctx, countId, field);
  if (row.status === 'posted') throw new AppError('conflict', 'errors:counts.alreadyPosted', { field, params: { number: row.number } });
  if (row.status === 'cancelled') throw new AppError('conflict', 'errors:counts.cancelled', { field, params: { number: row.number } });
  return row;
}

/** The category and every category below it. */
export function categoryTree(db: Database, categoryId: string): Set<string> {
  const ids = statement(
    db,
    `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
     SELECT id FROM tree`,
  )
    .pluck()
    .all(categoryId) as string[];
  return new Set(ids);
}

/**
 * SQL (with the named parameter @categoryId when the count has a category) selecting the ids of
 * the stocked products in the count's scope.
 */
export function scopeProductsSql(categoryId: string | null): string {
  if (categoryId === null) return `SELECT id FROM products WHERE kind <> 'service'`;
  return `SELECT p.id FROM products p
           WHERE p.kind <> 'service' AND p.category_id IN (
             WITH RECURSIVE tree(id) AS (SELECT @categoryId UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
             SELECT id FROM tree)`;
}

export function categoryName(ctx: CallContext, categoryId: string | null): string | null {
  return categoryId === null ? null : pickName(readCategoryNames(ctx.db, categoryId), readerLanguage(ctx));
}

/**
 * A checker for "may this product be counted here": it exists, holds stock (not a service) and is
 * in the count's category tree. Built once per call, so an import of thousands of lines reads the
 * category tree once.
 */
export function scopeChecker(ctx: CallContext, count: CountRow): (productId: string, field?: string) => void {
  const tree = count.category_id === null ? null : categoryTree(ctx.db, count.category_id);
  const product = statement(ctx.db, 'SELECT kind, category_id FROM products WHERE id = ?');
  return (productId, field = 'productId') => {
    const row = product.get(productId) as { kind: string; category_id: string | null } | undefined;
    if (!row) throw new AppError('not_found', 'errors:catalog.productNotFound', { field });
    const name = () => pickName(readProductNames(ctx.db, productId), readerLanguage(ctx));
    if (row.kind === 'service') {
      throw new AppError('conflict', 'errors:counts.notStocked', { field, params: { product: name() } });
    }
    if (tree !== null && (row.category_id === null || !tree.has(row.category_id))) {
      throw new AppError('conflict', 'errors:counts.outOfScope', {
        field,
        params: { product: name(), category: categoryName(ctx, count.category_id) ?? '' },
      });
    }
  };
}
