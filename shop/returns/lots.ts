import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';

export interface LotShare {
  lotId: string;
  quantity: number;
  unitCost: number;
}

/**
 * Where `quantity` units of a product returned against a sale go back to: the lots the sale took
 * them from, less what earlier returns of that sale already put back, newest lot first (the
 * freshest stems are the likeliest to be the ones handed back, and FIFO sells the oldest next).
 * Units the sale never took from a lot (a service, or more than was taken) get no share.
 * `returnId` is the return being posted, whose own movements so far count as already put back.
 */
export function lotsToReturnTo(db: Database, saleId: string, productId: string, quantity: number, returnId: string): LotShare[] {
  const rows = statement(
    db,
    // Sale movements are negative and return movements positive, so what is still out of a lot is −Σ.
    `WITH m AS (
       SELECT lot_id, quantity FROM stock_movements WHERE document_type = 'sale' AND document_id = ? AND product_id = ?
       UNION ALL
       SELECT lot_id, quantity FROM stock_movements
        WHERE document_type = 'return' AND product_id = ?
          -- the return being posted counts too: its row is written after its stock, and two of its lines may share a product
          AND document_id IN (SELECT id FROM sales WHERE original_sale_id = ? UNION ALL SELECT ?))
     SELECT m.lot_id, l.unit_cost, -sum(m.quantity) AS open
       FROM m JOIN lots l ON l.id = m.lot_id
      GROUP BY m.lot_id
      ORDER BY l.arrived_at DESC, l.id DESC`,
  ).all(saleId, productId, productId, saleId, returnId) as { lot_id: string; unit_cost: number; open: number }[];
  const shares: LotShare[] = [];
  let left = quantity;
  for (const row of rows) {
    if (left === 0) break;
    if (row.open <= 0) continue;
    const take = Math.min(left, row.open);
    shares.push({ lotId: row.lot_id, quantity: take, unitCost: row.unit_cost });
    left -= take;
  }
  return shares;
}
