import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { pickName, readProductNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';
import { MAX_STOCK_QUANTITY } from '../stock/ledger';
import { readOpenCount, scopeChecker } from './scope';

export const COUNT_ENTRY_SOURCES = ['scan', 'manual', 'file', 'serial'] as const;
export type CountEntrySource = (typeof COUNT_ENTRY_SOURCES)[number];

export interface CountEntryInput {
  productId: string;
  /** signed: a negative entry takes back a wrong scan */
  quantity: number;
}

export interface AddedEntries {
  /** entries written */
  added: number;
  /** each product touched, with its running count after these entries */
  products: { productId: string; counted: number }[];
}

/** Σ entries of one product in one count: what has been counted so far. */
export function countedSoFar(ctx: CallContext, countId: string, productId: string): number {
  return statement(ctx.db, 'SELECT coalesce(sum(quantity), 0) FROM count_entries WHERE count_id = ? AND product_id = ?')
    .pluck()
    .get(countId, productId) as number;
}

/**
 * Adds counted quantities to an open count of this shop: every scan, typed quantity and terminal
 * line goes through here. Refuses (the caller's transaction writes nothing) when the count is not
 * open, a product is outside the count's scope or a service, a quantity is zero or not a whole
 * number, or a correction would take a product's count below zero. Auditing is the caller's: a
 * scan is not worth an audit entry, an import is.
 */
export function addCountEntries(
  ctx: CallContext,
  countId: string,
  entries: readonly CountEntryInput[],
  source: CountEntrySource,
): AddedEntries {
  const count = readOpenCount(ctx, countId);
  if (entries.length === 0) throw new AppError('invalid_input', 'errors:counts.noEntries', { field: 'entries' });
  const check = scopeChecker(ctx, count);
  const totals = new Map<string, number>();
  entries.forEach((entry, i) => {
    const field = entries.length === 1 ? 'quantity' : `entries.${i}.quantity`;
    if (!Number.isSafeInteger(entry.quantity) || entry.quantity === 0 || Math.abs(entry.quantity) > MAX_STOCK_QUANTITY) {
      throw new AppError('invalid_input', 'errors:counts.quantityInvalid', { field, params: { max: MAX_STOCK_QUANTITY } });
    }
    check(entry.productId, entries.length === 1 ? 'productId' : `entries.${i}.productId`);
    totals.set(entry.productId, (totals.get(entry.productId) ?? 0) + entry.quantity);
  });
  const products: AddedEntries['products'] = [];
  for (const [productId, delta] of totals) {
    const counted = countedSoFar(ctx, countId, productId) + delta;
    if (counted < 0) {
      throw new AppError('conflict', 'errors:counts.belowZero', {
        field: 'quantity',
        params: { product: pickName(readProductNames(ctx.db, productId), readerLanguage(ctx)), counted: counted - delta },
      });
    }
    if (counted > MAX_STOCK_QUANTITY) {
      throw new AppError('invalid_input', 'errors:counts.quantityInvalid', { field: 'quantity', params: { max: MAX_STOCK_QUANTITY } });
    }
    products.push({ productId, counted });
  }
  const insert = statement(
    ctx.db,
    `INSERT INTO count_entries (id, count_id, shop_id, product_id, quantity, source, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = ctx.now().toISOString();
  const userId = ctx.session?.userId ?? null;
  for (const entry of entries) insert.run(ctx.newId(), countId, count.shop_id, entry.productId, entry.quantity, source, at, userId);
  ctx.emit({ type: 'counts.changed', countId });
  return { added: entries.length, products };
}
