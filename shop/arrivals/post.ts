import { z } from 'zod';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id, MAX_MONEY, optionalText } from '../api/schemas';
import { pickName, readProductNames } from '../catalog/names';
import { productNotFound, readerLanguage } from '../catalog/products';
import { MAX_STOCK_QUANTITY, receiveLot } from '../stock/ledger';
import { adoptSupplier, MAX_PACK_SIZE, packOf, requireSupplier, shopOf } from './suppliers';

/**
 * Goods receipt: the delivery as invoiced (supplier, invoice number, arrival date, lines counted in
 * stems or in the supplier's packs, cost per stem or per pack), posted at once as one lot per line.
 * The screen holds the draft; a posted arrival is never edited (a mistake is corrected by a write-off
 * or a count).
 */

export const MAX_ARRIVAL_LINES = 500;
/** A few minutes of clock difference between the PC and "now" are not a date in the future. */
export const FUTURE_SLACK_MS = 60 * 60 * 1000;
/** Older than this is a typo in the year or month (and would age the lots to death at once). */
export const MAX_AGE_DAYS = 90;
const DAY_MS = 86_400_000;

const quantity = z
  .number()
  .int('errors:arrivals.quantityInvalid')
  .min(1, 'errors:arrivals.quantityInvalid')
  .max(MAX_STOCK_QUANTITY, 'errors:arrivals.quantityInvalid');
const cost = z.number().int('errors:arrivals.costInvalid').min(0, 'errors:arrivals.costNegative').max(MAX_MONEY, 'errors:arrivals.costInvalid');

export const arrivalLineInput = z
  .object({
    productId: id,
    /** stems (or the product's unit) */
    quantity: quantity.optional(),
    /** or: how many packs, of `packSize` each (default: the supplier's pack of this product) */
    packs: quantity.optional(),
    packSize: z.number().int().min(1, 'errors:arrivals.packSizeInvalid').max(MAX_PACK_SIZE, 'errors:arrivals.packSizeInvalid').optional(),
    /** minor units per stem */
    unitCost: cost.optional(),
    /** or: minor units per pack */
    packCost: cost.optional(),
  })
  .strict();

export const arrivalInput = z
  .object({
    supplierId: id.optional(),
    invoiceNo: optionalText(60),
    /** ISO date-time the goods arrived (default: now) */
    arrivedAt: z
      .string()
      .max(40)
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'errors:arrivals.dateInvalid')
      .refine((s) => !Number.isNaN(Date.parse(s)), 'errors:arrivals.dateInvalid')
      .optional(),
    note: optionalText(500),
    lines: z.array(arrivalLineInput).min(1, 'errors:arrivals.noLines').max(MAX_ARRIVAL_LINES, 'errors:arrivals.tooManyLines'),
    requestId: id.optional(),
  })
  .strict();
export type ArrivalInput = z.output<typeof arrivalInput>;

export interface PostedArrival {
  arrivalId: string;
  number: number;
  /** Σ line costs as invoiced, minor units */
  totalCost: number;
  lots: { lineNo: number; lotId: string }[];
}

export interface ResolvedLine {
  productId: string;
  packs: number | null;
  packSize: number | null;
  quantity: number;
  /** the lot's cost per stem */
  unitCost: number;
  /** what the invoice line costs */
  lineCost: number;
}

/**
 * A pack cost as the lot's cost per stem. A lot has ONE unit cost, so a pack price that does not divide
 * by its size (10.00 for 3 stems) is rounded half up to the minor unit per stem (3.33, 10.01 for 2 → 5.01):
 * the line keeps the invoiced amount (line_cost = packs × packCost, and the arrival's total is what the
 * supplier invoiced) while the lot's value (quantity × unit cost) may differ from it by less than half a
 * minor unit per stem. Splitting the line into two lots would be exact but would give one delivery two
 * ages in FIFO and two rows on every stock screen — for a fraction of a tetri.
 */
