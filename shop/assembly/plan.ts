import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import type { Language } from '../api/schemas';
import { pickName, readProductNames } from '../catalog/names';
import { productNotFound, readerLanguage } from '../catalog/products';
import { currentShopId } from '../shops/current';
import { planFifo } from '../stock/ledger';

/**
 * What making N bouquets of one recipe size takes: per component the recipe's quantity against the
 * florist's actual one, what stock holds, what is short and what the actual quantity costs from the
 * oldest lots. Writes nothing; assembly.make posts exactly this plan.
 */

export interface ComponentQuantity {
  productId: string;
  /** per bouquet */
  quantity: number;
}

export interface Variant {
  id: string;
  recipeId: string;
  recipeName: string;
  recipeArchived: boolean;
  size: 'small' | 'medium' | 'large';
  /** the ready bouquet's product */
  productId: string;
  components: (ComponentQuantity & { lineNo: number })[];
}

export interface PlanLine {
  lineNo: number;
  productId: string;
  name: string;
  unit: string;
  kind: string;
  /** per bouquet, as the recipe says (0: a substitute the recipe does not have) */
  recipePer: number;
  /** per bouquet, as the florist makes it (0: left out) */
  actualPer: number;
  /** for all N bouquets */
  recipeQuantity: number;
  actualQuantity: number;
  /** what the product holds over its lots now */
  available: number;
  /** how much of the actual quantity stock lacks */
  short: number;
  /** the actual quantity's cost, oldest lots first (minor units) */
  cost: number;
  /** what the recipe quantity would cost the same way, for the recipe-against-actual report */
  recipeCost: number;
  /** the product has never been received: there is no lot to take from, even below zero */
  noLots: boolean;
}

export interface ShortItem {
  productId: string;
  name: string;
  missing: number;
}

export interface AssemblyPlan {
  variantId: string;
  recipeId: string;
  recipeName: string;
  size: Variant['size'];
  productId: string;
  /** the ready bouquet's name in the reader's language */
  name: string;
  quantity: number;
  components: PlanLine[];
  short: ShortItem[];
  /** Σ component cost for all N bouquets */
  cost: number;
  recipeCost: number;
  /** cost ÷ N, halves up: the ready lot's unit cost */
  unitCost: number;
  /** the actual components differ from the recipe */
  substituted: boolean;
  /** how many bouquets made this way stock covers now */
  makeable: number;
  /** the shop lets stock go below zero: a short list does not stop making */
  allowNegative: boolean;
}

/** The shop: the dispatcher's, or during the demo seed (before the dispatcher knows it) the one just set up. */
export function assemblyShop(ctx: CallContext): string {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return shopId;
}

export const variantNotFound = (field = 'variantId') => new AppError('not_found', 'errors:assembly.variantNotFound', { field });

export function readVariant(ctx: CallContext, variantId: string): Variant {
  const row = statement(
    ctx.db,
    `SELECT v.id, v.recipe_id, v.size, v.product_id, r.name, r.archived
       FROM recipe_variants v JOIN recipes r ON r.id = v.recipe_id
      WHERE v.id = ? AND r.shop_id = ?`,
  ).get(variantId, assemblyShop(ctx)) as
    | { id: string; recipe_id: string; size: Variant['size']; product_id: string; name: string; archived: number }
    | undefined;
  if (!row) throw variantNotFound();
  const components = statement(
    ctx.db,
    'SELECT line_no AS lineNo, product_id AS productId, quantity FROM recipe_components WHERE variant_id = ? ORDER BY line_no',
  ).all(variantId) as (ComponentQuantity & { lineNo: number })[];
  return {
    id: row.id,
    recipeId: row.recipe_id,
    recipeName: row.name,
    recipeArchived: row.archived === 1,
    size: row.size,
    productId: row.product_id,
    components,
  };
}

/** Quantities per product in first-seen order: the same stem twice in a list is one component. */
function byProduct(list: readonly ComponentQuantity[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of list) out.set(c.productId, (out.get(c.productId) ?? 0) + c.quantity);
  return out;
}

/** A unit cost from a total over n pieces, halves rounded up (integers only, exact). */
export function unitCostOf(total: number, n: number): number {
  return Math.floor((2 * total + n) / (2 * n));
}

function nameOf(ctx: CallContext, productId: string, lang: Language): string {
  return pickName(readProductNames(ctx.db, productId), lang);
}

/**
 * Checks the florist's components (known, stocked, not the bouquet itself). `field` names the input
 * list, so the refusal points at the line the florist can change.
 */
