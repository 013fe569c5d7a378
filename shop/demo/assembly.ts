import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { makeBouquets } from '../assembly/make';
import { assemblyShop, planAssembly, readVariant } from '../assembly/plan';

/**
 * Bouquets the demo florist has already made: a few batches from the demo recipes, one with a
 * substitution, so "Made" and "Recipe vs actual" have something to show. Call after seedRecipesDemo,
 * in the same transaction. Deterministic: the recipes in name order, the same sizes and counts.
 */
export function seedAssemblyDemo(ctx: CallContext): { assemblies: number } {
  const shopId = assemblyShop(ctx);
  const florist = statement(
    ctx.db,
    `SELECT id FROM users WHERE shop_id = ? AND archived = 0 ORDER BY CASE role WHEN 'florist' THEN 0 WHEN 'owner' THEN 1 ELSE 2 END, created_at LIMIT 1`,
  ).pluck().get(shopId) as string | undefined;
  if (florist === undefined) return { assemblies: 0 };
  const variants = statement(
    ctx.db,
    `SELECT v.id, v.size FROM recipe_variants v JOIN recipes r ON r.id = v.recipe_id
      WHERE r.shop_id = ? AND r.archived = 0 ORDER BY r.name, r.id`,
  ).all(shopId) as { id: string; size: string }[];
  const pick = (n: number, size: string) => variants.filter((v) => v.size === size)[n]?.id;
  const batches: { variantId: string | undefined; quantity: number; substitute?: boolean }[] = [
    { variantId: pick(0, 'medium'), quantity: 3 },
    { variantId: pick(1, 'small'), quantity: 2, substitute: true },
    { variantId: pick(2, 'large'), quantity: 1 },
  ];
  let made = 0;
  for (const batch of batches) {
    if (batch.variantId === undefined) continue;
    const variant = readVariant(ctx, batch.variantId);
    let components: { productId: string; quantity: number }[] | undefined;
    if (batch.substitute) {
      // One stem fewer of the first component and a green of the shop's instead: what a florist does when a stem is short.
      const inRecipe = new Set(variant.components.map((c) => c.productId));
      const green = (
        statement(
          ctx.db,
          `SELECT p.id FROM products p JOIN lot_balances b ON b.product_id = p.id
            WHERE p.kind = 'greenery' AND p.archived = 0 AND b.quantity > 10 ORDER BY p.seq`,
        ).pluck().all() as string[]
      ).find((id) => !inRecipe.has(id));
      components = variant.components.map((c, i) => ({ productId: c.productId, quantity: i === 0 && c.quantity > 1 ? c.quantity - 1 : c.quantity }));
      if (green) components.push({ productId: green, quantity: 1 });
    }
    // Only what the opening stock covers: the demo never starts below zero.
    if (planAssembly(ctx, variant, batch.quantity, components).short.length > 0) continue;
    makeBouquets(ctx, { variantId: batch.variantId, quantity: batch.quantity, components }, florist);
    made += 1;
  }
  return { assemblies: made };
}
