import en from '../../locales/en/restock.json' with { type: 'json' };
import ru from '../../locales/ru/restock.json' with { type: 'json' };
import ka from '../../locales/ka/restock.json' with { type: 'json' };
import kk from '../../locales/kk/restock.json' with { type: 'json' };
import uz from '../../locales/uz/restock.json' with { type: 'json' };
import type { Language } from '../api/schemas';
import type { Suggestion } from './suggest';

/**
 * The suggested order as an XLSX file the owner mails or phones through to the suppliers: one
 * sheet, a header with the shop and the date, one row per product to order with its supplier.
 * Quantities are numbers, money is a number in major units with the currency's format, so the
 * supplier's spreadsheet can sum it. Wording comes from the same locale file as the screen
 * (locales/<lang>/restock.json, section "export"), in the reader's language.
 */

type ExportKey = keyof typeof en.export;
const TABLES: Record<Language, { export: Record<ExportKey, string>; packKind: Record<string, string>; units: Record<string, string> }> = {
  en,
  ru,
  ka,
  kk,
  uz,
};

/** Every currency the shop may keep has two decimals (shop/printing/money.ts says the same for receipts). */
const MINOR_PER_MAJOR = 100;

/** A packs figure the person changed on screen before exporting: the line's order becomes packs × pack size. */
export interface PackOverride {
  productId: string;
  supplierId: string | null;
  packs: number;
}

export function applyOverrides(suggestion: Suggestion, overrides: readonly PackOverride[]): Suggestion {
  if (overrides.length === 0) return suggestion;
  const byKey = new Map(overrides.map((o) => [`${o.supplierId ?? ''}:${o.productId}`, o.packs]));
  return {
    ...suggestion,
    suppliers: suggestion.suppliers.map((s) => {
      const lines = s.lines.map((l) => {
        const packs = byKey.get(`${s.supplierId ?? ''}:${l.productId}`);
        if (packs === undefined) return l;
        const orderQuantity = packs * l.packSize;
        return { ...l, packs, orderQuantity, estCost: orderQuantity * (l.unitCost ?? 0) };
      });
      const totals = lines.reduce(
        (t, l) => ({ packs: t.packs + l.packs, orderQuantity: t.orderQuantity + l.orderQuantity, estCost: t.estCost + l.estCost }),
        { packs: 0, orderQuantity: 0, estCost: 0 },
      );
      return { ...s, lines, totals };
    }),
  };
}

export async function restockWorkbook(suggestion: Suggestion, language: Language): Promise<{ fileName: string; contentBase64: string }> {
  const table = TABLES[language];
  const t = (key: ExportKey) => table.export[key] ?? en.export[key];
  const money = `#,##0.00 "${suggestion.currency}"`;

  // Loaded on first export: exceljs takes over a second to load, which every start of the app would pay.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Posy';
  const sheet = book.addWorksheet(t('sheet'));
  sheet.columns = [{ width: 26 }, { width: 36 }, { width: 12 }, { width: 10 }, { width: 12 }, { width: 10 }, { width: 14 }, { width: 16 }];

  const title = sheet.addRow([suggestion.shopName]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([t('title'), suggestion.today]);
  sheet.addRow([]);
  const header = sheet.addRow([t('supplier'), t('product'), t('pack'), t('packs'), t('quantity'), t('unit'), t('unitCost'), t('estCost')]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  let total = 0;
  for (const s of suggestion.suppliers) {
    for (const l of s.lines) {
      if (l.packs <= 0) continue;
      const packLabel = l.packKind ? `${table.packKind[l.packKind] ?? l.packKind} × ${l.packSize}` : '';
      const row = sheet.addRow([
        s.name ?? t('noSupplier'),
        l.name,
        packLabel,
        l.packs,
        l.orderQuantity,
        table.units[l.unit] ?? l.unit,
        l.unitCost === null ? null : l.unitCost / MINOR_PER_MAJOR,
        l.estCost / MINOR_PER_MAJOR,
      ]);
      row.getCell(7).numFmt = money;
      row.getCell(8).numFmt = money;
      total += l.estCost;
    }
  }
  const sum = sheet.addRow([t('total'), null, null, null, null, null, null, total / MINOR_PER_MAJOR]);
  sum.font = { bold: true };
  sum.getCell(8).numFmt = money;

  const buffer = await book.xlsx.writeBuffer();
  return {
    fileName: `${t('fileName')}-${suggestion.today}.xlsx`,
    contentBase64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
  };
}
