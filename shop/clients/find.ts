import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import { normalizeText } from '../catalog/normalize';
import { toSummary, type ClientSummary } from './clients';

export const MAX_FOUND_CLIENTS = 20;
/** Fewer digits than this match too many phones to be a lookup. */
const MIN_PHONE_DIGITS = 3;

/** Digits only: "+995 (599) 12-34-56" and "599123456" are the same phone. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * Clients by phone or name. A query of digits (spaces, +, dashes and brackets allowed) matches the
 * end of a phone number, so the last digits a customer says, the local number and the full
 * international one all find them. Anything else matches names, case- and accent-insensitively in
 * any script, through the catalog's normalizer. Clients are few per shop (hundreds to thousands),
 * so names are matched in memory rather than through an index of their own.
 */
export function findClients(db: Database, shopId: string, query: string): ClientSummary[] {
  const text = query.trim();
  const digits = phoneDigits(text);
  const isPhone = /^[\d\s+()\-.]+$/.test(text) && digits.length >= MIN_PHONE_DIGITS;
  const rows = statement(
    db,
    'SELECT id, name, phone, discount_bp FROM clients WHERE shop_id = ? AND archived = 0 ORDER BY name, id',
  ).iterate(shopId) as IterableIterator<{ id: string; name: string; phone: string | null; discount_bp: number }>;
  const needle = normalizeText(text);
  const found: ClientSummary[] = [];
  if (needle === '') return found;
  for (const row of rows) {
    const hit = isPhone ? row.phone !== null && phoneDigits(row.phone).endsWith(digits) : normalizeText(row.name).includes(needle);
    if (hit) found.push(toSummary(row));
    if (found.length === MAX_FOUND_CLIENTS) break; // leaving the loop ends the statement's iteration
  }
  return found;
}
