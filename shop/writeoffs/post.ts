import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { pickName, readProductNames } from '../catalog/names';
import { productNotFound, readerLanguage } from '../catalog/products';
import { ageDays } from '../freshness/age';
import { currentShopId } from '../shops/current';
import { consumeFromLot, planFifo } from '../stock/ledger';

/** Why stock was thrown away. 'returned' is only written by a return whose item the customer brought back spoilt. */
export const WRITEOFF_REASONS = ['wilted', 'broken', 'damaged', 'display', 'other'] as const;
export type WriteoffReason = (typeof WRITEOFF_REASONS)[number] | 'returned';

/** One line as asked: a chosen lot, or a product taken oldest lot first (exactly one of the two). */
export interface WriteoffLineInput {
  lotId?: string | undefined;
  productId?: string | undefined;
  quantity: number;
}

export interface PostWriteoffInput {
  reason: WriteoffReason;
  note?: string | undefined;
  lines: WriteoffLineInput[];
  requestId?: string | undefined;
}

export interface WriteoffResult {
  writeoffId: string;
  number: number;
  totalCost: number;
}

interface LotFacts {
  productId: string;
  unitCost: number;
  arrivedAt: string;
  supplierId: string | null;
}

function shopOf(ctx: CallContext): string {
  // The demo seed posts before the dispatcher knows the shop.
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return shopId;
}

function nameOf(ctx: CallContext, productId: string): string {
  return pickName(readProductNames(ctx.db, productId), readerLanguage(ctx));
}

/** The lot's product, cost, arrival and the supplier of the arrival that brought it (none for opening stock or a bouquet made here). */
function lotFacts(ctx: CallContext, shopId: string, lotId: string, field: string): LotFacts {
  const row = statement(
    ctx.db,
    `SELECT l.product_id, l.unit_cost, l.arrived_at,
            (SELECT a.supplier_id FROM arrival_lines al JOIN arrivals a ON a.id = al.arrival_id WHERE al.lot_id = l.id) AS supplier_id
       FROM lots l WHERE l.id = ? AND l.shop_id = ?`,
  ).get(lotId, shopId) as { product_id: string; unit_cost: number; arrived_at: string; supplier_id: string | null } | undefined;
  if (!row) throw new AppError('not_found', 'errors:stock.lotNotFound', { field });
  return { productId: row.product_id, unitCost: row.unit_cost, arrivedAt: row.arrived_at, supplierId: row.supplier_id };
}

/**
 * Posts a write-off: the document, one line per lot taken from (its cost, the age at discard and
 * the supplier frozen for the shrink view), the stock movements, the audit entry and the
 * stock.changed event. Every refusal is an AppError inside the caller's transaction, so a refused
 * write-off leaves nothing behind. A repeated requestId answers the write-off already posted.
 */
export function postWriteoff(ctx: CallContext, input: PostWriteoffInput, opts: { returnId?: string; justReturned?: boolean } = {}): WriteoffResult {
  const session = ctx.session;
  if (!session) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  const shopId = shopOf(ctx);
  if (input.requestId !== undefined) {
    const posted = statement(ctx.db, 'SELECT id, number, total_cost FROM writeoffs WHERE shop_id = ? AND request_id = ?').get(shopId, input.requestId) as
      | { id: string; number: number; total_cost: number }
      | undefined;
    if (posted) return { writeoffId: posted.id, number: posted.number, totalCost: posted.total_cost };
  }
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && note === null) throw new AppError('invalid_input', 'errors:writeoffs.noteRequired', { field: 'note' });
  if (input.lines.length === 0) throw new AppError('invalid_input', 'errors:writeoffs.noLines', { field: 'lines' });

  const writeoffId = ctx.newId();
  const now = ctx.now();
  const at = now.toISOString();
  const number =
    (statement(ctx.db, 'SELECT coalesce(max(number), 0) + 1 FROM writeoffs WHERE shop_id = ?').pluck().get(shopId) as number);
  const lines: { lotId: string; productId: string; quantity: number; unitCost: number; ageDays: number; supplierId: string | null }[] = [];
  const take = (lotId: string, quantity: number, field: string) => {
    const lot = lotFacts(ctx, shopId, lotId, field);
    consumeFromLot(ctx, { lotId, quantity, documentType: 'writeoff', documentId: writeoffId, justReturned: opts.justReturned === true });
    lines.push({ lotId, productId: lot.productId, quantity, unitCost: lot.unitCost, ageDays: ageDays(lot.arrivedAt, now), supplierId: lot.supplierId });
  };
  input.lines.forEach((line, i) => {
    if (line.lotId !== undefined) {
      take(line.lotId, line.quantity, `lines.${i}.lotId`);
      return;
    }
    if (line.productId === undefined) throw new AppError('invalid_input', 'errors:writeoffs.lineInvalid', { field: `lines.${i}.lotId` });
    const product = statement(ctx.db, 'SELECT kind FROM products WHERE id = ?').get(line.productId) as { kind: string } | undefined;
    if (!product) throw productNotFound(`lines.${i}.productId`);
    if (product.kind === 'service') {
      throw new AppError('conflict', 'errors:stock.notStocked', { field: `lines.${i}.productId`, params: { product: nameOf(ctx, line.productId) } });
    }
    const plan = planFifo(ctx.db, line.productId, line.quantity);
    if (plan.shortfall > 0) {
      // a write-off throws away what is there: never below zero, whatever the shop allows for sales
      throw new AppError('conflict', 'errors:writeoffs.productShort', {
        field: `lines.${i}.quantity`,
        params: { product: nameOf(ctx, line.productId), wanted: line.quantity, available: plan.available },
      });
    }
    for (const part of plan.parts) take(part.lotId, part.quantity, `lines.${i}.productId`);
  });

  // The stock first (its refusals name the product); the header, whose total is frozen, once the lines are known.
  const totalCost = lines.reduce((sum, l) => sum + l.quantity * l.unitCost, 0);
  statement(
    ctx.db,
    `INSERT INTO writeoffs (id, shop_id, number, at, user_id, reason, note, total_cost, return_id, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(writeoffId, shopId, number, at, session.userId, input.reason, note, totalCost, opts.returnId ?? null, input.requestId ?? null);
  const insertLine = statement(
    ctx.db,
    `INSERT INTO writeoff_lines (id, writeoff_id, shop_id, lot_id, product_id, quantity, unit_cost, age_days, supplier_id, at, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of lines) {
    insertLine.run(ctx.newId(), writeoffId, shopId, l.lotId, l.productId, l.quantity, l.unitCost, l.ageDays, l.supplierId, at, input.reason);
  }

  ctx.audit({
    action: 'writeoffs.posted',
    entity: 'writeoff',
    entityId: writeoffId,
    details: {
      number,
      reason: input.reason,
      ...(note !== null ? { note } : {}),
      totalCost,
      lines: lines.map((l) => ({ lotId: l.lotId, productId: l.productId, quantity: l.quantity, ageDays: l.ageDays })),
      ...(opts.returnId !== undefined ? { returnId: opts.returnId } : {}),
    },
  });
  ctx.emit({ type: 'stock.changed' });
  return { writeoffId, number, totalCost };
}
