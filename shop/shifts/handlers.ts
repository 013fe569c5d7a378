import { z } from 'zod';
import { statement } from '../../db/statements';
import { handler, type CallContext } from '../api/define';
import { AppError, notFound } from '../api/errors';
import { id, money, shortText, type Currency } from '../api/schemas';
import { enqueuePrint } from '../printing/queue';
import { receiptMoney } from '../printing/money';
import { openShift, shopIdOf, type ShiftRow } from './current';
import { denominationsOf, isDenomination } from './denominations';
import { registerId } from './register';
import { cashFigures, computeShiftReport, type ShiftReportData } from './report';

/** The shift as the shift screen and the sale screen's header show it. */
export interface CurrentShift {
  id: string;
  number: number;
  registerId: string;
  openedAt: string;
  openedBy: { id: string; name: string };
  openingFloat: number;
  salesCount: number;
  /** what customers paid for sales this shift */
  salesTotal: number;
  returnsCount: number;
  returnsTotal: number;
  cashIn: number;
  cashOut: number;
  /** what the drawer should hold now */
  expectedCash: number;
}

/** A stored X or Z report, exactly as it was computed (and printed) at `at`. */
export type ShiftReport = { id: string; kind: 'x' | 'z'; at: string; userName: string } & ShiftReportData;

export interface ShiftReportSummary {
  id: string;
  kind: 'x' | 'z';
  at: string;
  userName: string;
  shiftId: string;
  shiftNumber: number;
  expectedCash: number;
  countedCash: number | null;
  variance: number | null;
}

const MAX_COUNT = 1_000_000;

function shopCurrency(ctx: CallContext): Currency {
  return statement(ctx.db, 'SELECT currency FROM shops WHERE id = ?').pluck().get(shopIdOf(ctx)) as Currency;
}

function thisShift(ctx: CallContext): ShiftRow | null {
  return openShift(ctx.db, shopIdOf(ctx), registerId(ctx.db));
}

function requireShiftRow(ctx: CallContext): ShiftRow {
  const shift = thisShift(ctx);
  if (!shift) throw new AppError('conflict', 'errors:shifts.noOpenShift');
  return shift;
}

function userId(ctx: CallContext): string {
  // access is never 'public' here, so the dispatcher has checked the session
  if (!ctx.session) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  return ctx.session.userId;
}

function currentShift(ctx: CallContext, shift: ShiftRow): CurrentShift {
  const docs = statement(
    ctx.db,
    `SELECT coalesce(sum(kind = 'sale'), 0) AS sales_count, coalesce(sum(CASE WHEN kind = 'sale' THEN total END), 0) AS sales_total,
            coalesce(sum(kind = 'return'), 0) AS returns_count, coalesce(sum(CASE WHEN kind = 'return' THEN total END), 0) AS returns_total
       FROM sales WHERE shift_id = ?`,
  ).get(shift.id) as { sales_count: number; sales_total: number; returns_count: number; returns_total: number };
  const cash = cashFigures(ctx.db, shift);
  const openedBy = statement(ctx.db, 'SELECT name FROM users WHERE id = ?').pluck().get(shift.opened_by) as string;
  return {
    id: shift.id,
    number: shift.number,
    registerId: shift.register_id,
    openedAt: shift.opened_at,
    openedBy: { id: shift.opened_by, name: openedBy },
    openingFloat: shift.opening_float,
    salesCount: docs.sales_count,
    salesTotal: docs.sales_total,
    returnsCount: docs.returns_count,
    returnsTotal: docs.returns_total,
    cashIn: cash.cashIn,
    cashOut: cash.cashOut,
    expectedCash: cash.expectedCash,
  };
}

interface ReportRow {
  id: string;
  shift_id: string;
  kind: 'x' | 'z';
  at: string;
  user_name: string;
  data: string;
}

const REPORT_SELECT = `SELECT r.id, r.shift_id, r.kind, r.at, u.name AS user_name, r.data
  FROM shift_reports r JOIN users u ON u.id = r.user_id`;

function toReport(row: ReportRow): ShiftReport {
  return { id: row.id, kind: row.kind, at: row.at, userName: row.user_name, ...(JSON.parse(row.data) as ShiftReportData) };
}

function readReport(ctx: CallContext, reportId: string): ShiftReport {
  const row = statement(ctx.db, `${REPORT_SELECT} WHERE r.id = ? AND r.shop_id = ?`).get(reportId, shopIdOf(ctx)) as ReportRow | undefined;
  if (!row) throw notFound('report');
  return toReport(row);
}

