import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id, MAX_MONEY, money, type Language } from '../api/schemas';
import { nextInternalBarcode } from '../catalog/barcode';
import { pickName, readProductNames } from '../catalog/names';
import { normalizeText } from '../catalog/normalize';
import { archiveProduct, createProduct, productNotFound, readerLanguage, restoreProduct, updateProduct } from '../catalog/products';
import { currentShopId } from '../shops/current';
import { productBalance } from '../stock/ledger';
import { reachesAny, recipeProducts } from './contains';
import { componentsCost, type ComponentCost, type ComponentQuantity } from './cost';
import { photoDataUrl } from './photo';
import { bouquetPrice, type PriceBreakdown, type PricingRules } from './price';
import { readPricingRules } from './rules';
import { canSeeBouquetCost } from '../users/costs';

/**
 * Bouquet recipes: up to three sizes, each a list of components with an assembly fee, each sold
 * as its own ready_item product (scanned, sold, kept in stock as lots that age). The product's
 * price is the rule price when the recipe was saved or last repriced: a shelf price changes only
 * when the owner says so, never because a lot of roses arrived dearer.
 */

export const RECIPE_SIZES = ['small', 'medium', 'large'] as const;
export type RecipeSize = (typeof RECIPE_SIZES)[number];
export const MAX_COMPONENTS = 60;
export const MAX_RECIPE_NAME = 80;

/** The size's mark in the bouquet's product name ("Spring mood · M"), the same letters a florist tags in every language. */
const SIZE_MARK: Record<RecipeSize, string> = { small: 'S', medium: 'M', large: 'L' };

export const componentInput = z
  .object({
    productId: id,
    quantity: z.number().int('errors:recipes.quantityInvalid').min(1, 'errors:recipes.quantityInvalid').max(10_000, 'errors:recipes.quantityInvalid'),
  })
  .strict();

export const variantInput = z
  .object({
    size: z.enum(RECIPE_SIZES),
    assemblyFee: money.default(0),
    components: z.array(componentInput).min(1, 'errors:recipes.componentsRequired').max(MAX_COMPONENTS),
  })
  .strict();

export const recipeInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1, 'errors:recipes.nameRequired').max(MAX_RECIPE_NAME),
    description: z.string().trim().max(1000).optional(),
    categoryId: id.nullable().optional(),
    variants: z.array(variantInput).min(1, 'errors:recipes.sizesRequired').max(RECIPE_SIZES.length, 'errors:recipes.duplicateSize'),
  })
  .strict();
export type RecipeInput = z.output<typeof recipeInput>;
export type VariantInput = z.output<typeof variantInput>;

