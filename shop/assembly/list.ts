import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { pickName, readProductNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';
import { shopIdOf } from '../shifts/current';

export interface AssemblyComponentRow {
  lineNo: number;
  productId: string;
  name: string;
  recipeQuantity: number;
  actualQuantity: number;
  cost: number;
  recipeCost: number;
}

export interface AssemblyRow {
  id: string;
  number: number;
  at: string;
  userName: string;
  variantId: string | null;
  recipeId: string | null;
  recipeName: string | null;
  size: string | null;
  productId: string;
  /** the ready bouquet, in the reader's language */
  name: string;
  quantity: number;
  componentsCost: number;
  recipeCost: number;
  unitCost: number;
  note: string | null;
  /** the florist's components differed from the recipe */
  substituted: boolean;
  components: AssemblyComponentRow[];
}

export interface ListInput {
  limit: number;
  /** the page after this assembly number (newest first) */
  before?: number | undefined;
}

/** The shop's assemblies, newest first, each with its components recipe against actual. */
export function listAssemblies(ctx: CallContext, input: ListInput): { rows: AssemblyRow[]; more: boolean } {
  const lang = readerLanguage(ctx);
  const rows = statement(
    ctx.db,
    `SELECT a.id, a.number, a.at, u.name AS user_name, a.variant_id, v.recipe_id, r.name AS recipe_name, v.size, a.product_id,
            a.quantity, a.components_cost, a.unit_cost, a.note
       FROM assemblies a JOIN users u ON u.id = a.user_id
       LEFT JOIN recipe_variants v ON v.id = a.variant_id LEFT JOIN recipes r ON r.id = v.recipe_id
      WHERE a.shop_id = ? AND a.number < ?
      ORDER BY a.number DESC LIMIT ?`,
  ).all(shopIdOf(ctx), input.before ?? Number.MAX_SAFE_INTEGER, input.limit + 1) as {
    id: string;
    number: number;
    at: string;
    user_name: string;
    variant_id: string | null;
    recipe_id: string | null;
    recipe_name: string | null;
    size: string | null;
    product_id: string;
    quantity: number;
    components_cost: number;
    unit_cost: number;
    note: string | null;
  }[];
  const components = statement(
    ctx.db,
    `SELECT line_no AS lineNo, product_id AS productId, recipe_quantity AS recipeQuantity, actual_quantity AS actualQuantity,
            cost, recipe_cost AS recipeCost
       FROM assembly_components WHERE assembly_id = ? ORDER BY line_no`,
  );
  const page = rows.slice(0, input.limit).map((r): AssemblyRow => {
    const parts = (components.all(r.id) as Omit<AssemblyComponentRow, 'name'>[]).map((c) => ({
      ...c,
      name: pickName(readProductNames(ctx.db, c.productId), lang),
    }));
    return {
      id: r.id,
      number: r.number,
      at: r.at,
      userName: r.user_name,
      variantId: r.variant_id,
      recipeId: r.recipe_id,
      recipeName: r.recipe_name,
      size: r.size,
      productId: r.product_id,
      name: pickName(readProductNames(ctx.db, r.product_id), lang),
      quantity: r.quantity,
      componentsCost: r.components_cost,
      recipeCost: parts.reduce((s, c) => s + c.recipeCost, 0),
      unitCost: r.unit_cost,
      note: r.note,
      substituted: parts.some((c) => c.recipeQuantity !== c.actualQuantity),
      components: parts,
    };
  });
  return { rows: page, more: rows.length > input.limit };
}
