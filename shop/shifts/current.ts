import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { registerId } from './register';

export interface ShiftRow {
  id: string;
  shop_id: string;
  register_id: string;
  number: number;
  opened_at: string;
  opened_by: string;
  opening_float: number;
  closed_at: string | null;
  closed_by: string | null;
  expected_cash: number | null;
  counted_cash: number | null;
}

/** The register's open shift, or null. At most one exists (unique partial index `shifts_one_open`). */
export function openShift(db: Database, shopId: string, register: string): ShiftRow | null {
  const row = statement(db, 'SELECT * FROM shifts WHERE shop_id = ? AND register_id = ? AND closed_at IS NULL').get(shopId, register) as
    | ShiftRow
    | undefined;
  return row ?? null;
}

/** The shop of the call, refused before first-run setup. */
export function shopIdOf(ctx: CallContext): string {
  if (ctx.shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

/** The open shift of this PC's register; sales, returns and cash movements are refused without one. */
export function requireOpenShift(ctx: CallContext): { id: string; number: number } {
  const shift = openShift(ctx.db, shopIdOf(ctx), registerId(ctx.db));
  if (!shift) throw new AppError('conflict', 'errors:shifts.noOpenShift');
  return { id: shift.id, number: shift.number };
}