export interface RecipeRow {
  id: string;
  shop_id: string;
  name: string;
  description: string | null;
  photo: Buffer | null;
  photo_type: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface VariantRow {
  id: string;
  recipe_id: string;
  size: RecipeSize;
  product_id: string;
  assembly_fee: number;
}

/** The shop of the call; the demo seed runs before the dispatcher knows it, right after writing it. */
export function shopOf(ctx: CallContext): string {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return shopId;
}

export const recipeNotFound = (field = 'id') => new AppError('not_found', 'errors:recipes.notFound', { field });

export function shopLanguage(db: Database, shopId: string): Language {
  return (statement(db, 'SELECT language FROM shops WHERE id = ?').pluck().get(shopId) as Language | undefined) ?? 'en';
}

export function readRecipe(db: Database, shopId: string, recipeId: string): RecipeRow | undefined {
  return statement(db, 'SELECT * FROM recipes WHERE id = ? AND shop_id = ?').get(recipeId, shopId) as RecipeRow | undefined;
}

export function requireRecipe(ctx: CallContext, recipeId: string, field = 'id'): RecipeRow {
  const row = readRecipe(ctx.db, shopOf(ctx), recipeId);
  if (!row) throw recipeNotFound(field);
  return row;
}

/** Every size the recipe ever had, removed ones too (their product is archived, their components gone). */
export function variantsOf(db: Database, recipeId: string): VariantRow[] {
  const rows = statement(db, 'SELECT id, recipe_id, size, product_id, assembly_fee FROM recipe_variants WHERE recipe_id = ?').all(
    recipeId,
  ) as VariantRow[];
  return rows.sort((a, b) => RECIPE_SIZES.indexOf(a.size) - RECIPE_SIZES.indexOf(b.size));
}

export function componentsOf(db: Database, variantId: string): ComponentQuantity[] {
  return statement(db, 'SELECT product_id AS productId, quantity FROM recipe_components WHERE variant_id = ? ORDER BY line_no').all(
    variantId,
  ) as ComponentQuantity[];
}

/**
 * One size of a recipe, for making it (assembly) or building it at the counter: null when unknown.
 * `live` is false when the size was removed from its recipe or the recipe is archived.
 */
export function readVariant(
  db: Database,
  variantId: string,
): (VariantRow & { recipeName: string; live: boolean; components: ComponentQuantity[] }) | null {
  const row = statement(
    db,
    `SELECT v.id, v.recipe_id, v.size, v.product_id, v.assembly_fee, r.name AS recipe_name, r.archived, p.archived AS product_archived
       FROM recipe_variants v JOIN recipes r ON r.id = v.recipe_id JOIN products p ON p.id = v.product_id WHERE v.id = ?`,
  ).get(variantId) as (VariantRow & { recipe_name: string; archived: number; product_archived: number }) | undefined;
  if (!row) return null;
  const components = componentsOf(db, row.id);
  return {
    id: row.id,
    recipe_id: row.recipe_id,
    size: row.size,
    product_id: row.product_id,
    assembly_fee: row.assembly_fee,
    recipeName: row.recipe_name,
    live: row.archived === 0 && row.product_archived === 0 && components.length > 0,
    components,
  };
}

export interface PricedVariant {
  cost: number;
  price: number;
  breakdown: PriceBreakdown;
  components: ComponentCost[];
  /** how many bouquets the stock on hand makes */
  makeable: number;
  /** some component was never received: its cost counts as 0 */
  noCost: boolean;
}

export function priceVariant(
  db: Database,
  components: readonly ComponentQuantity[],
  assemblyFee: number,
  rules: PricingRules,
  lang?: Language,
): PricedVariant {
  const costs = componentsCost(db, components, lang);
  const priced = bouquetPrice({ components: costs, assemblyFee, rules });
  const makeable = costs.length === 0 ? 0 : Math.max(0, Math.min(...costs.map((c) => Math.floor(c.available / c.quantity))));
  return { ...priced, components: costs, makeable, noCost: costs.some((c) => c.noCost) };
}

function productLabel(db: Database, productId: string, lang: Language): string {
  return pickName(readProductNames(db, productId), lang);
}

/** Refuses sizes given twice, and components that are unknown, services, archived, listed twice or the recipe itself. */
export function checkRecipeVariants(
  ctx: CallContext,
  recipeId: string | null,
  variants: readonly Pick<VariantInput, 'size' | 'components'>[],
): void {
  const lang = readerLanguage(ctx);
  const own = recipeId ? recipeProducts(ctx.db, recipeId) : new Set<string>();
  const sizes = new Set<string>();
  variants.forEach((v, i) => {
    if (sizes.has(v.size)) throw new AppError('invalid_input', 'errors:recipes.duplicateSize', { field: `variants.${i}.size` });
    sizes.add(v.size);
    const seen = new Set<string>();
    v.components.forEach((c, j) => {
      const field = `variants.${i}.components.${j}.productId`;
      const product = statement(ctx.db, 'SELECT kind, archived FROM products WHERE id = ?').get(c.productId) as
        | { kind: string; archived: number }
        | undefined;
      if (!product) throw productNotFound(field);
      const params = { product: productLabel(ctx.db, c.productId, lang) };
      if (product.kind === 'service') throw new AppError('invalid_input', 'errors:recipes.componentService', { field, params });
      if (product.archived === 1) throw new AppError('conflict', 'errors:recipes.componentArchived', { field, params });
      if (seen.has(c.productId)) throw new AppError('invalid_input', 'errors:recipes.duplicateComponent', { field, params });
      seen.add(c.productId);
      if (reachesAny(ctx.db, c.productId, own)) throw new AppError('conflict', 'errors:recipes.containsItself', { field, params });
    });
  });
}

function bouquetName(recipeName: string, size: RecipeSize): string {
  return `${recipeName} · ${SIZE_MARK[size]}`;
}

function checkPrice(price: number, field: string): number {
  if (price > MAX_MONEY) throw new AppError('invalid_input', 'errors:recipes.priceTooHigh', { field });
  return price;
}

export interface SavedVariant {
  id: string;
  size: RecipeSize;
  productId: string;
  price: number;
  created: boolean;
}

/**
 * Creates or updates a recipe with its sizes, and each size's bouquet product (named in the
 * shop's language, priced by the rules now, with a shop barcode). A size left out is removed:
 * its product is archived (sales and assemblies that name it keep it).
 */
export function saveRecipe(
  ctx: CallContext,
  input: RecipeInput,
): { id: string; created: boolean; variants: SavedVariant[]; productsChanged: boolean } {
  const shopId = shopOf(ctx);
  const existing = input.id ? requireRecipe(ctx, input.id) : undefined;
  checkRecipeVariants(ctx, existing?.id ?? null, input.variants);
  const at = ctx.now().toISOString();
  const recipeId = existing?.id ?? ctx.newId();
  if (existing) {
    statement(ctx.db, 'UPDATE recipes SET name = ?, description = ?, updated_at = ? WHERE id = ?').run(
      input.name,
      input.description || null,
      at,
      recipeId,
    );
  } else {
    statement(
      ctx.db,
      `INSERT INTO recipes (id, shop_id, name, description, archived, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)`,
    ).run(recipeId, shopId, input.name, input.description || null, at, at);
  }
  const rules = readPricingRules(ctx.db, shopId);
  const lang = shopLanguage(ctx.db, shopId);
  const before = new Map(variantsOf(ctx.db, recipeId).map((v) => [v.size, v]));
  const saved: SavedVariant[] = [];
  let productsChanged = false;
  input.variants.forEach((v, i) => {
    const price = checkPrice(priceVariant(ctx.db, v.components, v.assemblyFee, rules).price, `variants.${i}`);
    const names = { [lang]: bouquetName(input.name, v.size) };
    const old = before.get(v.size);
    let variantId: string;
    let productId: string;
    if (old) {
      variantId = old.id;
      productId = old.product_id;
      const changes = updateProduct(ctx, productId, {
        names,
        price,
        ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
      });
      const restored = restoreProduct(ctx, productId);
      productsChanged ||= restored || Object.keys(changes).length > 0;
      statement(ctx.db, 'UPDATE recipe_variants SET assembly_fee = ? WHERE id = ?').run(v.assemblyFee, variantId);
      statement(ctx.db, 'DELETE FROM recipe_components WHERE variant_id = ?').run(variantId);
    } else {
      productId = createProduct(ctx, {
        kind: 'ready_item',
        names,
        unit: 'piece',
        price,
        barcodes: [nextInternalBarcode(ctx.db)],
        ...(input.categoryId ? { categoryId: input.categoryId } : {}),
      });
      productsChanged = true;
      variantId = ctx.newId();
      statement(ctx.db, 'INSERT INTO recipe_variants (id, recipe_id, size, product_id, assembly_fee) VALUES (?, ?, ?, ?, ?)').run(
        variantId,
        recipeId,
        v.size,
        productId,
        v.assemblyFee,
      );
    }
    const insert = statement(ctx.db, 'INSERT INTO recipe_components (variant_id, line_no, product_id, quantity) VALUES (?, ?, ?, ?)');
    v.components.forEach((c, j) => insert.run(variantId, j + 1, c.productId, c.quantity));
    saved.push({ id: variantId, size: v.size, productId, price, created: !old });
  });
  const kept = new Set(input.variants.map((v) => v.size));
  for (const old of before.values()) {
    if (kept.has(old.size)) continue;
    statement(ctx.db, 'DELETE FROM recipe_components WHERE variant_id = ?').run(old.id);
    if (archiveProduct(ctx, old.product_id)) productsChanged = true;
  }
  if (existing?.archived === 1) {
    // saving an archived recipe brings it back: the owner just edited it to be used
    statement(ctx.db, 'UPDATE recipes SET archived = 0 WHERE id = ?').run(recipeId);
  }
  return { id: recipeId, created: !existing, variants: saved, productsChanged };
}

/** Archives (or restores) a recipe and its bouquets' products. Returns whether anything changed. */
export function setRecipeArchived(ctx: CallContext, recipeId: string, archived: boolean): boolean {
  const row = requireRecipe(ctx, recipeId);
  if ((row.archived === 1) === archived) return false;
  statement(ctx.db, 'UPDATE recipes SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, ctx.now().toISOString(), recipeId);
  for (const v of variantsOf(ctx.db, recipeId)) {
    if (archived) archiveProduct(ctx, v.product_id);
    // a size removed before (no components) stays removed
    else if (componentsOf(ctx.db, v.id).length > 0) restoreProduct(ctx, v.product_id);
  }
  return true;
}

export interface Repriced {
  variantId: string;
  productId: string;
  from: number;
  to: number;
}

/** Sets each live size's product price to the rule price now; returns the prices that moved. */
export function repriceRecipe(ctx: CallContext, recipeId: string): Repriced[] {
  const shopId = shopOf(ctx);
  const rules = readPricingRules(ctx.db, shopId);
  const out: Repriced[] = [];
  for (const v of variantsOf(ctx.db, recipeId)) {
    const components = componentsOf(ctx.db, v.id);
    if (components.length === 0) continue;
    const to = checkPrice(priceVariant(ctx.db, components, v.assembly_fee, rules).price, 'id');
    const from = statement(ctx.db, 'SELECT price FROM products WHERE id = ?').pluck().get(v.product_id) as number;
    if (from === to) continue;
    updateProduct(ctx, v.product_id, { price: to });
    out.push({ variantId: v.id, productId: v.product_id, from, to });
  }
  return out;
}

export function liveRecipeIds(db: Database, shopId: string): string[] {
  return statement(db, 'SELECT id FROM recipes WHERE shop_id = ? AND archived = 0 ORDER BY name').pluck().all(shopId) as string[];
}

export interface VariantView {
  id: string;
  size: RecipeSize;
  productId: string;
  productName: string;
  barcode: string | null;
  assemblyFee: number;
  /** the bouquet's shelf price now */
  price: number;
  /** what the rules would price it at now (the shelf price moves only on reprice) */
  rulePrice: number;
  /** omitted for people who may not see costs */
  cost?: number;
  breakdown?: PriceBreakdown;
  noCost: boolean;
  makeable: number;
  /** ready bouquets of this size on the shelf */
  inStock: number;
  components: (Omit<ComponentCost, 'cost'> & { cost?: number })[];
}

export interface RecipeView {
  id: string;
  name: string;
  description: string | null;
  photo: string | null;
  archived: boolean;
  updatedAt: string;
  variants: VariantView[];
}

function viewVariant(ctx: CallContext, v: VariantRow, rules: PricingRules, lang: Language, withCost: boolean): VariantView | null {
  const components = componentsOf(ctx.db, v.id);
  if (components.length === 0) return null;
  const product = statement(ctx.db, 'SELECT price, archived FROM products WHERE id = ?').get(v.product_id) as
    | { price: number; archived: number }
    | undefined;
  if (!product) return null;
  const priced = priceVariant(ctx.db, components, v.assembly_fee, rules, lang);
  const barcode = statement(ctx.db, 'SELECT code FROM barcodes WHERE product_id = ? ORDER BY created_at, code LIMIT 1').pluck().get(v.product_id) as
    | string
    | undefined;
  return {
    id: v.id,
    size: v.size,
    productId: v.product_id,
    productName: productLabel(ctx.db, v.product_id, lang),
    barcode: barcode ?? null,
    assemblyFee: v.assembly_fee,
    price: product.price,
    rulePrice: priced.price,
    ...(withCost ? { cost: priced.cost, breakdown: priced.breakdown } : {}),
    noCost: priced.noCost,
    makeable: priced.makeable,
    inStock: productBalance(ctx.db, v.product_id),
    components: priced.components.map(({ cost, ...rest }) => (withCost ? { ...rest, cost } : rest)),
  };
}

export function viewRecipe(ctx: CallContext, row: RecipeRow, rules: PricingRules): RecipeView {
  const lang = readerLanguage(ctx);
  const withCost = canSeeBouquetCost(ctx);
  const variants = variantsOf(ctx.db, row.id)
    .map((v) => viewVariant(ctx, v, rules, lang, withCost))
    .filter((v): v is VariantView => v !== null);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    photo: photoDataUrl(row.photo, row.photo_type),
    archived: row.archived === 1,
    updatedAt: row.updated_at,
    variants,
  };
}

export function listRecipes(ctx: CallContext, opts: { query?: string | undefined; includeArchived?: boolean | undefined }): RecipeView[] {
  const shopId = shopOf(ctx);
  const rows = statement(ctx.db, 'SELECT * FROM recipes WHERE shop_id = ? ORDER BY name, id').all(shopId) as RecipeRow[];
  const words = normalizeText(opts.query ?? '')
    .split(' ')
    .filter(Boolean);
  const rules = readPricingRules(ctx.db, shopId);
  return rows
    .filter((r) => opts.includeArchived || r.archived === 0)
    .filter((r) => {
      if (words.length === 0) return true;
      const text = normalizeText(`${r.name} ${r.description ?? ''}`);
      return words.every((w) => text.includes(w));
    })
    .map((r) => viewRecipe(ctx, r, rules));
}
