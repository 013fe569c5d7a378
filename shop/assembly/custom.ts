import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { createProduct } from '../catalog/products';
import { shopIdOf } from '../shifts/current';

/**
 * The shop's generic "Bouquet": the product a bouquet built at the counter is sold as (its line
 * carries the components, which are what stock loses and what the price is made of). Created on
 * first use, one per shop, remembered in app_settings; a ready_item with no price of its own.
 */
const NAMES = { en: 'Bouquet', ru: 'Букет', ka: 'თაიგული', kk: 'Гүл шоғы', uz: 'Guldasta' } as const;

const keyOf = (shopId: string) => `custom_bouquet_product:${shopId}`;

export function customBouquetProduct(ctx: CallContext): { productId: string; created: boolean } {
  const shopId = shopIdOf(ctx);
  const stored = statement(ctx.db, 'SELECT value FROM app_settings WHERE key = ?').pluck().get(keyOf(shopId)) as string | undefined;
  if (stored !== undefined) {
    const archived = statement(ctx.db, 'SELECT archived FROM products WHERE id = ?').pluck().get(stored) as number | undefined;
    if (archived === 0) return { productId: stored, created: false };
    // Archived or gone (someone tidied the catalogue): bring it back rather than make a second one.
    if (archived === 1) {
      statement(ctx.db, 'UPDATE products SET archived = 0, updated_at = ? WHERE id = ?').run(ctx.now().toISOString(), stored);
      return { productId: stored, created: true };
    }
  }
  const productId = createProduct(ctx, { kind: 'ready_item', names: { ...NAMES }, price: 0 });
  statement(ctx.db, 'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    keyOf(shopId),
    productId,
  );
  return { productId, created: true };
}
