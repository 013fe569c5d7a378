import { describe, expect, it } from 'vitest';
import { renderReceipt, type PrinterConfig } from '../../hardware/printer/index';
import { barcodeModules } from '../../hardware/printer/render';
import { EscPosBuilder } from '../../hardware/printer/escpos';
import { codePageNumbers } from '../../hardware/printer/codepages';
import { decodeEscPos, printedLines, readPrinted } from '../helpers/escpos-decoder';

// The barcode block of price labels: what goes on the wire decodes back to the same symbology and data,
// with settings that fit the paper.

function config(paperMm: 58 | 80): PrinterConfig {
  return { transport: { kind: 'tcp', host: '127.0.0.1', port: 9100 }, paperMm, rk1048: false, codePageNumbers: {}, drawer: { pin: 0, t1: 25, t2: 250 } };
}

describe('barcode block', () => {
  it('prints an EAN-13 with its digits below, and reads back', async () => {
    const bytes = await renderReceipt({ blocks: [{ kind: 'barcode', symbology: 'ean13', data: '4860123450018' }] }, config(58));
    const events = decodeEscPos(bytes);
    expect(events.filter((e) => e.type === 'unknown')).toEqual([]);
    expect(events).toContainEqual({ type: 'barcode', symbology: 'ean13', data: '4860123450018' });
    expect(events).toContainEqual({ type: 'barcodeSetting', fn: 'hri', value: 2 });
    expect(events).toContainEqual({ type: 'barcodeSetting', fn: 'height', value: 80 });
    // 113 modules × 3 dots = 339 ≤ 384 dots of 58 mm paper
    expect(events).toContainEqual({ type: 'barcodeSetting', fn: 'width', value: 3 });
    expect(printedLines(readPrinted(bytes))).toEqual(['[barcode ean13 4860123450018]']);
  });

  it('prints CODE128 in code set B, a literal { escaped, and narrows the bars to fit the paper', async () => {
    const data = 'LOT-{42}-ab';
    const bytes = await renderReceipt({ blocks: [{ kind: 'barcode', symbology: 'code128', data, height: 60 }] }, config(58));
    const raw = Array.from(bytes);
    // GS k 73 n "{B" …
    const at = raw.findIndex((b, i) => b === 0x1d && raw[i + 1] === 0x6b);
    expect(raw[at + 2]).toBe(73);
    expect(String.fromCharCode(...raw.slice(at + 4, at + 4 + (raw[at + 3] ?? 0)))).toBe('{BLOT-{{42}-ab');
    const events = decodeEscPos(bytes);
    expect(events).toContainEqual({ type: 'barcode', symbology: 'code128', data });
    expect(events).toContainEqual({ type: 'barcodeSetting', fn: 'height', value: 60 });
    const width = events.find((e) => e.type === 'barcodeSetting' && e.fn === 'width');
    expect(width && width.type === 'barcodeSetting' && width.value * barcodeModules('code128', data)).toBeLessThanOrEqual(384);
  });

  it('a code too long for the paper prints as text instead of bars that would be cut off', async () => {
    const data = 'X'.repeat(60);
    expect(barcodeModules('code128', data)).toBeGreaterThan(576);
    const items = readPrinted(await renderReceipt({ blocks: [{ kind: 'barcode', symbology: 'code128', data }] }, config(80)));
    expect(printedLines(items)).toEqual([data]);
  });

  it('refuses data the symbology cannot carry', () => {
    const b = new EscPosBuilder({ pages: ['pc437'], numbers: codePageNumbers({}) });
    expect(() => b.barcode('ean13', '123')).toThrow(RangeError);
    expect(() => b.barcode('code128', 'Роза')).toThrow(RangeError);
    expect(() => b.barcode('code128', '')).toThrow(RangeError);
  });
});
