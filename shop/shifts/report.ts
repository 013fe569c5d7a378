import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { ShiftRow } from './current';

/**
 * The figures of an X or Z report, read from the shift's documents with SQL aggregates (a handful
 * of grouped queries, whatever the number of sales). Pure: reads only, writes nothing. The stored
 * report is this object as JSON, so a reprint reads exactly what was printed at the time.
 */

export interface MethodFigures {
  /** paid by this method towards sales */
  sales: number;
  /** given back by this method on returns */
  refunds: number;
  /** sales − refunds */
  net: number;
}

export interface CountedDenomination {
  /** a note or coin, minor units */
  denomination: number;
  count: number;
  /** denomination × count */
  amount: number;
}

export interface CashMovementLine {
  kind: 'in' | 'out';
  amount: number;
  reason: string;
  at: string;
  userName: string;
}

export interface ShiftReportData {
  shiftId: string;
  shiftNumber: number;
  registerId: string;
  currency: string;
  openedAt: string;
  openedBy: string;
  /** null on an X report (the shift is still open) */
  closedAt: string | null;
  closedBy: string | null;
  openingFloat: number;
  salesCount: number;
  returnsCount: number;
  /** Σ list price × quantity over the sales */
  grossSales: number;
  /** every discount on the sales (line, client, whole-sale) */
  discounts: number;
  /** signed: what cash rounding added to (+) or took from (−) the sales */
  rounding: number;
  /** what customers paid for sales */
  netSales: number;
  /** what customers got back on returns */
  returnsTotal: number;
  byMethod: { cash: MethodFigures; card: MethodFigures };
  cashIn: number;
  cashOut: number;
  cashMovements: CashMovementLine[];
  /** opening float + cash sales − cash refunds + cash in − cash out */
  expectedCash: number;
  /** Z only: the count by denomination; null on an X report */
  counted: CountedDenomination[] | null;
  countedCash: number | null;
  /** counted − expected: negative when cash is missing; null on an X report */
  variance: number | null;
  /** cost of the goods sold, less what returns put back into stock */
  costOfGoods: number;
  /** returned lines by what became of them: quantity, refund amount, cost */
  restocked: { quantity: number; amount: number; cost: number };
  writtenOff: { quantity: number; amount: number; cost: number };
}

export interface CashFigures {
  openingFloat: number;
  cashSales: number;
  cashRefunds: number;
  cashIn: number;
  cashOut: number;
  expectedCash: number;
}

/** What the drawer should hold now: the one formula, shared by the reports, `shifts.current`, cash out and cash refunds. */
export function cashFigures(db: Database, shift: Pick<ShiftRow, 'id' | 'opening_float'>): CashFigures {
  const pay = statement(
    db,
    `SELECT coalesce(sum(CASE WHEN s.kind = 'sale' THEN p.amount END), 0) AS sales,
            coalesce(sum(CASE WHEN s.kind = 'return' THEN p.amount END), 0) AS refunds
       FROM sales s JOIN sale_payments p ON p.sale_id = s.id
      WHERE s.shift_id = ? AND p.method = 'cash'`,
  ).get(shift.id) as { sales: number; refunds: number };
  const moves = statement(
    db,
    `SELECT coalesce(sum(CASE WHEN kind = 'in' THEN amount END), 0) AS cash_in,
            coalesce(sum(CASE WHEN kind = 'out' THEN amount END), 0) AS cash_out
       FROM cash_movements WHERE shift_id = ?`,
  ).get(shift.id) as { cash_in: number; cash_out: number };
  return {
    openingFloat: shift.opening_float,
    cashSales: pay.sales,
    cashRefunds: pay.refunds,
    cashIn: moves.cash_in,
    cashOut: moves.cash_out,
    expectedCash: shift.opening_float + pay.sales - pay.refunds + moves.cash_in - moves.cash_out,
  };
}

function userName(db: Database, userId: string | null): string | null {
  if (userId === null) return null;
  return (statement(db, 'SELECT name FROM users WHERE id = ?').pluck().get(userId) as string | undefined) ?? null;
}

