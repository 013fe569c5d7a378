import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { BarcodeSymbology, ReceiptBlock, ReceiptDoc } from '../../hardware/printer/types';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { hasValidCheckDigit } from '../catalog/barcode';
import type { Language } from '../api/schemas';
import { isLanguage } from '../catalog/names';
import { receiptMoney } from './money';
import { DocumentMissingError } from './receipts';

/**
 * Price labels: a product's name, shelf price and barcode, in the SHOP's language (the customer reads
 * them). The same items feed the receipt printer's label strip (a 'labels' print job) and the A4 sheet
 * the screen prints. The price is the product's price when the labels are composed: a label reprinted
 * after a price change shows the new price, which is what the shelf needs.
 */

/** One print request may not run away into a roll of paper (200 lines × 25 stems each). */
export const MAX_LABELS = 1000;

export interface LabelLine {
  productId: string;
  copies: number;
}

export interface LabelItem {
  productId: string;
  name: string;
  /** minor units in `currency` */
  price: number;
  /** the product's first barcode, or null when it has none (the label then shows name and price only) */
  barcode: string | null;
  /** how the bars are drawn: EAN-13 when the code is a valid EAN-13, else CODE128 (printable ASCII); null: no bars */
  symbology: BarcodeSymbology | null;
  copies: number;
}

export interface LabelSet {
  shopName: string;
  currency: string;
  language: Language;
  labels: LabelItem[];
  /** Σ copies */
  total: number;
}

/** EAN-13 only when it is one (13 digits, right check digit); CODE128 for any other printable code. */
export function labelSymbology(code: string): BarcodeSymbology | null {
  if (/^\d{13}$/.test(code) && hasValidCheckDigit(code)) return 'ean13';
  if (/^[\x20-\x7e]{1,80}$/.test(code)) return 'code128';
  return null;
}

function shopOf(db: Database, shopId: string): { name: string; currency: string; language: Language } {
  const shop = statement(db, 'SELECT name, currency, language FROM shops WHERE id = ?').get(shopId) as
    | { name: string; currency: string; language: string }
    | undefined;
  if (!shop) throw new DocumentMissingError('shop');
  return { name: shop.name, currency: shop.currency, language: isLanguage(shop.language) ? shop.language : 'en' };
}

/** The labels of these lines, in the shop's language; lines with no copies or of unknown products are left out. */
export function labelSet(db: Database, shopId: string, lines: readonly LabelLine[]): LabelSet {
  const shop = shopOf(db, shopId);
  const product = statement(
    db,
    `SELECT p.price, pn.name,
            (SELECT code FROM barcodes b WHERE b.product_id = p.id ORDER BY b.created_at, b.code LIMIT 1) AS barcode
       FROM products p JOIN product_names pn ON pn.product_seq = p.seq AND pn.lang = ?
      WHERE p.id = ?`,
  );
  const labels: LabelItem[] = [];
  for (const line of lines) {
    if (line.copies <= 0) continue;
    const row = product.get(shop.language, line.productId) as { price: number; name: string; barcode: string | null } | undefined;
    if (!row) continue;
    const symbology = row.barcode === null ? null : labelSymbology(row.barcode);
    labels.push({ productId: line.productId, name: row.name, price: row.price, barcode: row.barcode, symbology, copies: line.copies });
  }
  return { shopName: shop.name, currency: shop.currency, language: shop.language, labels, total: labels.reduce((n, l) => n + l.copies, 0) };
}

export function checkLabelCount(total: number): void {
  if (total === 0) throw new AppError('invalid_input', 'errors:arrivals.noLabels');
  if (total > MAX_LABELS) throw new AppError('invalid_input', 'errors:arrivals.tooManyLabels', { field: 'copies', params: { count: total, max: MAX_LABELS } });
}

/**
 * Freezes what a 'labels' print job prints (the job's document_id names the batch), so a retried or
 * re-queued job prints the same labels. Refuses an empty or oversized batch before writing.
 */
export function createLabelBatch(ctx: CallContext, shopId: string, lines: readonly LabelLine[], arrivalId: string | null): { batchId: string; total: number } {
  const wanted = lines.filter((l) => l.copies > 0);
  const total = wanted.reduce((n, l) => n + l.copies, 0);
  checkLabelCount(total);
  const batchId = ctx.newId();
  statement(
    ctx.db,
    'INSERT INTO label_batches (id, shop_id, arrival_id, lines, labels, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(batchId, shopId, arrivalId, JSON.stringify(wanted), total, ctx.session?.userId ?? null, ctx.now().toISOString());
  return { batchId, total };
}

/** One label: name, price large, the bars; a partial cut after each, so they tear off one by one. */
function labelBlocks(label: LabelItem, currency: string): ReceiptBlock[] {
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: label.name, align: 'center', bold: true },
    { kind: 'text', text: receiptMoney(label.price, currency), align: 'center', bold: true, size: 'large' },
  ];
  if (label.barcode !== null && label.symbology !== null) blocks.push({ kind: 'barcode', symbology: label.symbology, data: label.barcode, height: 60 });
  else if (label.barcode !== null) blocks.push({ kind: 'text', text: label.barcode, align: 'center' });
  blocks.push({ kind: 'cut' });
  return blocks;
}

/** The label strip of a batch for the receipt printer. */
export function labelsReceipt(db: Database, batchId: string): ReceiptDoc {
  const batch = statement(db, 'SELECT shop_id, lines FROM label_batches WHERE id = ?').get(batchId) as { shop_id: string; lines: string } | undefined;
  if (!batch) throw new DocumentMissingError('labels');
  const set = labelSet(db, batch.shop_id, JSON.parse(batch.lines) as LabelLine[]);
  const blocks: ReceiptBlock[] = [];
  for (const label of set.labels) for (let i = 0; i < label.copies; i++) blocks.push(...labelBlocks(label, set.currency));
  return { blocks };
}
