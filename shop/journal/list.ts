import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { shopIdOf } from '../shifts/current';

export type PaymentMethod = 'cash' | 'card';

export interface JournalFilter {
  /** ISO date (a UTC day) or date-time with offset: from this instant on */
  from?: string | undefined;
  /** ISO date (the whole UTC day included) or date-time: before this instant */
  to?: string | undefined;
  cashierId?: string | undefined;
  clientId?: string | undefined;
  method?: PaymentMethod | undefined;
  productId?: string | undefined;
  kind?: 'sale' | 'return' | undefined;
  shiftId?: string | undefined;
  limit: number;
  /** the last row of the previous page: the next page starts after it */
  before?: { at: string; id: string } | undefined;
}

export interface JournalRow {
  id: string;
  kind: 'sale' | 'return';
  number: number;
  at: string;
  shiftId: string;
  cashierId: string;
  cashierName: string;
  clientId: string | null;
  clientName: string | null;
  /** paid (sale) or given back (return) */
  total: number;
  methods: PaymentMethod[];
  /** how many lines */
  lines: number;
  /** the first lines' names, as printed, for the list (at most 3) */
  names: string[];
  /** a return: the sale it gave back from */
  originalSaleId: string | null;
  originalNumber: number | null;
}

export interface JournalPage {
  rows: JournalRow[];
  /** pass as `before` for the next page; null on the last page */
  next: { at: string; id: string } | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A bound as a stored-timestamp string: a date means that UTC day's midnight (`to`: the midnight after it). */
function instant(value: string, field: 'from' | 'to'): string {
  const ms = DATE.test(value) ? Date.parse(`${value}T00:00:00.000Z`) + (field === 'to' ? 86_400_000 : 0) : Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('invalid_input', 'errors:journal.dateInvalid', { field });
  return new Date(ms).toISOString();
}

interface Row {
  id: string;
  kind: 'sale' | 'return';
  number: number;
  at: string;
  shift_id: string;
  cashier_id: string;
  cashier_name: string;
  client_id: string | null;
  client_name: string | null;
  total: number;
  original_sale_id: string | null;
  original_number: number | null;
  methods: string | null;
  line_count: number;
}

/** Sales and returns, newest first, filtered, one page at a time (keyset paging on (at, id): stable while sales come in). */
export function listJournal(ctx: CallContext, f: JournalFilter): JournalPage {
  const where = ['s.shop_id = ?'];
  const args: (string | number)[] = [shopIdOf(ctx)];
  const from = f.from !== undefined ? instant(f.from, 'from') : undefined;
  const to = f.to !== undefined ? instant(f.to, 'to') : undefined;
  if (from !== undefined && to !== undefined && from >= to) {
    throw new AppError('invalid_input', 'errors:journal.rangeInvalid', { field: 'to' });
  }
  const when = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (from !== undefined) when('s.at >= ?', from);
  if (to !== undefined) when('s.at < ?', to);
  if (f.cashierId) when('s.cashier_id = ?', f.cashierId);
  if (f.clientId) when('s.client_id = ?', f.clientId);
  if (f.kind) when('s.kind = ?', f.kind);
  if (f.shiftId) when('s.shift_id = ?', f.shiftId);
  if (f.method) when('EXISTS (SELECT 1 FROM sale_payments p WHERE p.sale_id = s.id AND p.method = ?)', f.method);
  if (f.productId) when('EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND l.product_id = ?)', f.productId);
  if (f.before) when('(s.at < ? OR (s.at = ? AND s.id < ?))', f.before.at, f.before.at, f.before.id);

  const rows = statement(
    ctx.db,
    `SELECT s.id, s.kind, s.number, s.at, s.shift_id, s.cashier_id, u.name AS cashier_name, s.client_id, c.name AS client_name,
            s.total, s.original_sale_id, o.number AS original_number,
            (SELECT group_concat(DISTINCT p.method) FROM sale_payments p WHERE p.sale_id = s.id) AS methods,
            (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id) AS line_count
       FROM sales s JOIN users u ON u.id = s.cashier_id
       LEFT JOIN clients c ON c.id = s.client_id
       LEFT JOIN sales o ON o.id = s.original_sale_id
      WHERE ${where.join(' AND ')}
      ORDER BY s.at DESC, s.id DESC LIMIT ?`,
  ).all(...args, f.limit + 1) as Row[];

  const page = rows.slice(0, f.limit);
  const names = new Map<string, string[]>();
  if (page.length > 0) {
    const nameRows = statement(
      ctx.db,
      `SELECT sale_id, name FROM sale_lines WHERE sale_id IN (SELECT value FROM json_each(?)) AND line_no <= 3 ORDER BY sale_id, line_no`,
    ).all(JSON.stringify(page.map((r) => r.id))) as { sale_id: string; name: string }[];
    for (const r of nameRows) names.set(r.sale_id, [...(names.get(r.sale_id) ?? []), r.name]);
  }
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: r.number,
      at: r.at,
      shiftId: r.shift_id,
      cashierId: r.cashier_id,
      cashierName: r.cashier_name,
      clientId: r.client_id,
      clientName: r.client_name,
      total: r.total,
      methods: r.methods ? (r.methods.split(',').sort() as PaymentMethod[]) : [],
      lines: r.line_count,
      names: names.get(r.id) ?? [],
      originalSaleId: r.original_sale_id,
      originalNumber: r.original_number,
    })),
    next: rows.length > f.limit && last ? { at: last.at, id: last.id } : null,
  };
}
