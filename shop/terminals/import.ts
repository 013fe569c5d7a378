import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { readerLanguage } from '../catalog/products';
import { addCountEntries } from '../counts/entries';
import { categoryTree, readOpenCount, type CountRow } from '../counts/scope';
import { matchTerminalLines, type MatchResult } from './match';
import { parseTerminalFile, type BadLine, type ParseOptions, type TerminalEncoding, type TerminalSeparator } from './parse';

export interface TerminalPreview {
  encoding: TerminalEncoding;
  separator: TerminalSeparator;
  header: boolean;
  matched: MatchResult['matched'];
  skipped: MatchResult['skipped'];
  unknown: MatchResult['unknown'];
  bad: BadLine[];
  totals: {
    /** data lines read (good ones: matched, skipped and unknown) */
    lines: number;
    matchedLines: number;
    matchedQuantity: number;
    products: number;
    skippedLines: number;
    unknownLines: number;
    badLines: number;
    emptyLines: number;
  };
}

export type ImportSource = 'file' | 'serial';

export interface ImportResult {
  importId: string;
  countId: string;
  /** products added to the count */
  products: number;
  /** file lines those products came from */
  lines: number;
  quantity: number;
  skippedLines: number;
  unknownLines: number;
  badLines: number;
  /** true when this answers a repeated confirm (same requestId): nothing was added again */
  repeated: boolean;
}

function scopeOf(ctx: CallContext, count: CountRow) {
  return count.category_id === null ? null : categoryTree(ctx.db, count.category_id);
}

/** Reads and matches a file against an open count: what an import would add. Writes nothing. */
export function previewTerminalFile(ctx: CallContext, countId: string, bytes: Uint8Array, options: ParseOptions): TerminalPreview {
  const count = readOpenCount(ctx, countId);
  const parsed = parseTerminalFile(bytes, options);
  const match = matchTerminalLines(ctx.db, parsed.lines, { lang: readerLanguage(ctx), scope: scopeOf(ctx, count) });
  const sumLines = (xs: { lines: number }[]) => xs.reduce((s, x) => s + x.lines, 0);
  return {
    encoding: parsed.encoding,
    separator: parsed.separator,
    header: parsed.header,
    matched: match.matched,
    skipped: match.skipped,
    unknown: match.unknown,
    bad: parsed.bad,
    totals: {
      lines: parsed.lines.length,
      matchedLines: sumLines(match.matched),
      matchedQuantity: match.matched.reduce((s, m) => s + m.quantity, 0),
      products: match.matched.length,
      skippedLines: sumLines(match.skipped),
      unknownLines: match.unknown.reduce((s, u) => s + u.lines.length, 0),
      badLines: parsed.badCount,
      emptyLines: parsed.emptyLines,
    },
  };
}

interface ImportRow {
  id: string;
  count_id: string;
  products: number;
  lines: number;
  quantity: number;
}

/** The import a request id already made, answered again instead of counting the file twice. */
export function importForRequest(ctx: CallContext, requestId: string): ImportResult | null {
  const row = statement(ctx.db, 'SELECT id, count_id, products, lines, quantity FROM count_imports WHERE shop_id = ? AND request_id = ?').get(
    ctx.shopId,
    requestId,
  ) as ImportRow | undefined;
  if (!row) return null;
  return {
    importId: row.id,
    countId: row.count_id,
    products: row.products,
    lines: row.lines,
    quantity: row.quantity,
    skippedLines: 0,
    unknownLines: 0,
    badLines: 0,
    repeated: true,
  };
}

/**
 * Adds what the file's preview matched to the count: one entry per product (its lines summed), in the
 * caller's transaction. Unknown barcodes, products outside the count and bad lines are left out, as the
 * preview said. Audited as counts.imported with the line counts.
 */
export function importTerminalFile(
  ctx: CallContext,
  input: { countId: string; bytes: Uint8Array; options: ParseOptions; source: ImportSource; requestId?: string | undefined; fileName?: string | undefined },
): ImportResult {
  if (input.requestId !== undefined) {
    const first = importForRequest(ctx, input.requestId);
    if (first) return first;
  }
  const preview = previewTerminalFile(ctx, input.countId, input.bytes, input.options);
  const count = readOpenCount(ctx, input.countId);
  if (preview.matched.length === 0) throw new AppError('invalid_input', 'errors:terminals.nothingToImport');
  addCountEntries(
    ctx,
    input.countId,
    preview.matched.map((m) => ({ productId: m.productId, quantity: m.quantity })),
    input.source,
  );
  const importId = ctx.newId();
  const { totals } = preview;
  statement(
    ctx.db,
    `INSERT INTO count_imports (id, count_id, shop_id, source, request_id, products, lines, quantity, at, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    importId,
    input.countId,
    count.shop_id,
    input.source,
    input.requestId ?? null,
    totals.products,
    totals.matchedLines,
    totals.matchedQuantity,
    ctx.now().toISOString(),
    ctx.session?.userId ?? null,
  );
  ctx.audit({
    action: 'counts.imported',
    entity: 'count',
    entityId: input.countId,
    details: {
      number: count.number,
      source: input.source,
      ...(input.fileName ? { fileName: input.fileName } : {}),
      encoding: preview.encoding,
      products: totals.products,
      lines: totals.matchedLines,
      quantity: totals.matchedQuantity,
      skippedLines: totals.skippedLines,
      unknownLines: totals.unknownLines,
      badLines: totals.badLines,
    },
  });
  ctx.emit({ type: 'counts.changed', countId: input.countId });
  return {
    importId,
    countId: input.countId,
    products: totals.products,
    lines: totals.matchedLines,
    quantity: totals.matchedQuantity,
    skippedLines: totals.skippedLines,
    unknownLines: totals.unknownLines,
    badLines: totals.badLines,
    repeated: false,
  };
}
