import type { Input } from '../../shop/api/contract';

/** The journal's filters as the screen holds them (dates as the date inputs give them: YYYY-MM-DD, local). */
export interface JournalFilters {
  from: string;
  to: string;
  kind: '' | 'sale' | 'return';
  cashierId: string;
  method: '' | 'cash' | 'card';
  client: { id: string; name: string } | null;
  product: { id: string; name: string } | null;
  /** only this shift's documents (the "this shift" button) */
  shiftId: string;
}

export const NO_FILTERS: JournalFilters = { from: '', to: '', kind: '', cashierId: '', method: '', client: null, product: null, shiftId: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day picked in the date input is a day at the shop, not in UTC: its local midnight as an instant.
 * `after` gives the next midnight (the journal's `to` is exclusive), so "to 22 Nov" includes all of it.
 */
export function localMidnight(day: string, after = false): string | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (after ? 1 : 0));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A date as the date input wants it (YYYY-MM-DD), in local time. */
export function dayOf(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** The journal.list input for the filters (without paging). */
export function listInput(f: JournalFilters, limit: number): Input<'journal.list'> {
  const from = f.from ? localMidnight(f.from) : null;
  const to = f.to ? localMidnight(f.to, true) : null;
  return {
    limit,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.cashierId ? { cashierId: f.cashierId } : {}),
    ...(f.method ? { method: f.method } : {}),
    ...(f.client ? { clientId: f.client.id } : {}),
    ...(f.product ? { productId: f.product.id } : {}),
    ...(f.shiftId ? { shiftId: f.shiftId } : {}),
  };
}

export function hasFilters(f: JournalFilters): boolean {
  return Boolean(f.from || f.to || f.kind || f.cashierId || f.method || f.client || f.product || f.shiftId);
}

/** The sale id in a scanned receipt code (`posy:sale:<id>`), or null. */
export function saleIdFromCode(code: string): string | null {
  const m = /^posy:sale:([0-9a-f-]{36})$/i.exec(code.trim());
  return m?.[1]?.toLowerCase() ?? null;
}
