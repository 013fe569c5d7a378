import { z } from 'zod';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError, notFound } from '../api/errors';
import { id } from '../api/schemas';
import { readerLanguage } from '../catalog/products';

/** Reading posted arrivals: the list (newest posted first) and one arrival with its lines and what their lots still hold. */

export const MAX_ARRIVALS_PAGE = 200;

const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'errors:arrivals.dateInvalid');

export const arrivalListInput = z
  .object({
    /** arrival dates from (inclusive) and to (exclusive), ISO */
    from: isoDate.optional(),
    to: isoDate.optional(),
    supplierId: id.optional(),
    limit: z.number().int().min(1).max(MAX_ARRIVALS_PAGE).default(50),
    /** the next page: arrivals numbered below this */
    beforeNumber: z.number().int().min(1).optional(),
  })
  .strict();

export interface ArrivalSummary {
  id: string;
  number: number;
  arrivedAt: string;
  postedAt: string;
  postedBy: string;
  supplierId: string | null;
  supplierName: string | null;
  invoiceNo: string | null;
  note: string | null;
  lineCount: number;
  quantity: number;
  totalCost: number;
}

interface SummaryRow {
  id: string;
  shop_id: string;
  number: number;
  arrived_at: string;
  posted_at: string;
  posted_by_name: string | null;
  supplier_id: string | null;
  supplier_name: string | null;
  invoice_no: string | null;
  note: string | null;
  lines: number;
  quantity: number;
  total_cost: number;
}

const SELECT_SUMMARY = `SELECT a.id, a.shop_id, a.number, a.arrived_at, a.posted_at, u.name AS posted_by_name, a.supplier_id,
       s.name AS supplier_name, a.invoice_no, a.note, a.total_cost,
       (SELECT count(*) FROM arrival_lines l WHERE l.arrival_id = a.id) AS lines,
       (SELECT coalesce(sum(quantity), 0) FROM arrival_lines l WHERE l.arrival_id = a.id) AS quantity
  FROM arrivals a LEFT JOIN suppliers s ON s.id = a.supplier_id LEFT JOIN users u ON u.id = a.posted_by`;

function toSummary(r: SummaryRow): ArrivalSummary {
  return {
    id: r.id,
    number: r.number,
    arrivedAt: r.arrived_at,
    postedAt: r.posted_at,
    postedBy: r.posted_by_name ?? '',
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    invoiceNo: r.invoice_no,
    note: r.note,
    lineCount: r.lines,
    quantity: r.quantity,
    totalCost: r.total_cost,
  };
}

function shopOf(ctx: CallContext): string {
  if (!ctx.shopId) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

export function listArrivals(ctx: CallContext, input: z.output<typeof arrivalListInput>): { items: ArrivalSummary[]; more: boolean } {
  const where = ['a.shop_id = @shop'];
  if (input.from) where.push('a.arrived_at >= @from');
  if (input.to) where.push('a.arrived_at < @to');
  if (input.supplierId) where.push('a.supplier_id = @supplier');
  if (input.beforeNumber) where.push('a.number < @before');
  const rows = ctx.db
    .prepare(`${SELECT_SUMMARY} WHERE ${where.join(' AND ')} ORDER BY a.number DESC LIMIT @limit`)
    .all({
      shop: shopOf(ctx),
      from: input.from ? new Date(input.from).toISOString() : null,
      to: input.to ? new Date(input.to).toISOString() : null,
      supplier: input.supplierId ?? null,
      before: input.beforeNumber ?? null,
      limit: input.limit + 1,
    }) as SummaryRow[];
  return { items: rows.slice(0, input.limit).map(toSummary), more: rows.length > input.limit };
}

export interface ArrivalLineView {
  lineNo: number;
  productId: string;
  name: string;
  unit: string;
  packs: number | null;
  packSize: number | null;
  quantity: number;
  unitCost: number;
  lineCost: number;
  lotId: string;
  /** what the lot still holds now */
  remaining: number;
}

export function getArrival(ctx: CallContext, arrivalId: string): ArrivalSummary & { lines: ArrivalLineView[] } {
  const row = statement(ctx.db, `${SELECT_SUMMARY} WHERE a.id = ?`).get(arrivalId) as SummaryRow | undefined;
  if (!row || row.shop_id !== shopOf(ctx)) throw notFound('arrival', 'id');
  const lines = statement(
    ctx.db,
    `SELECT l.line_no, l.product_id, pn.name, p.unit, l.packs, l.pack_size, l.quantity, l.unit_cost, l.line_cost, l.lot_id,
            coalesce(b.quantity, 0) AS remaining
       FROM arrival_lines l JOIN products p ON p.id = l.product_id
       JOIN product_names pn ON pn.product_seq = p.seq AND pn.lang = ?
       LEFT JOIN lot_balances b ON b.lot_id = l.lot_id
      WHERE l.arrival_id = ? ORDER BY l.line_no`,
  ).all(readerLanguage(ctx), arrivalId) as {
    line_no: number;
    product_id: string;
    name: string;
    unit: string;
    packs: number | null;
    pack_size: number | null;
    quantity: number;
    unit_cost: number;
    line_cost: number;
    lot_id: string;
    remaining: number;
  }[];
  return {
    ...toSummary(row),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      name: l.name,
      unit: l.unit,
      packs: l.packs,
      packSize: l.pack_size,
      quantity: l.quantity,
      unitCost: l.unit_cost,
      lineCost: l.line_cost,
      lotId: l.lot_id,
      remaining: l.remaining,
    })),
  };
}

/** The arrival's lines as label lines: one label per line, or one per stem (piece) received. */
export function arrivalLabelLines(ctx: CallContext, arrivalId: string, copies: 'perLine' | 'perStem' | number): { productId: string; copies: number }[] {
  const arrival = getArrival(ctx, arrivalId);
  return arrival.lines.map((l) => ({
    productId: l.productId,
    copies: copies === 'perLine' ? 1 : copies === 'perStem' ? l.quantity : copies,
  }));
}
