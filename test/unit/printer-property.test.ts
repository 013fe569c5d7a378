import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderReceipt, type PrinterConfig } from '../../hardware/printer/index';
import { codePageNumbers, withSignStandIns } from '../../hardware/printer/codepages';
import { readPrinted } from '../helpers/escpos-decoder';

// Words a florist's receipt is made of, in every script the shops use (and the signs that need stand-ins).
const words = [
  'Розы', 'красные', 'Итого', 'Сдача', 'жёлтые', 'Қызыл', 'раушан', 'Барлығы', 'гүлдер', 'ვარდი', 'წითელი', 'სულ',
  'გადახდა', 'Atirgul', 'oʻn', 'qizil', 'Roses', 'Total', '12.50', '750.00', '₾', '₸', '—', '«Весна»', 'x', '3', 'шт',
];

const line = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 9 }).map((w) => w.join(' '));

const config = fc.record({
  paperMm: fc.constantFrom(58 as const, 80 as const),
  rk1048: fc.boolean(),
  withNumber: fc.boolean(),
});

describe('any receipt line', () => {
  it('prints as the same words in text, or as raster, never with ? and never as unknown bytes', async () => {
    await fc.assert(
      fc.asyncProperty(line, line, config, async (text, amount, c) => {
        const cfg: PrinterConfig = {
          transport: { kind: 'tcp', host: '127.0.0.1', port: 9100 },
          paperMm: c.paperMm,
          rk1048: c.rk1048,
          codePageNumbers: c.withNumber ? { rk1048: 59 } : {},
          drawer: { pin: 0, t1: 25, t2: 250 },
        };
        const numbers = codePageNumbers(cfg.codePageNumbers);
        const widthChars = c.paperMm === 58 ? 32 : 48;
        const widthDots = c.paperMm === 58 ? 384 : 576;
        const textItems = readPrinted(await renderReceipt({ blocks: [{ kind: 'text', text }] }, cfg), numbers);
        const colItems = readPrinted(await renderReceipt({ blocks: [{ kind: 'columns', left: text, right: amount }] }, cfg), numbers);
        for (const items of [textItems, colItems]) {
          expect(items.filter((p) => p.kind === 'unknown')).toEqual([]);
          for (const p of items) {
            if (p.kind === 'text') {
              expect(p.text).not.toContain('?');
              expect(Array.from(p.text).length).toBeLessThanOrEqual(widthChars);
            } else if (p.kind === 'image') expect(p.width).toBeLessThanOrEqual(widthDots);
          }
        }
        // the text block is all text or all images; as text it reads back as the words (signs spelled out)
        const kinds = new Set(textItems.map((p) => p.kind));
        expect(kinds.size).toBe(1);
        if (kinds.has('text')) {
          const read = textItems.map((p) => (p.kind === 'text' ? p.text : '')).join(' ');
          expect([text, withSignStandIns(text)]).toContain(read);
        }
        if (/[\u10A0-\u10FF]/.test(text)) expect([...kinds]).toEqual(['image']);
        if (/[ҚқҒғҢңӘәӨөҰұҮүҺһІі]/.test(text) && !(c.rk1048 && c.withNumber)) expect([...kinds]).toEqual(['image']);
        // columns: an amount that fits the paper is whole on the last line, flush right
        const last = colItems.at(-1);
        const fits = Array.from(withSignStandIns(amount)).length <= widthChars;
        if (last?.kind === 'text' && fits) expect([amount, withSignStandIns(amount)].some((a) => last.text.endsWith(a))).toBe(true);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
