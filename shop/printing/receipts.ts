import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { ReceiptBlock, ReceiptDoc } from '../../hardware/printer/types';
import type { ShiftReportData } from '../shifts/report';
import { receiptMoney } from './money';
import { printerView, type PrinterRow } from './printers';
import { languageSamples, receiptStrings, type ReceiptT } from './strings';

/**
 * What goes on paper, as blocks of already-translated text: the driver decides per line whether it is
 * text in a code page or a raster image. Everything is in the SHOP's language and currency, and read
 * from the stored documents only, so a reprint next month reads exactly as the original did.
 */

interface ShopRow {
  id: string;
  name: string;
  currency: string;
  language: string;
  address: string | null;
  phone: string | null;
  tax_id: string | null;
  receipt_footer: string | null;
}

interface SaleRow {
  id: string;
  shop_id: string;
  kind: 'sale' | 'return';
  number: number;
  original_sale_id: string | null;
  at: string;
  cashier_id: string;
  client_id: string | null;
  currency: string;
  subtotal: number;
  discount_total: number;
  rounding: number;
  total: number;
  client_discount_bp: number;
  sale_discount: string | null;
}

interface LineRow {
  name: string;
  quantity: number;
  unit_price: number;
  discount: number;
  /** the freshness markdown within discount, and its rule's percent */
  markdown: number;
  markdown_bp: number | null;
  total: number;
}

interface PaymentRow {
  method: 'cash' | 'card';
  amount: number;
  tendered: number | null;
  change: number;
  reference: string | null;
}

export class DocumentMissingError extends Error {
  constructor(what: string) {
    super(`${what} to print no longer exists`);
    this.name = 'DocumentMissingError';
  }
}

