import type { Database } from 'better-sqlite3';
import { AppError } from '../api/errors';
import { statement } from '../../db/statements';

/**
 * Barcodes a florist meets: GTINs printed by suppliers (EAN-13, EAN-8, UPC-A), Code 128 labels
 * from wholesalers and auctions, and the shop's own labels (EAN-13 in the restricted-circulation
 * range starting with 2, which no manufacturer is ever assigned).
 */
export const SYMBOLOGIES = ['ean13', 'ean8', 'upca', 'code128', 'internal'] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];

export const MAX_BARCODE_LENGTH = 48;

/** Lengths at which an all-digit code is a GTIN, so its last digit must be a valid check digit. */
const GTIN_LENGTHS: Record<number, Symbology> = { 8: 'ean8', 12: 'upca', 13: 'ean13' };

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const DIGITS = /^\d+$/;

/** GS1 mod-10 check digit of the data digits (everything but the check digit itself). */
export function gtinCheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    // weights alternate 3,1,3,… counted from the rightmost data digit
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(code: string): boolean {
  if (!DIGITS.test(code) || code.length < 2) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

export type BarcodeClass =
  | { ok: true; code: string; symbology: Symbology }
  | { ok: false; code: string; reason: 'checkDigit' | 'format' };

/** What kind of code this is, or why it cannot be one. Surrounding whitespace (scanner suffixes) is ignored. */
export function classifyBarcode(raw: string): BarcodeClass {
  const code = raw.trim();
  if (code.length === 0 || code.length > MAX_BARCODE_LENGTH || !PRINTABLE_ASCII.test(code)) {
    return { ok: false, code, reason: 'format' };
  }
  if (DIGITS.test(code)) {
    const gtin = GTIN_LENGTHS[code.length];
    if (gtin) {
      // A GTIN-length run of digits with a wrong last digit is a misread or mistyped GTIN,
      // not a Code 128 label: accepting it would attach a wrong code to the product.
      if (!hasValidCheckDigit(code)) return { ok: false, code, reason: 'checkDigit' };
      if (gtin === 'ean13' && code.startsWith('2')) return { ok: true, code, symbology: 'internal' };
      return { ok: true, code, symbology: gtin };
    }
  }
  return { ok: true, code, symbology: 'code128' };
}

/** classifyBarcode for input from a person: throws the translated refusal. */
export function validBarcode(raw: string, field = 'code'): { code: string; symbology: Symbology } {
  const c = classifyBarcode(raw);
  if (c.ok) return { code: c.code, symbology: c.symbology };
  const params = { code: c.code.slice(0, MAX_BARCODE_LENGTH) };
  if (c.reason === 'checkDigit') throw new AppError('invalid_input', 'errors:catalog.barcodeCheckDigit', { field, params });
  throw new AppError('invalid_input', 'errors:catalog.barcodeFormat', { field, params });
}

/**
 * The same GTIN as it may be stored or scanned: a UPC-A is an EAN-13 with a leading zero, and
 * scanners are configured either way.
 */
export function barcodeLookupVariants(code: string): string[] {
  const variants = [code];
  if (DIGITS.test(code)) {
    if (code.length === 12) variants.push(`0${code}`);
    if (code.length === 13 && code.startsWith('0')) variants.push(code.slice(1));
  }
  return variants;
}

// Shop labels: "20" + a 10-digit serial + check digit. 21–29 stay free for scale labels with embedded weight or price.
const INTERNAL_PREFIX = '20';
const INTERNAL_SERIAL_DIGITS = 10;
const LAST_INTERNAL_KEY = 'catalog.last_internal_serial';

function internalCode(serial: number): string {
  const data = INTERNAL_PREFIX + String(serial).padStart(INTERNAL_SERIAL_DIGITS, '0');
  return data + String(gtinCheckDigit(data));
}

/**
 * Issues the next in-shop EAN-13. The last serial is remembered in app_settings so that a code
 * removed from one product is never handed to another (old labels may still be on the shelf);
 * codes typed in by hand in the same range are skipped.
 */
export function nextInternalBarcode(db: Database): string {
  const stored = statement(db, 'SELECT value FROM app_settings WHERE key = ?').get(LAST_INTERNAL_KEY) as
    | { value: string }
    | undefined;
  // Only our own counter: a code in the same range that came from elsewhere (a wholesaler's label, a
  // Code 128 text that starts with "20") must neither move the counter nor stop it.
  let serial = Number(stored?.value ?? 0) || 0;
  const taken = statement(db, 'SELECT 1 FROM barcodes WHERE code = ?');
  let code: string;
  do {
    serial += 1;
    if (serial >= 10 ** INTERNAL_SERIAL_DIGITS) throw new AppError('conflict', 'errors:catalog.internalBarcodesExhausted');
    code = internalCode(serial);
  } while (taken.get(code));
  statement(
    db,
    `INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run(LAST_INTERNAL_KEY, String(serial));
  return code;
}
