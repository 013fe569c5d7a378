import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { enqueuePrint } from '../printing/queue';
import { requireOpenShift } from '../shifts/current';
import { consumeFifo } from '../stock/ledger';
import { verifyApproval } from './approval';
import type { CommitInput } from './draft';
import { roleDiscountLimit } from '../users/roles';
import { prepareDraft, productLabel } from './prepare';
import { settlePayments, type SettledPayment } from './pricing';

export interface CommitResult {
  saleId: string;
  /** the receipt number (one sequence per shop for sales and returns) */
  number: number;
  /** what the customer paid: Σ line totals + rounding */
  total: number;
  /** signed: what cash rounding added (+) or took (−) */
  rounding: number;
  change: number;
  paid: SettledPayment[];
  /** the queued receipt's print job, or null (no printer set up, or print: false) */
  printJobId: string | null;
}

/** The next receipt number of the shop; sales and returns share the sequence (UNIQUE (shop_id, number)). */
export function nextReceiptNumber(db: Database, shopId: string): number {
  return (statement(db, 'SELECT coalesce(max(number), 0) + 1 FROM sales WHERE shop_id = ?').pluck().get(shopId) as number);
}

/** Re-addresses a stock refusal ('quantity', 'productId') to the draft's line or component the cashier can change. */
function atField(e: unknown, base: string): unknown {
  if (e instanceof AppError && e.field !== undefined) {
    return new AppError(e.code, e.messageKey, { field: `${base}.${e.field}`, ...(e.params ? { params: e.params } : {}) });
  }
  return e;
}

/**
 * Posts a sale: one transaction (the dispatcher's) writes the sale with its receipt number, its
 * lines with their names as printed, its payments, the stock movements (FIFO, one consumption per
 * line or per bouquet component) with cost of goods, and the audit entry; then queues the receipt.
 * Every refusal comes before the first write or rolls it back, so a refused sale leaves nothing
 * (except a failed approval attempt, which counts towards the approver's lockout on purpose).
 */
