import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { pickName, readProductNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';
import { shopIdOf } from '../shifts/current';

export interface VarianceComponent {
  productId: string;
  name: string;
  recipeQuantity: number;
  actualQuantity: number;
  /** actual − recipe: more stems used than the recipe says is positive */
  quantityDiff: number;
  recipeCost: number;
  cost: number;
  costDiff: number;
}

export interface VarianceGroup {
  variantId: string | null;
  recipeId: string | null;
  recipeName: string | null;
  size: string | null;
  assemblies: number;
  bouquets: number;
  recipeCost: number;
  cost: number;
  costDiff: number;
  components: VarianceComponent[];
}

export interface VarianceReport {
  from: string;
  to: string;
  groups: VarianceGroup[];
  totals: { assemblies: number; bouquets: number; recipeCost: number; cost: number; costDiff: number };
}

const DAY_MS = 86_400_000;

/** [from, to] as whole UTC days, `to` included. */
function period(from: string, to: string): { start: string; end: string } {
  const start = Date.parse(`${from}T00:00:00.000Z`);
  const end = Date.parse(`${to}T00:00:00.000Z`);
  if (Number.isNaN(start)) throw new AppError('invalid_input', 'errors:assembly.dateInvalid', { field: 'from' });
  if (Number.isNaN(end)) throw new AppError('invalid_input', 'errors:assembly.dateInvalid', { field: 'to' });
  if (end < start) throw new AppError('invalid_input', 'errors:assembly.periodInvalid', { field: 'to' });
  return { start: new Date(start).toISOString(), end: new Date(end + DAY_MS).toISOString() };
}

/**
 * Recipe against actual over a period: per recipe size and component, the quantities the recipes
 * called for, what the florists really used, and what the difference cost (both at the lot costs of
 * the day each bouquet was made).
 */
export function assemblyVariance(ctx: CallContext, input: { from: string; to: string }): VarianceReport {
  const { start, end } = period(input.from, input.to);
  const shopId = shopIdOf(ctx);
  const lang = readerLanguage(ctx);
  const heads = statement(
    ctx.db,
    `SELECT a.variant_id, v.recipe_id, r.name AS recipe_name, v.size, count(*) AS assemblies, sum(a.quantity) AS bouquets
       FROM assemblies a LEFT JOIN recipe_variants v ON v.id = a.variant_id LEFT JOIN recipes r ON r.id = v.recipe_id
      WHERE a.shop_id = ? AND a.at >= ? AND a.at < ?
      GROUP BY a.variant_id ORDER BY r.name, CASE v.size WHEN 'small' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
  ).all(shopId, start, end) as {
    variant_id: string | null;
    recipe_id: string | null;
    recipe_name: string | null;
    size: string | null;
    assemblies: number;
    bouquets: number;
  }[];
  const lines = statement(
    ctx.db,
    `SELECT c.product_id, sum(c.recipe_quantity) AS recipe_quantity, sum(c.actual_quantity) AS actual_quantity,
            sum(c.recipe_cost) AS recipe_cost, sum(c.cost) AS cost, min(c.line_no) AS first_line
       FROM assemblies a JOIN assembly_components c ON c.assembly_id = a.id
      WHERE a.shop_id = ? AND a.at >= ? AND a.at < ? AND a.variant_id IS ?
      GROUP BY c.product_id ORDER BY first_line, c.product_id`,
  );
  const groups = heads.map((h): VarianceGroup => {
    const components = (
      lines.all(shopId, start, end, h.variant_id) as {
        product_id: string;
        recipe_quantity: number;
        actual_quantity: number;
        recipe_cost: number;
        cost: number;
      }[]
    ).map((c) => ({
      productId: c.product_id,
      name: pickName(readProductNames(ctx.db, c.product_id), lang),
      recipeQuantity: c.recipe_quantity,
      actualQuantity: c.actual_quantity,
      quantityDiff: c.actual_quantity - c.recipe_quantity,
      recipeCost: c.recipe_cost,
      cost: c.cost,
      costDiff: c.cost - c.recipe_cost,
    }));
    const recipeCost = components.reduce((s, c) => s + c.recipeCost, 0);
    const cost = components.reduce((s, c) => s + c.cost, 0);
    return {
      variantId: h.variant_id,
      recipeId: h.recipe_id,
      recipeName: h.recipe_name,
      size: h.size,
      assemblies: h.assemblies,
      bouquets: h.bouquets,
      recipeCost,
      cost,
      costDiff: cost - recipeCost,
      components,
    };
  });
  const sum = (f: (g: VarianceGroup) => number) => groups.reduce((s, g) => s + f(g), 0);
  return {
    from: input.from,
    to: input.to,
    groups,
    totals: {
      assemblies: sum((g) => g.assemblies),
      bouquets: sum((g) => g.bouquets),
      recipeCost: sum((g) => g.recipeCost),
      cost: sum((g) => g.cost),
      costDiff: sum((g) => g.costDiff),
    },
  };
}
