import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';

/**
 * Whether a product is, or is made (through recipes' bouquets, at any depth) from, one of the
 * products in `own`: a recipe listing such a component would contain itself, and its cost and its
 * assembly would never end.
 */
export function reachesAny(db: Database, productId: string, own: ReadonlySet<string>, seen = new Set<string>()): boolean {
  if (own.has(productId)) return true;
  if (seen.has(productId)) return false;
  seen.add(productId);
  // Any recipe's size, archived ones included: an archived recipe can be restored with its components.
  const parts = statement(
    db,
    `SELECT c.product_id FROM recipe_variants v JOIN recipe_components c ON c.variant_id = v.id WHERE v.product_id = ?`,
  ).pluck().all(productId) as string[];
  return parts.some((p) => reachesAny(db, p, own, seen));
}

/** The bouquet products of every size a recipe has ever had. */
export function recipeProducts(db: Database, recipeId: string): Set<string> {
  return new Set(statement(db, 'SELECT product_id FROM recipe_variants WHERE recipe_id = ?').pluck().all(recipeId) as string[]);
}