function shopOf(db: Database, shopId: string): ShopRow {
  const shop = statement(db, 'SELECT * FROM shops WHERE id = ?').get(shopId) as ShopRow | undefined;
  if (!shop) throw new DocumentMissingError('shop');
  return shop;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The PC's local date and time: the shop and its printer are in the same room. */
export function receiptDateTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Basis points as a percentage without trailing zeros: 1000 → "10 %", 1250 → "12.5 %". */
export function percent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''} %`;
}

function shopHeader(shop: ShopRow, t: ReceiptT): ReceiptBlock[] {
  const blocks: ReceiptBlock[] = [{ kind: 'text', text: shop.name, align: 'center', bold: true, size: 'large' }];
  if (shop.address) blocks.push({ kind: 'text', text: shop.address, align: 'center' });
  if (shop.phone) blocks.push({ kind: 'text', text: `${t('phone')} ${shop.phone}`, align: 'center' });
  if (shop.tax_id) blocks.push({ kind: 'text', text: `${t('taxId')} ${shop.tax_id}`, align: 'center' });
  return blocks;
}

function ending(): ReceiptBlock[] {
  return [{ kind: 'feed', lines: 3 }, { kind: 'cut' }];
}

/**
 * A sale's or a return's receipt; `copy` marks a reprint (and never opens the drawer again).
 * `openDrawer: false` leaves the pulse out (a receipt printed long after its sale: see worker.ts).
 */
export function saleReceipt(db: Database, saleId: string, opts: { copy?: boolean; openDrawer?: boolean } = {}): ReceiptDoc {
  const sale = statement(db, 'SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined;
  if (!sale) throw new DocumentMissingError('sale');
  const shop = shopOf(db, sale.shop_id);
  const t = receiptStrings(shop.language);
  const money = (minor: number) => receiptMoney(minor, sale.currency);
  const lines = statement(db, 'SELECT name, quantity, unit_price, discount, markdown, markdown_bp, total FROM sale_lines WHERE sale_id = ? ORDER BY line_no').all(
    saleId,
  ) as LineRow[];
  const payments = statement(
    db,
    'SELECT method, amount, tendered, change, reference FROM sale_payments WHERE sale_id = ? ORDER BY rowid',
  ).all(saleId) as PaymentRow[];
  const cashier = statement(db, 'SELECT name FROM users WHERE id = ?').pluck().get(sale.cashier_id) as string | undefined;
  const client = sale.client_id
    ? (statement(db, 'SELECT name, phone FROM clients WHERE id = ?').get(sale.client_id) as { name: string; phone: string | null } | undefined)
    : undefined;
  const isReturn = sale.kind === 'return';

  const blocks: ReceiptBlock[] = [];
  // The drawer first: it opens while the paper is still printing, so change can be counted at once.
  if (!opts.copy && opts.openDrawer !== false && payments.some((p) => p.method === 'cash')) blocks.push({ kind: 'drawer' });
  if (opts.copy) blocks.push({ kind: 'text', text: t('copy'), align: 'center', bold: true, size: 'large' });
  blocks.push(...shopHeader(shop, t), { kind: 'rule' });
  blocks.push({ kind: 'text', text: t(isReturn ? 'return' : 'sale', { number: sale.number }), align: 'center', bold: true });
  if (isReturn && sale.original_sale_id) {
    const original = statement(db, 'SELECT number FROM sales WHERE id = ?').pluck().get(sale.original_sale_id) as number | undefined;
    if (original !== undefined) blocks.push({ kind: 'text', text: t('returnOf', { number: original }), align: 'center' });
  }
  blocks.push({ kind: 'columns', left: t('date'), right: receiptDateTime(sale.at) });
  if (cashier) blocks.push({ kind: 'columns', left: t('cashier'), right: cashier });
  if (client) blocks.push({ kind: 'columns', left: t('client'), right: client.phone ? `${client.name} ${client.phone}` : client.name });
  blocks.push({ kind: 'rule' });

  let gross = 0;
  let discounts = 0;
  for (const line of lines) {
    const lineGross = line.unit_price * line.quantity;
    gross += lineGross;
    discounts += line.discount;
    blocks.push({ kind: 'text', text: line.name });
    blocks.push({ kind: 'columns', left: `  ${t('quantityPrice', { quantity: line.quantity, price: money(line.unit_price) })}`, right: money(lineGross) });
    // The freshness markdown on its own line ("Markdown -20 %"), the rest of the discount below it.
    if (line.markdown > 0) {
      const left = line.markdown_bp === null ? t('markdownPlain') : t('markdown', { value: percent(line.markdown_bp) });
      blocks.push({ kind: 'columns', left: `  ${left}`, right: money(-line.markdown) });
    }
    const otherDiscount = line.discount - line.markdown;
    if (otherDiscount > 0) blocks.push({ kind: 'columns', left: `  ${t('discount')}`, right: money(-otherDiscount) });
  }
  blocks.push({ kind: 'rule' });

  if (discounts > 0) {
    blocks.push({ kind: 'columns', left: t('subtotal'), right: money(gross) });
    blocks.push({ kind: 'columns', left: t('discounts'), right: money(-discounts) });
    const saleDiscount = parseSaleDiscount(sale.sale_discount);
    if (saleDiscount) {
      const value = saleDiscount.kind === 'percent' ? percent(saleDiscount.value) : money(saleDiscount.value);
      blocks.push({ kind: 'text', text: t('saleDiscount', { value }) });
    }
    if (sale.client_discount_bp > 0) blocks.push({ kind: 'text', text: t('clientDiscount', { value: percent(sale.client_discount_bp) }) });
  }
  if (sale.rounding !== 0) blocks.push({ kind: 'columns', left: t('rounding'), right: money(sale.rounding) });
  blocks.push({ kind: 'columns', left: t(isReturn ? 'refundTotal' : 'total'), right: money(sale.total), bold: true });
  blocks.push({ kind: 'rule' });

  for (const p of payments) {
    blocks.push({ kind: 'columns', left: t(p.method), right: money(p.amount) });
    if (p.method === 'cash' && p.tendered !== null && !isReturn) {
      blocks.push({ kind: 'columns', left: `  ${t('tendered')}`, right: money(p.tendered) });
      blocks.push({ kind: 'columns', left: `  ${t('change')}`, right: money(p.change) });
    }
    if (p.method === 'card' && p.reference) blocks.push({ kind: 'columns', left: `  ${t('reference')}`, right: p.reference });
  }
  blocks.push({ kind: 'rule' });
  const footer = shop.receipt_footer?.trim() || t('footer');
  for (const text of footer.split(/\r?\n/)) if (text.trim()) blocks.push({ kind: 'text', text, align: 'center' });
  // The QR finds the sale for a return; a return's own receipt has nothing further to scan for.
  if (!isReturn) blocks.push({ kind: 'qr', data: `posy:sale:${sale.id}` });
  if (opts.copy) blocks.push({ kind: 'text', text: t('copy'), align: 'center', bold: true });
  blocks.push(...ending());
  return { blocks };
}

function parseSaleDiscount(json: string | null): { kind: 'percent' | 'amount'; value: number } | null {
  if (!json) return null;
  try {
    const d = JSON.parse(json) as { kind?: string; value?: number };
    if ((d.kind === 'percent' || d.kind === 'amount') && typeof d.value === 'number') return { kind: d.kind, value: d.value };
  } catch {
    // printed without the note rather than not at all
  }
  return null;
}

/** A stored X or Z report, as it was computed (the figures are never recomputed for a reprint). */
export function reportReceipt(db: Database, reportId: string, opts: { copy?: boolean } = {}): ReceiptDoc {
  const row = statement(db, 'SELECT shop_id, kind, at, data FROM shift_reports WHERE id = ?').get(reportId) as
    | { shop_id: string; kind: 'x' | 'z'; at: string; data: string }
    | undefined;
  if (!row) throw new DocumentMissingError('report');
  const shop = shopOf(db, row.shop_id);
  const t = receiptStrings(shop.language);
  const data = JSON.parse(row.data) as Partial<ShiftReportData>;
  const currency = data.currency ?? shop.currency;
  const money = (minor: number | null | undefined) => receiptMoney(minor ?? 0, currency);
  const col = (left: string, right: string, bold = false): ReceiptBlock => ({ kind: 'columns', left, right, ...(bold ? { bold } : {}) });

  const blocks: ReceiptBlock[] = [];
  if (opts.copy) blocks.push({ kind: 'text', text: t('copy'), align: 'center', bold: true, size: 'large' });
  blocks.push(...shopHeader(shop, t), { kind: 'rule' });
  blocks.push({ kind: 'text', text: t(row.kind === 'z' ? 'zReport' : 'xReport'), align: 'center', bold: true, size: 'large' });
  if (data.shiftNumber !== undefined) blocks.push({ kind: 'text', text: t('shift', { number: data.shiftNumber }), align: 'center', bold: true });
  if (data.openedAt) blocks.push(col(receiptDateTime(data.openedAt), data.openedBy ?? ''));
  if (data.closedAt) blocks.push(col(receiptDateTime(data.closedAt), data.closedBy ?? ''));
  blocks.push(col(t('printedAt'), receiptDateTime(row.at)), { kind: 'rule' });

  blocks.push(col(t('salesCount'), String(data.salesCount ?? 0)));
  blocks.push(col(t('grossSales'), money(data.grossSales)));
  blocks.push(col(t('discounts'), money(-(data.discounts ?? 0))));
  if (data.rounding) blocks.push(col(t('rounding'), money(data.rounding)));
  blocks.push(col(t('total'), money(data.netSales), true));
  blocks.push(col(t('returnsCount'), String(data.returnsCount ?? 0)));
  blocks.push(col(t('returnsTotal'), money(data.returnsTotal)));
  blocks.push({ kind: 'rule' });
  if (data.byMethod) {
    blocks.push({ kind: 'text', text: t('salesByMethod'), bold: true });
    blocks.push(col(`  ${t('cash')}`, money(data.byMethod.cash.sales)), col(`  ${t('card')}`, money(data.byMethod.card.sales)));
    blocks.push({ kind: 'text', text: t('refundsByMethod'), bold: true });
    blocks.push(col(`  ${t('cash')}`, money(data.byMethod.cash.refunds)), col(`  ${t('card')}`, money(data.byMethod.card.refunds)));
    blocks.push({ kind: 'rule' });
  }
  blocks.push(col(t('openingFloat'), money(data.openingFloat)));
  blocks.push(col(t('cashIn'), money(data.cashIn)));
  blocks.push(col(t('cashOut'), money(data.cashOut)));
  blocks.push(col(t('expectedCash'), money(data.expectedCash), true));
  if (data.counted && data.countedCash !== null && data.countedCash !== undefined) {
    blocks.push({ kind: 'rule' }, { kind: 'text', text: t('counted'), bold: true });
    for (const c of data.counted) if (c.count > 0) blocks.push(col(`  ${receiptMoney(c.denomination, currency)} × ${c.count}`, money(c.amount)));
    blocks.push(col(t('countedCash'), money(data.countedCash), true));
    blocks.push(col(t('variance'), money(data.variance), true));
  }
  // Cost of goods stays off the paper: the report is printed at the counter, where customers and staff stand.
  blocks.push(...ending());
  return { blocks };
}

/** The test page: the printer's own settings, and a line in every language to check its code pages. */
export function testPage(db: Database, printer: PrinterRow): ReceiptDoc {
  const shop = shopOf(db, printer.shop_id);
  const t = receiptStrings(shop.language);
  const view = printerView(printer);
  const numbers = Object.entries(view.codePageNumbers)
    .map(([page, n]) => `${page.toUpperCase()}=${n}`)
    .join(' ');
  const blocks: ReceiptBlock[] = [
    ...shopHeader(shop, t),
    { kind: 'rule' },
    { kind: 'text', text: t('testPage'), align: 'center', bold: true, size: 'large' },
    { kind: 'columns', left: t('printer'), right: view.name },
    { kind: 'columns', left: t('address'), right: view.baud ? `${view.address} ${view.baud}` : view.address },
    { kind: 'text', text: t('paper', { mm: view.paperMm }) },
    { kind: 'text', text: t('rk1048', { value: t(view.rk1048 ? 'yes' : 'no') }) },
    { kind: 'text', text: t('codePages', { value: numbers || 'Epson' }) },
    { kind: 'text', text: t('drawerPin', { pin: view.drawer.pin === 1 ? 5 : 2 }) /* ESC p 0/1 = connector pin 2/5 */ },
    { kind: 'columns', left: t('date'), right: receiptDateTime(new Date().toISOString()) },
    { kind: 'rule' },
    { kind: 'text', text: t('languages'), bold: true },
  ];
  for (const s of languageSamples()) blocks.push({ kind: 'text', text: s.name, bold: true }, { kind: 'text', text: s.sample });
  blocks.push({ kind: 'rule' }, { kind: 'columns', left: t('total'), right: receiptMoney(123456, shop.currency), bold: true });
  blocks.push({ kind: 'qr', data: `posy:test:${printer.id}` }, ...ending());
  return { blocks };
}

/** Opening the drawer without a sale: the pulse alone, no paper. */
export function drawerOnly(): ReceiptDoc {
  return { blocks: [{ kind: 'drawer' }] };
}