function checkComponents(ctx: CallContext, variant: Variant, actual: readonly ComponentQuantity[], field: string): void {
  actual.forEach((c, i) => {
    const row = statement(ctx.db, 'SELECT kind FROM products WHERE id = ?').get(c.productId) as { kind: string } | undefined;
    if (!row) throw productNotFound(`${field}.${i}.productId`);
    const product = nameOf(ctx, c.productId, readerLanguage(ctx));
    if (row.kind === 'service') {
      throw new AppError('invalid_input', 'errors:assembly.serviceComponent', { field: `${field}.${i}.productId`, params: { product } });
    }
    if (c.productId === variant.productId) {
      throw new AppError('invalid_input', 'errors:assembly.containsItself', { field: `${field}.${i}.productId`, params: { product } });
    }
  });
}

export interface Substitution {
  /** the recipe line replaced; absent: an extra component */
  lineNo?: number | undefined;
  productId: string;
  /** per bouquet; 0 leaves the recipe line out */
  quantity: number;
}

/** The recipe's components with substitutions applied: a replaced line, a line left out (0), an extra one. */
export function applySubstitutions(variant: Variant, substitutions: readonly Substitution[]): ComponentQuantity[] {
  const lines: ComponentQuantity[] = variant.components.map((c) => ({ productId: c.productId, quantity: c.quantity }));
  const extra: ComponentQuantity[] = [];
  substitutions.forEach((s, i) => {
    if (s.lineNo === undefined) {
      if (s.quantity > 0) extra.push({ productId: s.productId, quantity: s.quantity });
      return;
    }
    const at = variant.components.findIndex((c) => c.lineNo === s.lineNo);
    if (at < 0) throw new AppError('invalid_input', 'errors:assembly.lineNotFound', { field: `substitutions.${i}.lineNo` });
    lines[at] = { productId: s.productId, quantity: s.quantity };
  });
  return [...lines, ...extra].filter((c) => c.quantity > 0);
}

export function planAssembly(
  ctx: CallContext,
  variant: Variant,
  quantity: number,
  actual: readonly ComponentQuantity[] | undefined,
  field = 'components',
): AssemblyPlan {
  const lang = readerLanguage(ctx);
  const actualList = actual ?? variant.components;
  if (actualList.length === 0) throw new AppError('invalid_input', 'errors:assembly.noComponents', { field });
  if (actual) checkComponents(ctx, variant, actual, field);
  const recipe = byProduct(variant.components);
  const made = byProduct(actualList);
  const products = [...new Set([...recipe.keys(), ...made.keys()])];

  const components = products.map((productId, i): PlanLine => {
    const recipePer = recipe.get(productId) ?? 0;
    const actualPer = made.get(productId) ?? 0;
    const recipeQuantity = recipePer * quantity;
    const actualQuantity = actualPer * quantity;
    const plan = planFifo(ctx.db, productId, actualQuantity);
    const recipeCost = recipeQuantity === actualQuantity ? plan.cost : planFifo(ctx.db, productId, recipeQuantity).cost;
    const product = statement(ctx.db, 'SELECT unit, kind FROM products WHERE id = ?').get(productId) as { unit: string; kind: string };
    return {
      lineNo: i + 1,
      productId,
      name: nameOf(ctx, productId, lang),
      unit: product.unit,
      kind: product.kind,
      recipePer,
      actualPer,
      recipeQuantity,
      actualQuantity,
      available: plan.available,
      short: plan.shortfall,
      cost: plan.cost,
      recipeCost,
      noLots: plan.shortfall > 0 && plan.parts.length === 0,
    };
  });
  const cost = components.reduce((s, c) => s + c.cost, 0);
  const used = components.filter((c) => c.actualPer > 0);
  return {
    variantId: variant.id,
    recipeId: variant.recipeId,
    recipeName: variant.recipeName,
    size: variant.size,
    productId: variant.productId,
    name: nameOf(ctx, variant.productId, lang),
    quantity,
    components,
    short: components.filter((c) => c.short > 0).map((c) => ({ productId: c.productId, name: c.name, missing: c.short })),
    cost,
    recipeCost: components.reduce((s, c) => s + c.recipeCost, 0),
    unitCost: unitCostOf(cost, quantity),
    substituted: components.some((c) => c.recipePer !== c.actualPer),
    makeable: used.length === 0 ? 0 : Math.min(...used.map((c) => Math.max(0, Math.floor(c.available / c.actualPer)))),
    allowNegative:
      statement(ctx.db, 'SELECT allow_negative_stock FROM shops WHERE id = ?').pluck().get(assemblyShop(ctx)) === 1,
  };
}