export function stemCostOfPack(packCost: number, packSize: number): number {
  return Math.floor((2 * packCost + packSize) / (2 * packSize));
}

function lineError(i: number, field: string, key: string, params?: Record<string, string | number>): AppError {
  return new AppError('invalid_input', `errors:arrivals.${key}`, { field: `lines.${i}.${field}`, ...(params ? { params } : {}) });
}

/** Checks one line and works out its stems and costs; refuses before anything is written. */
export function resolveLine(ctx: CallContext, supplierId: string | null, line: z.output<typeof arrivalLineInput>, i: number): ResolvedLine {
  const product = statement(ctx.db, 'SELECT kind, archived FROM products WHERE id = ?').get(line.productId) as
    | { kind: string; archived: number }
    | undefined;
  if (!product) throw productNotFound(`lines.${i}.productId`);
  const name = () => pickName(readProductNames(ctx.db, line.productId), readerLanguage(ctx));
  if (product.kind === 'service') {
    throw new AppError('conflict', 'errors:arrivals.service', { field: `lines.${i}.productId`, params: { product: name() } });
  }
  if (product.archived === 1) {
    throw new AppError('conflict', 'errors:arrivals.productArchived', { field: `lines.${i}.productId`, params: { product: name() } });
  }
  if ((line.quantity === undefined) === (line.packs === undefined)) throw lineError(i, 'quantity', 'quantityOrPacks');
  let packSize: number | null = null;
  if (line.packs !== undefined) {
    packSize = line.packSize ?? (supplierId ? packOf(ctx, supplierId, line.productId)?.packSize : undefined) ?? null;
    if (packSize === null) throw lineError(i, 'packSize', 'packSizeRequired', { product: name() });
  }
  const stems = line.quantity ?? (line.packs ?? 0) * (packSize ?? 1);
  if (stems > MAX_STOCK_QUANTITY) throw lineError(i, 'packs', 'quantityTooLarge', { max: MAX_STOCK_QUANTITY });
  if ((line.unitCost === undefined) === (line.packCost === undefined)) throw lineError(i, 'unitCost', 'costRequired');
  if (line.packCost !== undefined && line.packs === undefined) throw lineError(i, 'packCost', 'packCostNeedsPacks');

  const lineCost = line.packCost !== undefined ? line.packCost * (line.packs ?? 0) : (line.unitCost ?? 0) * stems;
  if (lineCost > MAX_MONEY) throw lineError(i, line.packCost !== undefined ? 'packCost' : 'unitCost', 'costTooLarge');
  const unitCost = line.packCost !== undefined ? stemCostOfPack(line.packCost, packSize ?? 1) : (line.unitCost ?? 0);
  return { productId: line.productId, packs: line.packs ?? null, packSize, quantity: stems, unitCost, lineCost };
}

/** The arrival date: now when not given; refused when in the future or implausibly old. */
export function arrivalDate(ctx: CallContext, arrivedAt: string | undefined): string {
  const now = ctx.now().getTime();
  if (arrivedAt === undefined) return new Date(now).toISOString();
  const at = Date.parse(arrivedAt);
  if (at > now + FUTURE_SLACK_MS) throw new AppError('invalid_input', 'errors:arrivals.dateInFuture', { field: 'arrivedAt' });
  if (at < now - MAX_AGE_DAYS * DAY_MS) throw new AppError('invalid_input', 'errors:arrivals.dateTooOld', { field: 'arrivedAt', params: { days: MAX_AGE_DAYS } });
  return new Date(at).toISOString();
}

export function nextArrivalNumber(ctx: CallContext, shopId: string): number {
  return statement(ctx.db, 'SELECT coalesce(max(number), 0) + 1 FROM arrivals WHERE shop_id = ?').pluck().get(shopId) as number;
}

