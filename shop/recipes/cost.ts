import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Language } from '../api/schemas';
import { pickName, readProductNames } from '../catalog/names';
import type { ProductKind, Unit } from '../catalog/products';
import { planFifo } from '../stock/ledger';

/**
 * What components cost now: each quantity taken from the product's lots oldest first (the FIFO
 * walk a sale or an assembly would make), so a recipe's cost follows the lots on the shelf.
 */

export interface ComponentQuantity {
  productId: string;
  quantity: number;
}

export interface ComponentCost {
  productId: string;
  /** in the reader's language, when one was asked for */
  name?: string;
  kind: ProductKind;
  unit: Unit;
  quantity: number;
  /** minor units, for the whole quantity */
  cost: number;
  /** what the product holds now over its lots */
  available: number;
  /** no lot was ever received (nor, for a recipe's bouquet, can its components be costed): the cost is 0 */
  noCost: boolean;
}

// A recipe's bouquet can be a component of another (a small bouquet in a basket arrangement); self-containment
// is refused on save, this only stops a corrupt database from looping.
const MAX_NESTING = 8;

/** Kind and unit of every component in one statement: a lookup per component costs more than the FIFO walk itself. */
function kindsAndUnits(db: Database, components: readonly ComponentQuantity[]): Map<string, { kind: ProductKind; unit: Unit }> {
  const rows = statement(
    db,
    'SELECT p.id, p.kind, p.unit FROM products p WHERE p.id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(components.map((c) => c.productId))) as { id: string; kind: ProductKind; unit: Unit }[];
  return new Map(rows.map((r) => [r.id, { kind: r.kind, unit: r.unit }]));
}

/** The components of the live recipe size whose bouquet this product is, or null. */
function variantComponentsOf(db: Database, productId: string): ComponentQuantity[] | null {
  const variantId = statement(
    db,
    `SELECT v.id FROM recipe_variants v JOIN recipes r ON r.id = v.recipe_id WHERE v.product_id = ? AND r.archived = 0`,
  ).pluck().get(productId) as string | undefined;
  if (variantId === undefined) return null;
  return statement(
    db,
    'SELECT product_id AS productId, quantity FROM recipe_components WHERE variant_id = ? ORDER BY line_no',
  ).all(variantId) as ComponentQuantity[];
}

function costOne(db: Database, c: ComponentQuantity, depth: number): { cost: number; available: number; noCost: boolean } {
  // planFifo puts what the lots lack on the newest lot at its cost: a product out of stock still costs what it last cost.
  const plan = planFifo(db, c.productId, c.quantity);
  const covered = plan.parts.reduce((sum, p) => sum + p.quantity, 0);
  if (covered >= c.quantity) return { cost: plan.cost, available: plan.available, noCost: false };
  // Never received: a recipe's bouquet not yet made costs what its components cost now.
  if (depth < MAX_NESTING) {
    const inner = variantComponentsOf(db, c.productId);
    if (inner && inner.length > 0) {
      const parts = inner.map((p) => costOne(db, { productId: p.productId, quantity: p.quantity }, depth + 1));
      const each = parts.reduce((sum, p) => sum + p.cost, 0);
      return { cost: plan.cost + each * (c.quantity - covered), available: plan.available, noCost: parts.some((p) => p.noCost) };
    }
  }
  return { cost: plan.cost, available: plan.available, noCost: true };
}

/** Each component's cost at current lots; unknown products are left out (callers validate ids first). */
export function componentsCost(db: Database, components: readonly ComponentQuantity[], lang?: Language): ComponentCost[] {
  const out: ComponentCost[] = [];
  const products = kindsAndUnits(db, components);
  for (const c of components) {
    const product = products.get(c.productId);
    if (!product) continue;
    const { cost, available, noCost } = costOne(db, c, 0);
    out.push({
      productId: c.productId,
      ...(lang ? { name: pickName(readProductNames(db, c.productId), lang) } : {}),
      kind: product.kind,
      unit: product.unit,
      quantity: c.quantity,
      cost,
      available,
      noCost,
    });
  }
  return out;
}