export function commitSale(ctx: CallContext, input: CommitInput): CommitResult {
  const session = ctx.session;
  if (!session) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  if (input.requestId !== undefined) {
    const posted = postedForRequest(ctx.db, ctx.shopId, input.requestId);
    if (posted) return posted;
  }
  const shift = requireOpenShift(ctx);
  const { shop, products, client, priced, markdowns } = prepareDraft(ctx, input);

  const settlement = settlePayments(priced.total, input.payments, shop.cashRounding);
  const limitBp = roleDiscountLimit(ctx, session.role);
  let approverId: string | null = null;
  if (priced.requiredBp > limitBp) {
    if (!input.approval) {
      throw new AppError('forbidden', 'errors:sales.approvalRequired', {
        field: 'approval',
        params: { required: priced.discountBp / 100, limit: limitBp / 100 },
      });
    }
    approverId = verifyApproval(ctx, input.approval, priced.requiredBp, priced.discountBp).id;
  }

  // Writes start here. Stock first: its cost of goods goes on the lines and the sale, which are never updated.
  const saleId = ctx.newId();
  const doc = { documentType: 'sale' as const, documentId: saleId, allowNegative: shop.allowNegativeStock };
  const costs = input.lines.map((line, i) => {
    if (line.components) {
      return line.components.reduce((sum, c, j) => {
        try {
          return sum + consumeFifo(ctx, { ...doc, productId: c.productId, quantity: c.quantity * line.quantity }).costOfGoods;
        } catch (e) {
          throw atField(e, `lines.${i}.components.${j}`);
        }
      }, 0);
    }
    if (products[i]?.kind === 'service') return 0;
    try {
      return consumeFifo(ctx, { ...doc, productId: line.productId, quantity: line.quantity }).costOfGoods;
    } catch (e) {
      throw atField(e, `lines.${i}`);
    }
  });
  const costOfGoods = costs.reduce((s, c) => s + c, 0);

  const number = nextReceiptNumber(ctx.db, shop.id);
  const at = ctx.now().toISOString();
  statement(
    ctx.db,
    `INSERT INTO sales (id, shop_id, shift_id, kind, number, at, cashier_id, client_id, currency, subtotal, discount_total,
                        rounding, total, cost_of_goods, client_discount_bp, sale_discount, approved_by, request_id)
     VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    saleId,
    shop.id,
    shift.id,
    number,
    at,
    session.userId,
    client?.id ?? null,
    shop.currency,
    priced.subtotal,
    priced.discountTotal,
    settlement.rounding,
    settlement.total,
    costOfGoods,
    client?.discountBp ?? 0,
    input.discount ? JSON.stringify(input.discount) : null,
    approverId,
    input.requestId ?? null,
  );
  const insertLine = statement(
    ctx.db,
    `INSERT INTO sale_lines (id, sale_id, shop_id, line_no, product_id, name, quantity, list_price, unit_price, price_reason,
                             line_discount, discount, total, cost_of_goods, components, markdown, markdown_bp)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  input.lines.forEach((line, i) => {
    const p = priced.lines[i];
    if (!p) return;
    insertLine.run(
      ctx.newId(),
      saleId,
      shop.id,
      i + 1,
      line.productId,
      // As printed: the shop's language, frozen, so renaming the product later leaves this receipt alone.
      productLabel(ctx.db, line.productId, shop.language),
      line.quantity,
      p.listPrice,
      p.unitPrice,
      line.priceOverride?.reason ?? null,
      line.discount ? JSON.stringify(line.discount) : null,
      p.discount,
      p.total,
      costs[i] ?? 0,
      line.components ? JSON.stringify(line.components) : null,
      p.markdown,
      p.markdown > 0 ? (markdowns[i]?.bp ?? null) : null,
    );
  });
  const insertPayment = statement(
    ctx.db,
    `INSERT INTO sale_payments (id, sale_id, shop_id, method, amount, tendered, change, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of settlement.payments) {
    insertPayment.run(ctx.newId(), saleId, shop.id, p.method, p.amount, p.tendered, p.change, p.reference);
  }

  if (approverId !== null) {
    ctx.audit({
      action: 'sales.approved',
      actorId: approverId,
      entity: 'sale',
      entityId: saleId,
      details: { number, cashierId: session.userId, discountBp: priced.discountBp, limitBp },
    });
  }
  ctx.audit({
    action: 'sales.posted',
    entity: 'sale',
    entityId: saleId,
    details: {
      number,
      total: settlement.total,
      lines: input.lines.length,
      methods: settlement.payments.map((p) => p.method),
      ...(priced.discountTotal > 0 ? { discountTotal: priced.discountTotal } : {}),
      ...(approverId ? { approvedBy: approverId } : {}),
    },
  });

  const printJobId = input.print === false ? null : enqueuePrint(ctx, { documentType: 'sale', documentId: saleId });
  ctx.emit({ type: 'sales.changed', saleId });
  return {
    saleId,
    number,
    total: settlement.total,
    rounding: settlement.rounding,
    change: settlement.change,
    paid: settlement.payments,
    printJobId,
  };
}

/**
 * The sale a repeated commit already posted, answered as the first commit was (no second sale, audit
 * entry or receipt). The browser-mode screen cannot tell a lost answer from a refused sale; this can.
 */
function postedForRequest(db: Database, shopId: string | null, requestId: string): CommitResult | null {
  const sale = statement(db, `SELECT id, number, total, rounding FROM sales WHERE shop_id = ? AND request_id = ?`).get(shopId, requestId) as
    | { id: string; number: number; total: number; rounding: number }
    | undefined;
  if (!sale) return null;
  const paid = (
    statement(db, `SELECT method, amount, tendered, change, reference FROM sale_payments WHERE sale_id = ? ORDER BY rowid`).all(sale.id) as SettledPayment[]
  );
  const job = statement(
    db,
    `SELECT id FROM print_jobs WHERE document_type = 'sale' AND document_id = ? AND copy = 0 ORDER BY created_at, id LIMIT 1`,
  ).pluck().get(sale.id) as string | undefined;
  return {
    saleId: sale.id,
    number: sale.number,
    total: sale.total,
    rounding: sale.rounding,
    change: paid.reduce((sum, p) => sum + p.change, 0),
    paid,
    printJobId: job ?? null,
  };
}