/** The arrival a repeated post (lost answer, double press) already posted, answered as the first time. */
function postedForRequest(ctx: CallContext, shopId: string, requestId: string): PostedArrival | null {
  const row = statement(ctx.db, 'SELECT id, number, total_cost FROM arrivals WHERE shop_id = ? AND request_id = ?').get(shopId, requestId) as
    | { id: string; number: number; total_cost: number }
    | undefined;
  if (!row) return null;
  const lots = statement(ctx.db, 'SELECT line_no AS lineNo, lot_id AS lotId FROM arrival_lines WHERE arrival_id = ? ORDER BY line_no').all(row.id) as {
    lineNo: number;
    lotId: string;
  }[];
  return { arrivalId: row.id, number: row.number, totalCost: row.total_cost, lots };
}

/**
 * Posts an arrival in the caller's transaction: every line is checked first (nothing is written for a
 * refused one), then the arrival, one lot per line (receiveLot, documentType 'arrival', at the arrival
 * date and the line's cost per stem), the lines, the products' usual supplier where they had none, and
 * the audit entry.
 */
export function postArrival(ctx: CallContext, input: ArrivalInput, opts: { postedBy?: string } = {}): PostedArrival {
  // the demo seed posts as the shop's owner, before anyone has signed in
  const postedBy = opts.postedBy ?? ctx.session?.userId;
  if (!postedBy) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  const shopId = shopOf(ctx);
  if (input.requestId !== undefined) {
    const posted = postedForRequest(ctx, shopId, input.requestId);
    if (posted) return posted;
  }
  let supplierId: string | null = null;
  if (input.supplierId !== undefined) {
    const supplier = requireSupplier(ctx, input.supplierId);
    if (supplier.archived) throw new AppError('conflict', 'errors:arrivals.supplierArchived', { field: 'supplierId', params: { name: supplier.name } });
    supplierId = supplier.id;
  }
  const arrivedAt = arrivalDate(ctx, input.arrivedAt);
  const lines = input.lines.map((line, i) => resolveLine(ctx, supplierId, line, i));
  const totalCost = lines.reduce((sum, l) => sum + l.lineCost, 0);

  // Writes start here.
  const arrivalId = ctx.newId();
  const number = nextArrivalNumber(ctx, shopId);
  statement(
    ctx.db,
    `INSERT INTO arrivals (id, shop_id, number, supplier_id, invoice_no, arrived_at, note, total_cost, posted_by, posted_at, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    arrivalId,
    shopId,
    number,
    supplierId,
    input.invoiceNo || null,
    arrivedAt,
    input.note || null,
    totalCost,
    postedBy,
    ctx.now().toISOString(),
    input.requestId ?? null,
  );
  const insertLine = statement(
    ctx.db,
    `INSERT INTO arrival_lines (id, arrival_id, shop_id, line_no, product_id, packs, pack_size, quantity, unit_cost, line_cost, lot_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lots = lines.map((line, i) => {
    const { lotId } = receiveLot(ctx, {
      productId: line.productId,
      quantity: line.quantity,
      unitCost: line.unitCost,
      arrivedAt,
      documentType: 'arrival',
      documentId: arrivalId,
    });
    insertLine.run(ctx.newId(), arrivalId, shopId, i + 1, line.productId, line.packs, line.packSize, line.quantity, line.unitCost, line.lineCost, lotId);
    if (supplierId) adoptSupplier(ctx, line.productId, supplierId);
    return { lineNo: i + 1, lotId };
  });
  ctx.audit({
    action: 'arrivals.posted',
    ...(opts.postedBy ? { actorId: opts.postedBy } : {}),
    entity: 'arrival',
    entityId: arrivalId,
    details: {
      number,
      ...(supplierId ? { supplierId } : {}),
      ...(input.invoiceNo ? { invoiceNo: input.invoiceNo } : {}),
      arrivedAt,
      lines: lines.length,
      quantity: lines.reduce((n, l) => n + l.quantity, 0),
      totalCost,
    },
  });
  ctx.emit({ type: 'stock.changed' });
  return { arrivalId, number, totalCost, lots };
}
