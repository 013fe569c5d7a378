import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { saveRule } from '../freshness/rules';
import { currentShopId } from '../shops/current';
import { productBalance } from '../stock/ledger';
import { CATEGORIES, type CategoryKey } from './catalog-data';

/**
 * Freshness for the demo shop (run after seedDemoShop): vase lives per category, minimum levels for
 * the popular items (a few already below, so the top-bar notice and the reorder list show
 * something), and one markdown rule, "from day 6, 20 % off cut flowers". Deterministic: the value
 * within each range follows the product's position in its category.
 */

/** Days in a vase, [min, max] per category; plants, packaging and accessories do not wilt. */
const VASE_LIFE: Partial<Record<CategoryKey, readonly [number, number]>> = {
  roses: [7, 10],
  tulips: [5, 7],
  chrysanthemums: [14, 21],
  otherFlowers: [6, 12],
  greenery: [10, 14],
  bouquets: [4, 5],
};

/** The popular items per category (first by catalogue order) and the minimum the shop keeps of each. */
const MINIMUMS: Partial<Record<CategoryKey, { items: number; min: number }>> = {
  roses: { items: 3, min: 60 },
  tulips: { items: 2, min: 40 },
  chrysanthemums: { items: 2, min: 20 },
  otherFlowers: { items: 3, min: 20 },
  greenery: { items: 2, min: 15 },
  packaging: { items: 2, min: 20 },
};

/** The demo's categories by key, found by their English names (seed.ts made them; importing it would be a cycle). */
function demoCategories(ctx: CallContext): Map<CategoryKey, string> {
  const find = ctx.db
    .prepare(`SELECT c.id FROM categories c JOIN category_names n ON n.category_id = c.id AND n.lang = 'en' WHERE n.name = ? AND c.archived = 0 LIMIT 1`)
    .pluck();
  const ids = new Map<CategoryKey, string>();
  for (const cat of CATEGORIES) {
    const id = find.get(cat.names.en) as string | undefined;
    if (id) ids.set(cat.key, id);
  }
  return ids;
}

export function seedFreshnessDemo(ctx: CallContext): void {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  const categories = demoCategories(ctx);
  const inCategory = ctx.db.prepare(`SELECT id FROM products WHERE category_id = ? AND archived = 0 AND kind <> 'service' ORDER BY seq`).pluck();
  const setVaseLife = ctx.db.prepare('UPDATE products SET vase_life_days = ? WHERE id = ?');
  const setMin = ctx.db.prepare('UPDATE products SET min_stock = ? WHERE id = ?');

  for (const [key, range] of Object.entries(VASE_LIFE) as [CategoryKey, readonly [number, number]][]) {
    const ids = inCategory.all(categories.get(key) ?? '') as string[];
    const [low, high] = range;
    ids.forEach((productId, i) => setVaseLife.run(low + (i % (high - low + 1)), productId));
  }
  for (const [key, rule] of Object.entries(MINIMUMS) as [CategoryKey, { items: number; min: number }][]) {
    const ids = (inCategory.all(categories.get(key) ?? '') as string[]).slice(0, rule.items);
    ids.forEach((productId, i) => {
      // The second popular item of each category has sold well since the last delivery: below its minimum.
      const min = i === 1 ? Math.max(rule.min, productBalance(ctx.db, productId) + 10) : rule.min;
      setMin.run(min, productId);
    });
  }
  saveRule(ctx, shopId, { fromDay: 6, percentBp: 2000, scope: { kind: 'cut_flower' } });
}
