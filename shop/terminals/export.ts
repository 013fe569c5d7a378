import Papa from 'papaparse';
import iconv from 'iconv-lite';
import type { Database } from 'better-sqlite3';
import type { Language } from '../api/schemas';
import { categoryTree } from '../counts/scope';
import type { TerminalEncoding, TerminalSeparator } from './parse';

export interface ExportOptions {
  encoding: TerminalEncoding;
  separator: TerminalSeparator;
  header: boolean;
  categoryId?: string | undefined;
  lang: Language;
  /** for the file name */
  today: Date;
}

export interface ProductListFile {
  fileName: string;
  contentBase64: string;
  /** rows written (one per barcode) */
  rows: number;
  /** names changed to fit Windows-1251 (letters it lacks became '?') */
  replaced: number;
  /** stocked products left out because they have no barcode (a terminal finds products by barcode only) */
  withoutBarcode: number;
}

/** Money as a terminal reads it: major units with a dot, no grouping ("1250.00"). All shop currencies have 2 decimals. */
export function terminalPrice(minor: number): string {
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Modifier letters Uzbek Latin writes with (oʻ, gʻ, the ʼ sign) are apostrophes to an old terminal. */
const APOSTROPHES = /[ʻʼ‘’`]/g;

/** The name as Windows-1251 can hold it, and whether anything had to change. */
export function fitWindows1251(name: string): { text: string; changed: boolean } {
  const plain = name.replace(APOSTROPHES, "'");
  const text = iconv.decode(iconv.encode(plain, 'win1251'), 'win1251');
  return { text, changed: text !== name };
}

interface Row {
  code: string;
  name: string;
  price: number;
}

/**
 * The product list a terminal loads to show names and prices while counting: barcode, name, price,
 * one row per barcode, stocked products only (no services), archived ones left out.
 */
export function exportProductList(db: Database, opts: ExportOptions): ProductListFile {
  const scope = opts.categoryId ? [...categoryTree(db, opts.categoryId)] : null;
  const rows = db
    .prepare(
      `SELECT b.code, n.name, p.price FROM products p
         JOIN product_names n ON n.product_seq = p.seq AND n.lang = @lang
         JOIN barcodes b ON b.product_id = p.id
        WHERE p.archived = 0 AND p.kind <> 'service'
          AND (@scope IS NULL OR p.category_id IN (SELECT value FROM json_each(@scope)))
        ORDER BY n.sort_key, b.code`,
    )
    .all({ lang: opts.lang, scope: scope ? JSON.stringify(scope) : null }) as Row[];
  const withoutBarcode = db
    .prepare(
      `SELECT count(*) FROM products p
        WHERE p.archived = 0 AND p.kind <> 'service' AND NOT EXISTS (SELECT 1 FROM barcodes b WHERE b.product_id = p.id)
          AND (@scope IS NULL OR p.category_id IN (SELECT value FROM json_each(@scope)))`,
    )
    .pluck()
    .get({ scope: scope ? JSON.stringify(scope) : null }) as number;

  let replaced = 0;
  const data = rows.map((r) => {
    let name = r.name.replace(/[\r\n\t]+/g, ' ');
    if (opts.encoding === 'windows-1251') {
      const fit = fitWindows1251(name);
      if (fit.changed) replaced++;
      name = fit.text;
    }
    return [r.code, name, terminalPrice(r.price)];
  });
  const text = Papa.unparse(
    { fields: ['barcode', 'name', 'price'], data },
    { delimiter: opts.separator, newline: '\r\n', header: opts.header, quotes: false },
  );
  const body = text === '' ? '' : `${text}\r\n`;
  const bytes = opts.encoding === 'windows-1251' ? iconv.encode(body, 'win1251') : Buffer.from(body, 'utf8');
  const day = opts.today.toISOString().slice(0, 10).replace(/-/g, '');
  return {
    fileName: `products-${day}.${opts.separator === '\t' ? 'txt' : 'csv'}`,
    contentBase64: bytes.toString('base64'),
    rows: data.length,
    replaced,
    withoutBarcode,
  };
}
