import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Language } from '../api/schemas';

/**
 * Low stock: products whose balance is below their minimum level. The suggested reorder brings
 * the product back to its minimum, rounded up to the usual supplier's pack (a bunch of 10 or 20).
 * Restock planning (shop/restock) looks further ahead; this is the "what is short right now" list.
 */

export interface LowRow {
  productId: string;
  name: string;
  unit: string;
  kind: string;
  balance: number;
  minStock: number;
  /** stems (pieces) to order: min − balance, rounded up to the pack */
  reorder: number;
  packSize: number | null;
  packKind: string | null;
  supplierId: string | null;
  supplierName: string | null;
}

// Archived products and services never count: nobody reorders them.
const LOW_WHERE = `p.archived = 0 AND p.kind <> 'service' AND p.min_stock IS NOT NULL AND p.min_stock > 0
  AND coalesce((SELECT sum(b.quantity) FROM lot_balances b WHERE b.product_id = p.id), 0) < p.min_stock`;

export function lowStock(db: Database, lang: Language): LowRow[] {
  const rows = statement(
    db,
    `SELECT p.id, n.name, p.unit, p.kind, p.min_stock,
            coalesce((SELECT sum(b.quantity) FROM lot_balances b WHERE b.product_id = p.id), 0) AS balance,
            p.supplier_id, s.name AS supplier_name, sp.pack_size, sp.pack_kind
       FROM products p
       JOIN product_names n ON n.product_seq = p.seq AND n.lang = ?
       LEFT JOIN suppliers s ON s.id = p.supplier_id
       LEFT JOIN supplier_products sp ON sp.supplier_id = p.supplier_id AND sp.product_id = p.id
      WHERE ${LOW_WHERE}
      ORDER BY s.name IS NULL, s.name, n.sort_key`,
  ).all(lang) as {
    id: string;
    name: string;
    unit: string;
    kind: string;
    min_stock: number;
    balance: number;
    supplier_id: string | null;
    supplier_name: string | null;
    pack_size: number | null;
    pack_kind: string | null;
  }[];
  return rows.map((r) => {
    const need = r.min_stock - r.balance;
    const pack = r.pack_size ?? 1;
    return {
      productId: r.id,
      name: r.name,
      unit: r.unit,
      kind: r.kind,
      balance: r.balance,
      minStock: r.min_stock,
      reorder: Math.ceil(need / pack) * pack,
      packSize: r.pack_size,
      packKind: r.pack_kind,
      supplierId: r.supplier_id,
      supplierName: r.supplier_name,
    };
  });
}

export function lowCount(db: Database): number {
  return statement(db, `SELECT count(*) FROM products p WHERE ${LOW_WHERE}`).pluck().get() as number;
}
