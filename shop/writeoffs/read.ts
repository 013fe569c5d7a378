import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { readerLanguage } from '../catalog/products';
import { canSeeCost } from '../users/costs';
import { shopIdOf } from '../shifts/current';
import type { WriteoffReason } from './post';

/** A bound as a stored-timestamp string: a date (YYYY-MM-DD) is that UTC day's midnight (`to`: the midnight after it). */
export function periodBound(value: string, field: 'from' | 'to'): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00.000Z`) + (field === 'to' ? 86_400_000 : 0) : Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('invalid_input', 'errors:writeoffs.dateInvalid', { field });
  return new Date(ms).toISOString();
}

/** Both bounds of a period, refused when `to` is not after `from`. */
export function period(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (from !== undefined) out.from = periodBound(from, 'from');
  if (to !== undefined) out.to = periodBound(to, 'to');
  if (out.from !== undefined && out.to !== undefined && out.from >= out.to) {
    throw new AppError('invalid_input', 'errors:writeoffs.rangeInvalid', { field: 'to' });
  }
  return out;
}

export interface WriteoffRow {
  id: string;
  number: number;
  at: string;
  reason: WriteoffReason;
  note: string | null;
  /** null when the reader may not see costs (no reports.view): what the shop paid is the owner's figure */
  totalCost: number | null;
  userName: string;
  /** a returned item written off: the return (a sales row of kind 'return') and its receipt number */
  returnId: string | null;
  returnNumber: number | null;
  lines: number;
  quantity: number;
  /** the first lines' product names, for the list (at most 3) */
  names: string[];
}

export interface WriteoffPage {
  rows: WriteoffRow[];
  /** false: totalCost is null on every row (the reader lacks reports.view) */
  costVisible: boolean;
  /** pass as `before` for the next page; null on the last page */
  next: { at: string; id: string } | null;
}

export interface WriteoffLine {
  lotId: string;
  productId: string;
  name: string;
  quantity: number;
  /** both null when the reader may not see costs */
  unitCost: number | null;
  cost: number | null;
  /** whole days from the lot's arrival to the discard */
  ageDays: number;
  arrivedAt: string;
  supplierId: string | null;
  supplierName: string | null;
}

export interface WriteoffDetail extends Omit<WriteoffRow, 'names' | 'lines'> {
  userId: string;
  /** false: totalCost, unitCost and cost are null (the reader lacks reports.view) */
  costVisible: boolean;
  lines: WriteoffLine[];
}

interface HeaderRow {
  id: string;
  number: number;
  at: string;
  reason: WriteoffReason;
  note: string | null;
  total_cost: number;
  user_id: string;
  user_name: string;
  return_id: string | null;
  return_number: number | null;
}

const HEADER = `SELECT w.id, w.number, w.at, w.reason, w.note, w.total_cost, w.user_id, u.name AS user_name, w.return_id, r.number AS return_number
                  FROM writeoffs w JOIN users u ON u.id = w.user_id LEFT JOIN sales r ON r.id = w.return_id`;

/** Write-offs, newest first, one page at a time (keyset paging on (at, id)). */
export function listWriteoffs(
  ctx: CallContext,
  f: { from?: string | undefined; to?: string | undefined; reason?: WriteoffReason | undefined; limit: number; before?: { at: string; id: string } | undefined },
): WriteoffPage {
  const where = ['w.shop_id = ?'];
  const args: (string | number)[] = [shopIdOf(ctx)];
  const when = (sql: string, ...values: string[]) => {
    where.push(sql);
    args.push(...values);
  };
  const p = period(f.from, f.to);
  if (p.from !== undefined) when('w.at >= ?', p.from);
  if (p.to !== undefined) when('w.at < ?', p.to);
  if (f.reason !== undefined) when('w.reason = ?', f.reason);
  if (f.before) when('(w.at < ? OR (w.at = ? AND w.id < ?))', f.before.at, f.before.at, f.before.id);
  const rows = statement(
    ctx.db,
    `SELECT h.*, (SELECT count(*) FROM writeoff_lines l WHERE l.writeoff_id = h.id) AS line_count,
            (SELECT coalesce(sum(quantity), 0) FROM writeoff_lines l WHERE l.writeoff_id = h.id) AS quantity
       FROM (${HEADER} WHERE ${where.join(' AND ')} ORDER BY w.at DESC, w.id DESC LIMIT ?) h`,
  ).all(...args, f.limit + 1) as (HeaderRow & { line_count: number; quantity: number })[];
  const page = rows.slice(0, f.limit);
  const names = new Map<string, string[]>();
  if (page.length > 0) {
    const nameRows = statement(
      ctx.db,
      `SELECT l.writeoff_id, n.name FROM writeoff_lines l
         JOIN products p ON p.id = l.product_id JOIN product_names n ON n.product_seq = p.seq AND n.lang = ?
        WHERE l.writeoff_id IN (SELECT value FROM json_each(?)) ORDER BY l.writeoff_id, l.rowid`,
    ).all(readerLanguage(ctx), JSON.stringify(page.map((r) => r.id))) as { writeoff_id: string; name: string }[];
    for (const r of nameRows) {
      const list = names.get(r.writeoff_id) ?? [];
      if (list.length < 3 && !list.includes(r.name)) list.push(r.name);
      names.set(r.writeoff_id, list);
    }
  }
  const last = page.at(-1);
  const withCost = canSeeCost(ctx);
  return {
    rows: page.map((r) => ({ ...header(r, withCost), lines: r.line_count, quantity: r.quantity, names: names.get(r.id) ?? [] })),
    costVisible: withCost,
    next: rows.length > f.limit && last ? { at: last.at, id: last.id } : null,
  };
}

function header(r: HeaderRow, withCost: boolean): Omit<WriteoffRow, 'names' | 'lines' | 'quantity'> {
  return {
    id: r.id,
    number: r.number,
    at: r.at,
    reason: r.reason,
    note: r.note,
    totalCost: withCost ? r.total_cost : null,
    userName: r.user_name,
    returnId: r.return_id,
    returnNumber: r.return_number,
  };
}

/** One write-off with its lines as they were frozen at posting. */
export function readWriteoff(ctx: CallContext, id: string): WriteoffDetail {
  const row = statement(ctx.db, `${HEADER} WHERE w.id = ? AND w.shop_id = ?`).get(id, shopIdOf(ctx)) as HeaderRow | undefined;
  if (!row) throw new AppError('not_found', 'errors:writeoffs.notFound', { field: 'id' });
  const lines = statement(
    ctx.db,
    `SELECT l.lot_id, l.product_id, n.name, l.quantity, l.unit_cost, l.age_days, lot.arrived_at, l.supplier_id, s.name AS supplier_name
       FROM writeoff_lines l
       JOIN lots lot ON lot.id = l.lot_id
       JOIN products p ON p.id = l.product_id JOIN product_names n ON n.product_seq = p.seq AND n.lang = ?
       LEFT JOIN suppliers s ON s.id = l.supplier_id
      WHERE l.writeoff_id = ? ORDER BY l.rowid`,
  ).all(readerLanguage(ctx), id) as {
    lot_id: string;
    product_id: string;
    name: string;
    quantity: number;
    unit_cost: number;
    age_days: number;
    arrived_at: string;
    supplier_id: string | null;
    supplier_name: string | null;
  }[];
  const quantity = lines.reduce((s, l) => s + l.quantity, 0);
  const withCost = canSeeCost(ctx);
  return {
    ...header(row, withCost),
    userId: row.user_id,
    costVisible: withCost,
    quantity,
    lines: lines.map((l) => ({
      lotId: l.lot_id,
      productId: l.product_id,
      name: l.name,
      quantity: l.quantity,
      unitCost: withCost ? l.unit_cost : null,
      cost: withCost ? l.quantity * l.unit_cost : null,
      ageDays: l.age_days,
      arrivedAt: l.arrived_at,
      supplierId: l.supplier_id,
      supplierName: l.supplier_name,
    })),
  };
}
