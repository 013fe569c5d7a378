import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { readerLanguage } from '../catalog/products';
import { consumeFifo, receiveLot, returnToLot } from '../stock/ledger';
import { liveLines, planSurplus, totalsOf, type VarianceTotals } from './lines';
import { readCount, type CountRow } from './scope';

export interface PostInput {
  countId: string;
  /**
   * Products in scope that hold stock but were never counted: a florist who counts the roses and
   * skips a bucket by mistake must not write them off unnoticed. The post is refused naming them
   * unless the poster confirms they are really gone (counted as 0).
   */
  uncountedAsZero?: boolean | undefined;
  requestId?: string | undefined;
}

export interface PostResult extends VarianceTotals {
  countId: string;
  number: number;
}

/** How many names a refusal lists before "and N more". */
const NAMED_IN_REFUSAL = 5;

function totalsOfPosted(ctx: CallContext, count: CountRow): PostResult {
  const rows = statement(ctx.db, 'SELECT product_id, expected, counted, value FROM count_lines WHERE count_id = ?').all(count.id) as {
    product_id: string;
    expected: number;
    counted: number;
    value: number;
  }[];
  const uncounted = statement(
    ctx.db,
    `SELECT count(*) FROM count_lines cl WHERE cl.count_id = ?
        AND NOT EXISTS (SELECT 1 FROM count_entries e WHERE e.count_id = cl.count_id AND e.product_id = cl.product_id)`,
  )
    .pluck()
    .get(count.id) as number;
  const totals = totalsOf(
    rows.map((r) => ({
      productId: r.product_id,
      name: '',
      barcode: null,
      unit: '',
      counted: r.counted,
      entries: 1,
      expected: r.expected,
      difference: r.counted - r.expected,
      value: r.value,
    })),
  );
  return { countId: count.id, number: count.number, ...totals, uncounted };
}

/**
 * Books a count's variance: every difference becomes adjustment movements on the lots, the lines
 * are frozen with their value, and the count is closed — all in the dispatcher's one transaction.
 * Each counted product is compared with the ledger as it stood at its last entry (liveLines), and
 * the difference is booked on the stock as it stands at this moment.
 */
export function postCount(ctx: CallContext, input: PostInput): PostResult {
  if (input.requestId !== undefined) {
    const done = statement(ctx.db, 'SELECT * FROM counts WHERE shop_id = ? AND request_id = ?').get(ctx.shopId, input.requestId) as
      | CountRow
      | undefined;
    if (done) return totalsOfPosted(ctx, done);
  }
  const count = readCount(ctx, input.countId);
  if (count.status === 'posted') throw new AppError('conflict', 'errors:counts.alreadyPosted', { field: 'countId', params: { number: count.number } });
  if (count.status === 'cancelled') throw new AppError('conflict', 'errors:counts.cancelled', { field: 'countId', params: { number: count.number } });

  const hasEntries = statement(ctx.db, 'SELECT 1 FROM count_entries WHERE count_id = ? LIMIT 1').pluck().get(count.id) !== undefined;
  // Posting a count nobody counted would book every stem in scope as lost.
  if (!hasEntries) throw new AppError('conflict', 'errors:counts.nothingCounted', { field: 'countId', params: { number: count.number } });

  const lines = liveLines(ctx.db, count, readerLanguage(ctx));
  const uncounted = lines.filter((l) => l.counted === null);
  if (uncounted.length > 0 && input.uncountedAsZero !== true) {
    const named = uncounted.slice(0, NAMED_IN_REFUSAL).map((l) => l.name);
    if (uncounted.length > NAMED_IN_REFUSAL) named.push('…');
    // `total`, not `count`: i18next would take `count` for a plural form
    throw new AppError('conflict', 'errors:counts.uncounted', {
      field: 'uncountedAsZero',
      params: { total: uncounted.length, products: named.join(', ') },
    });
  }

  const doc = { documentType: 'adjustment' as const, documentId: count.id };
  const insertLine = statement(ctx.db, 'INSERT INTO count_lines (count_id, product_id, expected, counted, value) VALUES (?, ?, ?, ?, ?)');
  for (const line of lines) {
    const counted = line.counted ?? 0;
    const difference = counted - line.expected;
    let value = 0;
    if (difference < 0) {
      // Missing stems are taken oldest first, as a sale would take them: what went unrecorded (sold
      // without a scan, thrown away wilted) most likely left from the oldest buckets, and the stems
      // still on the shelf keep their newer arrival dates, so ages and markdowns stay true.
      value = -consumeFifo(ctx, { productId: line.productId, quantity: -difference, ...doc }).costOfGoods;
    } else if (difference > 0) {
      for (const part of planSurplus(ctx.db, line.productId, difference)) {
        if (part.lotId !== null) {
          returnToLot(ctx, { lotId: part.lotId, quantity: part.quantity, ...doc });
        } else {
          // Found stems get the newest lot's arrival date, not today's: they came with some delivery,
          // and dating them today would make old stems look fresh (and escape markdowns).
          receiveLot(ctx, {
            productId: line.productId,
            quantity: part.quantity,
            unitCost: part.unitCost,
            arrivedAt: part.arrivedAt ?? ctx.now().toISOString(),
            ...doc,
          });
        }
        value += part.quantity * part.unitCost;
      }
    }
    insertLine.run(count.id, line.productId, line.expected, counted, value);
    line.value = value;
  }

  statement(ctx.db, `UPDATE counts SET status = 'posted', closed_at = ?, closed_by = ?, request_id = ? WHERE id = ?`).run(
    ctx.now().toISOString(),
    ctx.session?.userId ?? null,
    input.requestId ?? null,
    count.id,
  );
  const totals = totalsOf(lines);
  ctx.audit({
    action: 'counts.posted',
    entity: 'count',
    entityId: count.id,
    details: {
      number: count.number,
      products: totals.products,
      uncountedAsZero: totals.uncounted,
      shortageQuantity: totals.shortageQuantity,
      shortageValue: totals.shortageValue,
      surplusQuantity: totals.surplusQuantity,
      surplusValue: totals.surplusValue,
      value: totals.value,
    },
  });
  ctx.emit({ type: 'stock.changed' });
  ctx.emit({ type: 'counts.changed', countId: count.id });
  return { countId: count.id, number: count.number, ...totals };
}
