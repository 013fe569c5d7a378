import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { enqueuePrint } from '../printing/queue';
import { receiptMoney } from '../printing/money';
import { nextReceiptNumber } from '../sales/commit';
import { shopRules } from '../sales/prepare';
import { requireOpenShift } from '../shifts/current';
import { cashFigures } from '../shifts/report';
import { returnToLot } from '../stock/ledger';
import { postWriteoff } from '../writeoffs/post';
import { lotsToReturnTo } from './lots';
import { readReturnable } from './lookup';
import { lineRefund, splitRefund } from './refund';

export interface ReturnLineInput {
  lineId: string;
  quantity: number;
  /** restock: back into the lots it came from; writeoff: wilted or damaged, the stock does not come back */
  disposition: 'restock' | 'writeoff';
}

export interface ReturnInput {
  saleId: string;
  lines: ReturnLineInput[];
  reason: string;
  print: boolean;
  /** the dialog's id for this return: sent again (lost answer, double press), it answers the return already posted */
  requestId?: string;
}

export interface ReturnResult {
  returnId: string;
  /** the return's receipt number (the shop's one sequence for sales and returns) */
  number: number;
  /** what the customer gets back: Σ refunds */
  total: number;
  refunds: { method: 'cash' | 'card'; amount: number }[];
  printJobId: string | null;
}

export interface ReturnQuote {
  saleId: string;
  /** what each returned line gives back */
  lines: { lineId: string; quantity: number; refund: number }[];
  /** signed: cash rounding of the refund, or the sale's own rounding settled by its last return */
  rounding: number;
  total: number;
  refunds: { method: 'cash' | 'card'; amount: number }[];
}

/**
 * Checks a return and prices it, writing nothing: `returns.quote` shows this to the cashier and
 * `returns.commit` posts exactly it. Refused when a line is not on the sale, is named twice, or asks
 * for more than is still returnable; when the sale is itself a return; with no open shift; or when
 * the drawer cannot pay the cash part.
 */
export function planReturn(ctx: CallContext, input: Pick<ReturnInput, 'saleId' | 'lines'>) {
  const shift = requireOpenShift(ctx);
  const shop = shopRules(ctx);
  const sale = readReturnable(ctx, input.saleId);
  const byId = new Map(sale.lines.map((l) => [l.id, l]));

  const seen = new Set<string>();
  const planned = input.lines.map((req, i) => {
    const line = byId.get(req.lineId);
    if (!line) throw new AppError('invalid_input', 'errors:returns.lineNotInSale', { field: `lines.${i}.lineId` });
    if (seen.has(req.lineId)) {
      throw new AppError('invalid_input', 'errors:returns.lineTwice', { field: `lines.${i}.lineId`, params: { product: line.name } });
    }
    seen.add(req.lineId);
    if (req.quantity > line.returnable) {
      throw new AppError('conflict', line.returnable === 0 ? 'errors:returns.lineReturned' : 'errors:returns.tooMany', {
        field: `lines.${i}.quantity`,
        params: { product: line.name, returnable: line.returnable, sold: line.quantity },
      });
    }
    const refund = lineRefund({ quantity: line.quantity, total: line.total, returnedQuantity: line.returned, refunded: line.refunded }, req.quantity);
    return { req, line, refund };
  });

  const lineSum = planned.reduce((s, p) => s + p.refund, 0);
  const completesSale = sale.lines.every((l) => {
    const now = planned.find((p) => p.line.id === l.id)?.req.quantity ?? 0;
    return l.returned + now >= l.quantity;
  });
  const cardPaid = sale.payments.filter((p) => p.method === 'card').reduce((s, p) => s + p.amount, 0);
  const cashPaid = sale.payments.filter((p) => p.method === 'cash').reduce((s, p) => s + p.amount, 0);
  const split = splitRefund(
    lineSum,
    { cardPaid, cardRefunded: sale.refunded.card, cashPaid, cashRefunded: sale.refunded.cash },
    shop.cashRounding,
    completesSale,
  );
  if (split.cash > 0) {
    const drawer = cashFigures(ctx.db, { id: shift.id, opening_float: openingFloat(ctx, shift.id) }).expectedCash;
    if (split.cash > drawer) {
      throw new AppError('conflict', 'errors:returns.drawerShort', {
        params: { available: receiptMoney(Math.max(0, drawer), shop.currency), amount: receiptMoney(split.cash, shop.currency) },
      });
    }
  }
  const refunds: ReturnResult['refunds'] = [];
  if (split.card > 0) refunds.push({ method: 'card', amount: split.card });
  if (split.cash > 0) refunds.push({ method: 'cash', amount: split.cash });
  const quote: ReturnQuote = {
    saleId: sale.id,
    lines: planned.map((p) => ({ lineId: p.line.id, quantity: p.req.quantity, refund: p.refund })),
    rounding: split.rounding,
    total: split.total,
    refunds,
  };
  return { shift, shop, sale, planned, split, refunds, quote };
}

