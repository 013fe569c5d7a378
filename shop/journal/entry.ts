import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { shopIdOf } from '../shifts/current';
import type { PaymentMethod } from './list';

type DiscountNote = { kind: 'percent' | 'amount'; value: number; reason: string };

export interface JournalLine {
  id: string;
  lineNo: number;
  productId: string;
  /** as printed */
  name: string;
  quantity: number;
  listPrice: number;
  unitPrice: number;
  /** why the price was overridden, when it was */
  priceReason: string | null;
  /** the line's own discount as the cashier gave it */
  lineDiscount: DiscountNote | null;
  /** every discount that fell on the line, minor units */
  discount: number;
  total: number;
  /** a bouquet line's components per bouquet */
  components: { productId: string; quantity: number }[] | null;
  /** a return line: the sold line it gave back and what became of the stock */
  originalLineId: string | null;
  disposition: 'restock' | 'writeoff' | null;
  /** a sale line: units given back by returns so far */
  returned: number;
}

export interface JournalEntry {
  id: string;
  kind: 'sale' | 'return';
  number: number;
  at: string;
  shiftId: string;
  shiftNumber: number;
  cashier: { id: string; name: string };
  client: { id: string; name: string; phone: string | null } | null;
  currency: string;
  subtotal: number;
  discountTotal: number;
  rounding: number;
  total: number;
  clientDiscountBp: number;
  saleDiscount: DiscountNote | null;
  /** a return's reason */
  reason: string | null;
  approvedBy: { id: string; name: string } | null;
  /** a return: the sale it gave back from */
  original: { id: string; number: number; at: string } | null;
  lines: JournalLine[];
  payments: { method: PaymentMethod; amount: number; tendered: number | null; change: number; reference: string | null }[];
  /** a sale: the returns made against it */
  returns: { id: string; number: number; at: string; total: number }[];
  /** the receipt's print jobs, oldest first */
  printJobs: { id: string; status: 'queued' | 'printing' | 'done' | 'failed'; copy: boolean; attempts: number; lastError: string | null; createdAt: string; printedAt: string | null }[];
}

/** One sale or return with everything the journal's detail view shows. */
export function readJournalEntry(ctx: CallContext, saleId: string): JournalEntry {
  const s = statement(
    ctx.db,
    `SELECT s.*, sh.number AS shift_number, u.name AS cashier_name, c.name AS client_name, c.phone AS client_phone,
            a.name AS approver_name, o.number AS original_number, o.at AS original_at
       FROM sales s JOIN shifts sh ON sh.id = s.shift_id JOIN users u ON u.id = s.cashier_id
       LEFT JOIN clients c ON c.id = s.client_id LEFT JOIN users a ON a.id = s.approved_by
       LEFT JOIN sales o ON o.id = s.original_sale_id
      WHERE s.id = ? AND s.shop_id = ?`,
  ).get(saleId, shopIdOf(ctx)) as
    | {
        id: string; kind: 'sale' | 'return'; number: number; at: string; shift_id: string; shift_number: number;
        cashier_id: string; cashier_name: string; client_id: string | null; client_name: string | null; client_phone: string | null;
        currency: string; subtotal: number; discount_total: number; rounding: number; total: number; client_discount_bp: number;
        sale_discount: string | null; reason: string | null; approved_by: string | null; approver_name: string | null;
        original_sale_id: string | null; original_number: number | null; original_at: string | null;
      }
    | undefined;
  if (!s) throw new AppError('not_found', 'errors:journal.notFound', { field: 'id' });

  const returned = new Map(
    (
      statement(
        ctx.db,
        `SELECT rl.original_line_id AS line_id, sum(rl.quantity) AS quantity
           FROM sales r JOIN sale_lines rl ON rl.sale_id = r.id WHERE r.original_sale_id = ? GROUP BY rl.original_line_id`,
      ).all(s.id) as { line_id: string; quantity: number }[]
    ).map((r) => [r.line_id, r.quantity]),
  );
  const lines = (
    statement(
      ctx.db,
      `SELECT id, line_no, product_id, name, quantity, list_price, unit_price, price_reason, line_discount, discount, total,
              components, original_line_id, disposition
         FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
    ).all(s.id) as {
      id: string; line_no: number; product_id: string; name: string; quantity: number; list_price: number; unit_price: number;
      price_reason: string | null; line_discount: string | null; discount: number; total: number; components: string | null;
      original_line_id: string | null; disposition: 'restock' | 'writeoff' | null;
    }[]
  ).map(
    (l): JournalLine => ({
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      name: l.name,
      quantity: l.quantity,
      listPrice: l.list_price,
      unitPrice: l.unit_price,
      priceReason: l.price_reason,
      lineDiscount: l.line_discount ? (JSON.parse(l.line_discount) as DiscountNote) : null,
      discount: l.discount,
      total: l.total,
      components: l.components ? (JSON.parse(l.components) as { productId: string; quantity: number }[]) : null,
      originalLineId: l.original_line_id,
      disposition: l.disposition,
      returned: returned.get(l.id) ?? 0,
    }),
  );
  const payments = (
    statement(ctx.db, 'SELECT method, amount, tendered, change, reference FROM sale_payments WHERE sale_id = ? ORDER BY rowid').all(s.id) as {
      method: PaymentMethod; amount: number; tendered: number | null; change: number; reference: string | null;
    }[]
  ).map((p) => ({ method: p.method, amount: p.amount, tendered: p.tendered, change: p.change, reference: p.reference }));
  const returns = statement(ctx.db, 'SELECT id, number, at, total FROM sales WHERE original_sale_id = ? ORDER BY at, id').all(s.id) as {
    id: string; number: number; at: string; total: number;
  }[];
  const printJobs = (
    statement(
      ctx.db,
      `SELECT id, status, copy, attempts, last_error, created_at, printed_at FROM print_jobs
        WHERE document_type = 'sale' AND document_id = ? ORDER BY created_at, id`,
    ).all(s.id) as {
      id: string; status: 'queued' | 'printing' | 'done' | 'failed'; copy: number; attempts: number; last_error: string | null;
      created_at: string; printed_at: string | null;
    }[]
  ).map((j) => ({
    id: j.id,
    status: j.status,
    copy: j.copy === 1,
    attempts: j.attempts,
    lastError: j.last_error,
    createdAt: j.created_at,
    printedAt: j.printed_at,
  }));

  return {
    id: s.id,
    kind: s.kind,
    number: s.number,
    at: s.at,
    shiftId: s.shift_id,
    shiftNumber: s.shift_number,
    cashier: { id: s.cashier_id, name: s.cashier_name },
    client: s.client_id !== null ? { id: s.client_id, name: s.client_name ?? '', phone: s.client_phone } : null,
    currency: s.currency,
    subtotal: s.subtotal,
    discountTotal: s.discount_total,
    rounding: s.rounding,
    total: s.total,
    clientDiscountBp: s.client_discount_bp,
    saleDiscount: s.sale_discount ? (JSON.parse(s.sale_discount) as DiscountNote) : null,
    reason: s.reason,
    approvedBy: s.approved_by !== null ? { id: s.approved_by, name: s.approver_name ?? '' } : null,
    original:
      s.original_sale_id !== null ? { id: s.original_sale_id, number: s.original_number ?? 0, at: s.original_at ?? '' } : null,
    lines,
    payments,
    returns,
    printJobs,
  };
}