function storeReport(ctx: CallContext, shift: ShiftRow, kind: 'x' | 'z', data: ShiftReportData, at: string): string {
  const reportId = ctx.newId();
  statement(ctx.db, 'INSERT INTO shift_reports (id, shop_id, shift_id, kind, at, user_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    reportId,
    shift.shop_id,
    shift.id,
    kind,
    at,
    userId(ctx),
    JSON.stringify(data),
  );
  return reportId;
}

const countedSchema = z
  .array(z.object({ denomination: money.min(1), count: z.number().int().min(0).max(MAX_COUNT) }).strict())
  .max(40);

/** The count at close must name the shop currency's notes and coins, each once. */
function checkCount(currency: Currency, counted: { denomination: number; count: number }[]): void {
  const seen = new Set<number>();
  counted.forEach((c, i) => {
    const value = receiptMoney(c.denomination, currency);
    if (!isDenomination(currency, c.denomination)) {
      throw new AppError('invalid_input', 'errors:shifts.denominationUnknown', {
        field: `counted.${i}.denomination`,
        params: { value, currency },
      });
    }
    if (seen.has(c.denomination)) {
      throw new AppError('invalid_input', 'errors:shifts.denominationTwice', { field: `counted.${i}.denomination`, params: { value } });
    }
    seen.add(c.denomination);
  });
}

