import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { MAX_MONEY } from '../api/schemas';
import { currentShopId } from '../shops/current';
import { componentsCost, type ComponentQuantity } from './cost';
import { bouquetPrice } from './price';
import { readPricingRules } from './rules';

export type { ComponentQuantity } from './cost';

/**
 * The list price of one bouquet made at the counter from these components, by the shop's pricing
 * rules (markup per kind, the assembly fee of the recipe size `productId` is, else the shop's,
 * the fixed addition, rounded to the shop's step). The sale screen shows it live through sales.quote.
 */
export function counterBouquetPrice(ctx: CallContext, productId: string, components: readonly ComponentQuantity[]): number {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) return 0;
  const rules = readPricingRules(ctx.db, shopId);
  const variantFee = statement(ctx.db, 'SELECT assembly_fee FROM recipe_variants WHERE product_id = ?').pluck().get(productId) as
    | number
    | undefined;
  const priced = bouquetPrice({
    components: componentsCost(ctx.db, components),
    assemblyFee: variantFee ?? rules.assemblyFee,
    rules,
  });
  return Math.min(priced.price, MAX_MONEY);
}
