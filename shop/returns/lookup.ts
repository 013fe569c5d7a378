import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { shopIdOf } from '../shifts/current';

/** A sold line as the return dialog shows it: what was sold, what is already back, what may still come back. */
export interface ReturnableLine {
  id: string;
  lineNo: number;
  productId: string;
  /** as printed on the receipt */
  name: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  /** units given back by earlier returns */
  returned: number;
  /** money given back for this line by earlier returns */
  refunded: number;
  /** quantity − returned */
  returnable: number;
}

export interface ReturnableSale {
  id: string;
  number: number;
  at: string;
  shiftId: string;
  cashierName: string;
  client: { id: string; name: string } | null;
  currency: string;
  subtotal: number;
  discountTotal: number;
  rounding: number;
  total: number;
  lines: ReturnableLine[];
  payments: { method: 'cash' | 'card'; amount: number }[];
  /** given back so far by method (earlier returns) */
  refunded: { cash: number; card: number; total: number };
  returns: { id: string; number: number; at: string; total: number }[];
  /** nothing is left to return */
  fullyReturned: boolean;
}

/** The receipt's QR code: `posy:sale:<saleId>` (printed by the receipt composer, read back by a scanner). */
export const SALE_CODE_PREFIX = 'posy:sale:';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sale id a lookup names: an id, a receipt number, or what a scanner read off the receipt (the QR payload or the number). */
export function resolveSaleId(ctx: CallContext, by: { saleId?: string | undefined; number?: number | undefined; code?: string | undefined }): string {
  const shopId = shopIdOf(ctx);
  let saleId = by.saleId;
  let number = by.number;
  const code = by.code?.trim();
  if (code) {
    const tail = code.toLowerCase().startsWith(SALE_CODE_PREFIX) ? code.slice(SALE_CODE_PREFIX.length) : code;
    if (UUID.test(tail)) saleId = tail.toLowerCase();
    else if (/^\d{1,12}$/.test(tail)) number = Number(tail);
  }
  const row = (
    saleId !== undefined
      ? statement(ctx.db, 'SELECT id FROM sales WHERE id = ? AND shop_id = ?').get(saleId, shopId)
      : number !== undefined
        ? statement(ctx.db, 'SELECT id FROM sales WHERE shop_id = ? AND number = ?').get(shopId, number)
        : undefined
  ) as { id: string } | undefined;
  if (!row) throw new AppError('not_found', 'errors:returns.saleNotFound', { field: by.code !== undefined ? 'code' : by.number !== undefined ? 'number' : 'saleId' });
  return row.id;
}

interface SaleRow {
  id: string;
  kind: 'sale' | 'return';
  number: number;
  at: string;
  shift_id: string;
  cashier_name: string;
  client_id: string | null;
  client_name: string | null;
  currency: string;
  subtotal: number;
  discount_total: number;
  rounding: number;
  total: number;
  client_discount_bp: number;
}

/** The sale with each line's returnable quantity; a return itself is refused (a return is never returned). */
export function readReturnable(ctx: CallContext, saleId: string): ReturnableSale & { clientDiscountBp: number } {
  const sale = statement(
    ctx.db,
    `SELECT s.id, s.kind, s.number, s.at, s.shift_id, u.name AS cashier_name, s.client_id, c.name AS client_name, s.currency,
            s.subtotal, s.discount_total, s.rounding, s.total, s.client_discount_bp
       FROM sales s JOIN users u ON u.id = s.cashier_id LEFT JOIN clients c ON c.id = s.client_id
      WHERE s.id = ? AND s.shop_id = ?`,
  ).get(saleId, shopIdOf(ctx)) as SaleRow | undefined;
  if (!sale) throw new AppError('not_found', 'errors:returns.saleNotFound', { field: 'saleId' });
  if (sale.kind !== 'sale') {
    throw new AppError('conflict', 'errors:returns.notASale', { field: 'saleId', params: { number: sale.number } });
  }
  const back = new Map(
    (
      statement(
        ctx.db,
        `SELECT rl.original_line_id AS line_id, sum(rl.quantity) AS quantity, sum(rl.total) AS total
           FROM sales r JOIN sale_lines rl ON rl.sale_id = r.id WHERE r.original_sale_id = ? GROUP BY rl.original_line_id`,
      ).all(saleId) as { line_id: string; quantity: number; total: number }[]
    ).map((r) => [r.line_id, r]),
  );
  const lines = (
    statement(
      ctx.db,
      `SELECT id, line_no, product_id, name, quantity, unit_price, discount, total FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
    ).all(saleId) as { id: string; line_no: number; product_id: string; name: string; quantity: number; unit_price: number; discount: number; total: number }[]
  ).map((l): ReturnableLine => {
    const returned = back.get(l.id)?.quantity ?? 0;
    return {
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      discount: l.discount,
      total: l.total,
      returned,
      refunded: back.get(l.id)?.total ?? 0,
      returnable: Math.max(0, l.quantity - returned),
    };
  });
  const payments = statement(ctx.db, 'SELECT method, amount FROM sale_payments WHERE sale_id = ? ORDER BY rowid').all(saleId) as {
    method: 'cash' | 'card';
    amount: number;
  }[];
  const refundedRows = statement(
    ctx.db,
    `SELECT p.method, sum(p.amount) AS amount FROM sales r JOIN sale_payments p ON p.sale_id = r.id
      WHERE r.original_sale_id = ? GROUP BY p.method`,
  ).all(saleId) as { method: 'cash' | 'card'; amount: number }[];
  const cash = refundedRows.find((r) => r.method === 'cash')?.amount ?? 0;
  const card = refundedRows.find((r) => r.method === 'card')?.amount ?? 0;
  const returns = statement(
    ctx.db,
    'SELECT id, number, at, total FROM sales WHERE original_sale_id = ? ORDER BY at, id',
  ).all(saleId) as { id: string; number: number; at: string; total: number }[];
  return {
    id: sale.id,
    number: sale.number,
    at: sale.at,
    shiftId: sale.shift_id,
    cashierName: sale.cashier_name,
    client: sale.client_id !== null ? { id: sale.client_id, name: sale.client_name ?? '' } : null,
    currency: sale.currency,
    subtotal: sale.subtotal,
    discountTotal: sale.discount_total,
    rounding: sale.rounding,
    total: sale.total,
    lines,
    payments,
    refunded: { cash, card, total: cash + card },
    returns,
    fullyReturned: lines.every((l) => l.returnable === 0),
    clientDiscountBp: sale.client_discount_bp,
  };
}
