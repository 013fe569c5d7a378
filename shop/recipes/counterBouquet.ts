import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';

export interface ComponentQuantity {
  productId: string;
  quantity: number;
}

/**
 * The list price of one bouquet made at the counter from these components, by the shop's pricing
 * rules (markup per kind, the assembly fee of the recipe size `productId` is, else the shop's,
 * the fixed addition, rounded to the shop's step). The sale screen shows it live through sales.quote.
 * Placeholder until the recipes area fills it in (issue 4): the product's catalogue price.
 */
export function counterBouquetPrice(ctx: CallContext, productId: string, _components: readonly ComponentQuantity[]): number {
  return (statement(ctx.db, 'SELECT price FROM products WHERE id = ?').pluck().get(productId) as number | undefined) ?? 0;
}