/** Shifts: open with a float, cash in and out, X report any time, Z report at close. One open shift per register. */
export const shiftsHandlers = {
  /** This register's open shift with its running totals, or null. */
  'shifts.current': handler({
    access: 'signedIn',
    input: z.object({}).strict(),
    run(ctx): CurrentShift | null {
      const shift = thisShift(ctx);
      return shift ? currentShift(ctx, shift) : null;
    },
  }),

  'shifts.open': handler({
    access: 'shifts.manage',
    input: z.object({ openingFloat: money }).strict(),
    run(ctx, input): CurrentShift {
      const shopId = shopIdOf(ctx);
      const register = registerId(ctx.db);
      const open = openShift(ctx.db, shopId, register);
      if (open) throw new AppError('conflict', 'errors:shifts.alreadyOpen', { params: { number: open.number } });
      const number =
        (statement(ctx.db, 'SELECT coalesce(max(number), 0) + 1 FROM shifts WHERE shop_id = ? AND register_id = ?').pluck().get(shopId, register) as number);
      const shiftId = ctx.newId();
      statement(
        ctx.db,
        `INSERT INTO shifts (id, shop_id, register_id, number, opened_at, opened_by, opening_float) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(shiftId, shopId, register, number, ctx.now().toISOString(), userId(ctx), input.openingFloat);
      ctx.audit({ action: 'shifts.open', entity: 'shift', entityId: shiftId, details: { number, openingFloat: input.openingFloat } });
      ctx.emit({ type: 'shift.changed', shiftId });
      return currentShift(ctx, requireShiftRow(ctx));
    },
  }),

  /** Cash put into or taken out of the drawer outside a sale (change brought in, cash taken to the bank). */
  'shifts.cash': handler({
    access: 'shifts.manage',
    input: z.object({ kind: z.enum(['in', 'out']), amount: money.min(1), reason: shortText(200) }).strict(),
    run(ctx, input): CurrentShift {
      const shift = requireShiftRow(ctx);
      if (input.kind === 'out') {
        const { expectedCash } = cashFigures(ctx.db, shift);
        if (input.amount > expectedCash) {
          const currency = shopCurrency(ctx);
          throw new AppError('conflict', 'errors:shifts.drawerShort', {
            field: 'amount',
            params: { available: receiptMoney(Math.max(0, expectedCash), currency), amount: receiptMoney(input.amount, currency) },
          });
        }
      }
      const movementId = ctx.newId();
      statement(
        ctx.db,
        'INSERT INTO cash_movements (id, shop_id, shift_id, kind, amount, reason, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(movementId, shift.shop_id, shift.id, input.kind, input.amount, input.reason, ctx.now().toISOString(), userId(ctx));
      ctx.audit({
        action: 'shifts.cash',
        entity: 'shift',
        entityId: shift.id,
        details: { kind: input.kind, amount: input.amount, reason: input.reason },
      });
      ctx.emit({ type: 'shift.changed', shiftId: shift.id });
      return currentShift(ctx, shift);
    },
  }),

  /** An X report: the shift's figures so far, stored; printed when asked. The shift stays open. */
  'shifts.xReport': handler({
    access: 'shifts.manage',
    input: z.object({ print: z.boolean().default(false) }).strict(),
    run(ctx, input): ShiftReport {
      const shift = requireShiftRow(ctx);
      const at = ctx.now().toISOString();
      const reportId = storeReport(ctx, shift, 'x', computeShiftReport(ctx.db, shift), at);
      ctx.audit({ action: 'shifts.xReport', entity: 'shift', entityId: shift.id, details: { reportId } });
      if (input.print) enqueuePrint(ctx, { documentType: 'report', documentId: reportId });
      ctx.emit({ type: 'shift.changed', shiftId: shift.id });
      return readReport(ctx, reportId);
    },
  }),

  /** Closes the shift against the cash counted by denomination: stores and prints the Z report. */
  'shifts.close': handler({
    access: 'shifts.manage',
    input: z.object({ counted: countedSchema, print: z.boolean().default(true) }).strict(),
    run(ctx, input): ShiftReport {
      const shift = requireShiftRow(ctx);
      checkCount(shopCurrency(ctx), input.counted);
      const at = ctx.now().toISOString();
      const closedBy = userId(ctx);
      const data = computeShiftReport(ctx.db, shift, { counted: input.counted, closedAt: at, closedBy });
      statement(ctx.db, 'UPDATE shifts SET closed_at = ?, closed_by = ?, expected_cash = ?, counted_cash = ? WHERE id = ?').run(
        at,
        closedBy,
        data.expectedCash,
        data.countedCash,
        shift.id,
      );
      const reportId = storeReport(ctx, shift, 'z', data, at);
      ctx.audit({
        action: 'shifts.close',
        entity: 'shift',
        entityId: shift.id,
        details: { number: shift.number, reportId, expectedCash: data.expectedCash, countedCash: data.countedCash, variance: data.variance },
      });
      if (input.print) enqueuePrint(ctx, { documentType: 'report', documentId: reportId });
      ctx.emit({ type: 'shift.changed', shiftId: shift.id });
      return readReport(ctx, reportId);
    },
  }),

  /** The shop currency's notes and coins, largest first, for the counting screen. */
  'shifts.denominations': handler({
    access: 'signedIn',
    input: z.object({}).strict(),
    run: (ctx) => denominationsOf(shopCurrency(ctx)),
  }),

  /** Stored reports, newest first: of one shift, or the shop's latest. */
  'shifts.reports': handler({
    access: 'shifts.manage',
    input: z.object({ shiftId: id.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    run(ctx, input): ShiftReportSummary[] {
      const rows = (
        input.shiftId
          ? statement(ctx.db, `${REPORT_SELECT} WHERE r.shop_id = ? AND r.shift_id = ? ORDER BY r.at DESC, r.id DESC LIMIT ?`).all(
              shopIdOf(ctx),
              input.shiftId,
              input.limit,
            )
          : statement(ctx.db, `${REPORT_SELECT} WHERE r.shop_id = ? ORDER BY r.at DESC, r.id DESC LIMIT ?`).all(shopIdOf(ctx), input.limit)
      ) as ReportRow[];
      return rows.map((row) => {
        const r = toReport(row);
        return {
          id: r.id,
          kind: r.kind,
          at: r.at,
          userName: r.userName,
          shiftId: r.shiftId,
          shiftNumber: r.shiftNumber,
          expectedCash: r.expectedCash,
          countedCash: r.countedCash,
          variance: r.variance,
        };
      });
    },
  }),

  'shifts.report': handler({
    access: 'shifts.manage',
    input: z.object({ id }).strict(),
    run: (ctx, input): ShiftReport => readReport(ctx, input.id),
  }),

  /** Prints a stored report as it was stored; marked COPY when it has been sent to a printer before. */
  'shifts.printReport': handler({
    access: 'shifts.manage',
    input: z.object({ id }).strict(),
    run(ctx, input): { jobId: string | null; copy: boolean } {
      readReport(ctx, input.id);
      const copy =
        statement(ctx.db, `SELECT 1 FROM print_jobs WHERE document_type = 'report' AND document_id = ? LIMIT 1`).get(input.id) !== undefined;
      return { jobId: enqueuePrint(ctx, { documentType: 'report', documentId: input.id, copy }), copy };
    },
  }),
};