/**
 * Posts a return against a sale: a `sales` row of kind 'return' with its lines (each naming the
 * sold line and what became of the stock), the refunds as its payments, the stock movements back
 * into the lots (and a write-off from them for lines handed back spoilt), the audit entry, and the return receipt. Every refusal is
 * planReturn's, before the first write.
 */
export function commitReturn(ctx: CallContext, input: ReturnInput): ReturnResult {
  const session = ctx.session;
  if (!session) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  if (input.requestId !== undefined) {
    const posted = postedForRequest(ctx, input.requestId);
    if (posted) return posted;
  }
  const { shift, shop, sale, planned, split, refunds } = planReturn(ctx, input);

  // Writes start here: the stock first, since each line records the cost of what came back.
  const returnId = ctx.newId();
  const components = componentsOf(ctx, planned.map((p) => p.line.id));
  // Everything handed back goes into the lots it came from; what the customer brought back spoilt
  // is then written off from those lots (a write-off document, reason 'returned'), so it counts as shrink.
  const spoilt: { lotId: string; quantity: number }[] = [];
  const costs = planned.map(({ req, line }) => {
    const parts = components.get(line.id) ?? [{ productId: line.productId, quantity: 1 }];
    let cost = 0;
    for (const part of parts) {
      for (const share of lotsToReturnTo(ctx.db, sale.id, part.productId, part.quantity * req.quantity, returnId)) {
        cost += share.quantity * share.unitCost;
        returnToLot(ctx, { lotId: share.lotId, quantity: share.quantity, documentType: 'return', documentId: returnId });
        if (req.disposition === 'writeoff') spoilt.push({ lotId: share.lotId, quantity: share.quantity });
      }
    }
    return cost;
  });

  const number = nextReceiptNumber(ctx.db, shop.id);
  const at = ctx.now().toISOString();
  const lineDiscount = (p: (typeof planned)[number]) => Math.max(0, p.line.unitPrice * p.req.quantity - p.refund);
  statement(
    ctx.db,
    `INSERT INTO sales (id, shop_id, shift_id, kind, number, original_sale_id, at, cashier_id, client_id, currency, subtotal,
                        discount_total, rounding, total, cost_of_goods, client_discount_bp, reason, request_id)
     VALUES (?, ?, ?, 'return', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    returnId,
    shop.id,
    shift.id,
    number,
    sale.id,
    at,
    session.userId,
    sale.client?.id ?? null,
    sale.currency,
    listSubtotal(ctx, planned.map((p) => ({ lineId: p.line.id, quantity: p.req.quantity }))),
    planned.reduce((s, p) => s + lineDiscount(p), 0),
    split.rounding,
    split.total,
    costs.reduce((s, c) => s + c, 0),
    sale.clientDiscountBp,
    input.reason,
    input.requestId ?? null,
  );
  const insertLine = statement(
    ctx.db,
    `INSERT INTO sale_lines (id, sale_id, shop_id, line_no, product_id, name, quantity, list_price, unit_price, price_reason,
                             discount, total, cost_of_goods, original_line_id, disposition, components)
     SELECT ?, ?, shop_id, ?, product_id, name, ?, list_price, unit_price, price_reason, ?, ?, ?, id, ?, components
       FROM sale_lines WHERE id = ?`,
  );
  planned.forEach((p, i) => {
    insertLine.run(ctx.newId(), returnId, i + 1, p.req.quantity, lineDiscount(p), p.refund, costs[i] ?? 0, p.req.disposition, p.line.id);
  });
  const insertPayment = statement(ctx.db, 'INSERT INTO sale_payments (id, sale_id, shop_id, method, amount) VALUES (?, ?, ?, ?, ?)');
  for (const r of refunds) insertPayment.run(ctx.newId(), returnId, shop.id, r.method, r.amount);

  // after the return's row: the write-off refers to it
  if (spoilt.length > 0) postWriteoff(ctx, { reason: 'returned', note: input.reason, lines: spoilt }, { returnId, justReturned: true });

  ctx.audit({
    action: 'returns.posted',
    entity: 'sale',
    entityId: returnId,
    details: {
      number,
      saleId: sale.id,
      saleNumber: sale.number,
      total: split.total,
      refunds,
      lines: planned.map((p) => ({ lineId: p.line.id, quantity: p.req.quantity, disposition: p.req.disposition })),
      reason: input.reason,
    },
  });
  const printJobId = input.print ? enqueuePrint(ctx, { documentType: 'sale', documentId: returnId }) : null;
  ctx.emit({ type: 'sales.changed', saleId: returnId });
  return { returnId, number, total: split.total, refunds, printJobId };
}

function openingFloat(ctx: CallContext, shiftId: string): number {
  return statement(ctx.db, 'SELECT opening_float FROM shifts WHERE id = ?').pluck().get(shiftId) as number;
}

/** Σ list price × quantity of the returned units, as the sale's subtotal counts them. */
function listSubtotal(ctx: CallContext, lines: { lineId: string; quantity: number }[]): number {
  const price = statement(ctx.db, 'SELECT list_price FROM sale_lines WHERE id = ?').pluck();
  return lines.reduce((s, l) => s + (price.get(l.lineId) as number) * l.quantity, 0);
}

/** A bouquet line's components per bouquet; plain lines are absent (their product is their stock). */
function componentsOf(ctx: CallContext, lineIds: string[]): Map<string, { productId: string; quantity: number }[]> {
  const out = new Map<string, { productId: string; quantity: number }[]>();
  const read = statement(ctx.db, 'SELECT components FROM sale_lines WHERE id = ?').pluck();
  for (const lineId of lineIds) {
    const json = read.get(lineId) as string | null;
    if (json) out.set(lineId, JSON.parse(json) as { productId: string; quantity: number }[]);
  }
  return out;
}

/** The return a repeated commit already posted, answered as the first commit was (nothing written again). */
function postedForRequest(ctx: CallContext, requestId: string): ReturnResult | null {
  const row = statement(ctx.db, `SELECT id, number, total FROM sales WHERE shop_id = ? AND request_id = ? AND kind = 'return'`).get(
    ctx.shopId,
    requestId,
  ) as { id: string; number: number; total: number } | undefined;
  if (!row) return null;
  const refunds = statement(ctx.db, `SELECT method, amount FROM sale_payments WHERE sale_id = ? ORDER BY rowid`).all(row.id) as ReturnResult['refunds'];
  const job = statement(ctx.db, `SELECT id FROM print_jobs WHERE document_type = 'sale' AND document_id = ? AND copy = 0 ORDER BY created_at, id LIMIT 1`)
    .pluck()
    .get(row.id) as string | undefined;
  return { returnId: row.id, number: row.number, total: row.total, refunds, printJobId: job ?? null };
}