/** The report's figures for a shift; `counted` (the cash count at close) makes it a Z. */
export function computeShiftReport(
  db: Database,
  shift: ShiftRow,
  opts: { counted?: { denomination: number; count: number }[]; closedAt?: string; closedBy?: string } = {},
): ShiftReportData {
  const docs = statement(
    db,
    `SELECT kind, count(*) AS n, coalesce(sum(subtotal), 0) AS subtotal, coalesce(sum(discount_total), 0) AS discounts,
            coalesce(sum(rounding), 0) AS rounding, coalesce(sum(total), 0) AS total, coalesce(sum(cost_of_goods), 0) AS cost
       FROM sales WHERE shift_id = ? GROUP BY kind`,
  ).all(shift.id) as { kind: 'sale' | 'return'; n: number; subtotal: number; discounts: number; rounding: number; total: number; cost: number }[];
  const sales = docs.find((d) => d.kind === 'sale');
  const returns = docs.find((d) => d.kind === 'return');

  const byMethodRows = statement(
    db,
    `SELECT s.kind, p.method, sum(p.amount) AS amount
       FROM sales s JOIN sale_payments p ON p.sale_id = s.id
      WHERE s.shift_id = ? GROUP BY s.kind, p.method`,
  ).all(shift.id) as { kind: 'sale' | 'return'; method: 'cash' | 'card'; amount: number }[];
  const methodFigures = (method: 'cash' | 'card'): MethodFigures => {
    const salesAmount = byMethodRows.find((r) => r.kind === 'sale' && r.method === method)?.amount ?? 0;
    const refunds = byMethodRows.find((r) => r.kind === 'return' && r.method === method)?.amount ?? 0;
    return { sales: salesAmount, refunds, net: salesAmount - refunds };
  };

  const dispositions = statement(
    db,
    `SELECT l.disposition, sum(l.quantity) AS quantity, sum(l.total) AS amount, sum(l.cost_of_goods) AS cost
       FROM sales s JOIN sale_lines l ON l.sale_id = s.id
      WHERE s.shift_id = ? AND s.kind = 'return' GROUP BY l.disposition`,
  ).all(shift.id) as { disposition: 'restock' | 'writeoff'; quantity: number; amount: number; cost: number }[];
  const disposition = (d: 'restock' | 'writeoff') => {
    const row = dispositions.find((r) => r.disposition === d);
    return { quantity: row?.quantity ?? 0, amount: row?.amount ?? 0, cost: row?.cost ?? 0 };
  };
  const restocked = disposition('restock');

  const cashMovements = (
    statement(
      db,
      `SELECT m.kind, m.amount, m.reason, m.at, u.name AS user_name
         FROM cash_movements m JOIN users u ON u.id = m.user_id WHERE m.shift_id = ? ORDER BY m.at, m.id`,
    ).all(shift.id) as { kind: 'in' | 'out'; amount: number; reason: string; at: string; user_name: string }[]
  ).map((m) => ({ kind: m.kind, amount: m.amount, reason: m.reason, at: m.at, userName: m.user_name }));

  const cash = cashFigures(db, shift);
  const counted = opts.counted
    ? opts.counted
        .filter((c) => c.count > 0)
        .map((c) => ({ denomination: c.denomination, count: c.count, amount: c.denomination * c.count }))
        .sort((a, b) => b.denomination - a.denomination)
    : null;
  const countedCash = counted ? counted.reduce((sum, c) => sum + c.amount, 0) : null;
  const currency = statement(db, 'SELECT currency FROM shops WHERE id = ?').pluck().get(shift.shop_id) as string;

  return {
    shiftId: shift.id,
    shiftNumber: shift.number,
    registerId: shift.register_id,
    currency,
    openedAt: shift.opened_at,
    openedBy: userName(db, shift.opened_by) ?? '',
    closedAt: opts.closedAt ?? shift.closed_at,
    closedBy: userName(db, opts.closedBy ?? shift.closed_by),
    openingFloat: shift.opening_float,
    salesCount: sales?.n ?? 0,
    returnsCount: returns?.n ?? 0,
    grossSales: sales?.subtotal ?? 0,
    discounts: sales?.discounts ?? 0,
    rounding: sales?.rounding ?? 0,
    netSales: sales?.total ?? 0,
    returnsTotal: returns?.total ?? 0,
    byMethod: { cash: methodFigures('cash'), card: methodFigures('card') },
    cashIn: cash.cashIn,
    cashOut: cash.cashOut,
    cashMovements,
    expectedCash: cash.expectedCash,
    counted,
    countedCash,
    variance: countedCash === null ? null : countedCash - cash.expectedCash,
    costOfGoods: (sales?.cost ?? 0) - restocked.cost,
    restocked,
    writtenOff: disposition('writeoff'),
  };
}
