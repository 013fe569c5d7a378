import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Language } from '../api/schemas';
import { barcodeLookupVariants } from '../catalog/barcode';
import type { TerminalLine } from './parse';

export interface MatchedProduct {
  productId: string;
  /** The first of the file's codes that found it. */
  barcode: string;
  name: string;
  /** Σ over the file's lines of this product (under any of its codes). */
  quantity: number;
  lines: number;
}

export interface UnknownBarcode {
  barcode: string;
  /** line numbers, in file order */
  lines: number[];
  quantity: number;
}

/** A product found but not countable here: a service, or outside the count's category. */
export interface SkippedProduct extends MatchedProduct {
  reason: 'errors:terminals.notStocked' | 'errors:terminals.outOfScope';
}

export interface MatchResult {
  matched: MatchedProduct[];
  skipped: SkippedProduct[];
  unknown: UnknownBarcode[];
}

export interface MatchOptions {
  lang: Language;
  /** The count's category tree (null: all stock). */
  scope?: ReadonlySet<string> | null;
}

interface Hit {
  code: string;
  id: string;
  kind: string;
  category_id: string | null;
  name: string;
}

/**
 * Looks up every distinct code of a file in one query (json_each over the codes and their UPC-A/EAN-13
 * spellings), so a 10,000-line file costs one statement, not 10,000. Archived products still match:
 * stems of a product taken off sale are still on the shelf.
 */
export function matchTerminalLines(db: Database, lines: readonly TerminalLine[], opts: MatchOptions): MatchResult {
  const byCode = new Map<string, { lines: number[]; quantity: number }>();
  for (const line of lines) {
    const entry = byCode.get(line.barcode);
    if (entry) {
      entry.lines.push(line.lineNo);
      entry.quantity += line.quantity;
    } else {
      byCode.set(line.barcode, { lines: [line.lineNo], quantity: line.quantity });
    }
  }
  const lookups = new Set<string>();
  for (const code of byCode.keys()) for (const v of barcodeLookupVariants(code)) lookups.add(v);
  const hits = new Map<string, Hit>();
  if (lookups.size > 0) {
    const rows = statement(
      db,
      // CROSS JOIN fixes the order (codes first, each by the primary key): left to itself the planner
      // walks every product and scans the code list for each.
      `SELECT b.code, p.id, p.kind, p.category_id, n.name
         FROM json_each(?) j
         CROSS JOIN barcodes b ON b.code = j.value
         CROSS JOIN products p ON p.id = b.product_id
         CROSS JOIN product_names n ON n.product_seq = p.seq AND n.lang = ?`,
    ).all(JSON.stringify([...lookups]), opts.lang) as Hit[];
    for (const row of rows) hits.set(row.code, row);
  }

  const products = new Map<string, MatchedProduct & { hit: Hit }>();
  const unknown: UnknownBarcode[] = [];
  for (const [code, entry] of byCode) {
    const hit = barcodeLookupVariants(code)
      .map((v) => hits.get(v))
      .find((h) => h !== undefined);
    if (!hit) {
      unknown.push({ barcode: code, lines: entry.lines, quantity: entry.quantity });
      continue;
    }
    const product = products.get(hit.id);
    if (product) {
      product.quantity += entry.quantity;
      product.lines += entry.lines.length;
    } else {
      products.set(hit.id, { productId: hit.id, barcode: code, name: hit.name, quantity: entry.quantity, lines: entry.lines.length, hit });
    }
  }

  const matched: MatchedProduct[] = [];
  const skipped: SkippedProduct[] = [];
  for (const { hit, ...product } of products.values()) {
    if (hit.kind === 'service') skipped.push({ ...product, reason: 'errors:terminals.notStocked' });
    else if (opts.scope && (hit.category_id === null || !opts.scope.has(hit.category_id))) {
      skipped.push({ ...product, reason: 'errors:terminals.outOfScope' });
    } else matched.push(product);
  }
  return { matched, skipped, unknown };
}
