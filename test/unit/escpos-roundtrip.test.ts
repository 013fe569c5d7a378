import { describe, expect, it } from 'vitest';
import { codePageNumbers, type CodePage } from '../../hardware/printer/codepages';
import { EscPosBuilder, RasterUnavailableError, type Bitmap } from '../../hardware/printer/escpos';
import { bitmapRows, decodeEscPos, readReceipt } from '../helpers/escpos-decoder';

// A stand-in rasteriser until a real font rasteriser exists: one 8×2 block per line, so tests can tell
// which lines went to raster. It is not a mock of anything that runs here.
const blockRasteriser = (text: string): Bitmap => ({ widthBytes: 1, height: 2, data: Uint8Array.of(text.length & 0xff, 0xff) });

function printer(pages: CodePage[], numbers = codePageNumbers()) {
  return new EscPosBuilder({ pages, numbers, rasterizeLine: blockRasteriser });
}

describe('ESC/POS builder and decoder', () => {
  it('a Russian receipt reads back exactly, through CP866 with Epson numbers', () => {
    const lines = ['ЦВЕТОЧНАЯ ЛАВКА «Роза»', 'Розы красные  3 × 250,00', 'Итого: 750,00', 'Спасибо за покупку!'];
    const b = printer(['cp866']).init().align('center').bold(true);
    // CP866 has no « » ×: they print as plain signs, the letters exactly.
    const read = ['ЦВЕТОЧНАЯ ЛАВКА "Роза"', 'Розы красные  3 x 250,00', 'Итого: 750,00', 'Спасибо за покупку!'];
    b.line(lines[0] as string).bold(false).align('left');
    for (const l of lines.slice(1)) b.line(l);
    const bytes = b.feed(3).cut().bytes();
    const events = decodeEscPos(bytes);
    expect(events.filter((e) => e.type === 'unknown')).toEqual([]);
    expect(readReceipt(events)).toEqual(read);
    expect(events.slice(0, 4)).toEqual([
      { type: 'init' },
      { type: 'align', align: 'center' },
      { type: 'bold', on: true },
      { type: 'codePage', n: 17, page: 'cp866' },
    ]);
    expect(events.at(-2)).toEqual({ type: 'feed', lines: 3 });
    expect(events.at(-1)).toEqual({ type: 'cut', kind: 'partial' });
  });

  it('the same receipt through WPC1251, on a printer that numbers it differently', () => {
    const numbers = codePageNumbers({ wpc1251: 73 });
    const bytes = printer(['wpc1251'], numbers).init().line('Тюльпаны жёлтые — 5 шт').cut('full').bytes();
    expect(Array.from(bytes.subarray(2, 5))).toEqual([0x1b, 0x74, 73]);
    const events = decodeEscPos(bytes, numbers);
    expect(readReceipt(events)).toEqual(['Тюльпаны жёлтые — 5 шт']);
    expect(events.at(-1)).toEqual({ type: 'cut', kind: 'full' });
    // Read with the wrong numbering, the same bytes are not the customer's text: the table matters.
    expect(readReceipt(decodeEscPos(bytes))).not.toEqual(['Тюльпаны жёлтые — 5 шт']);
  });

  it('switches page per line and the decoder follows every ESC t', () => {
    const numbers = codePageNumbers({ rk1048: 59 });
    const lines = ['Total 12.50', 'Итого 750', 'Барлығы 750 KZT', 'Рақмет!', 'Thanks'];
    const b = printer(['pc437', 'cp866', 'rk1048'], numbers).init();
    for (const l of lines) b.line(l);
    const events = decodeEscPos(b.bytes(), numbers);
    expect(readReceipt(events)).toEqual(lines);
    expect(events.filter((e) => e.type === 'codePage').map((e) => e.type === 'codePage' && e.page)).toEqual([
      'pc437',
      'cp866',
      'rk1048',
      'pc437',
    ]);
  });

  it('Kazakh without RK1048 and any Georgian line go to raster, never to text with ?', () => {
    const b = printer(['pc437', 'cp866', 'wpc1251']).init();
    b.line('Итого: 750').line('Барлығы: 750').line('სულ: 12.50 ₾').line('Итого: 3 750 ₸');
    const bytes = b.bytes();
    expect(bytes.includes(0x3f)).toBe(false);
    const events = decodeEscPos(bytes);
    expect(events.filter((e) => e.type === 'unknown')).toEqual([]);
    expect(readReceipt(events)).toEqual(['Итого: 750', '[image 8x2]', '[image 8x2]', 'Итого: 3 750 KZT']);
    const images = events.filter((e) => e.type === 'image');
    expect(images.map((img) => bitmapRows(img))).toEqual([
      ['....##..', '########'], // 'Барлығы: 750'.length === 12
      ['....##..', '########'], // 'სულ: 12.50 ₾'.length === 12
    ]);
  });

  it('a line that needs raster is refused when the printer has no rasteriser', () => {
    const b = new EscPosBuilder({ pages: ['cp866'], numbers: codePageNumbers() }).init();
    expect(() => b.line('გმადლობთ')).toThrow(RasterUnavailableError);
  });

  it('the drawer pulse is the 5 standard bytes and decodes with m, t1, t2', () => {
    const bytes = printer(['pc437']).drawer().bytes();
    expect(Array.from(bytes)).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
    expect(decodeEscPos(bytes)).toEqual([{ type: 'drawer', m: 0, t1: 0x19, t2: 0xfa }]);
    const pin5 = printer(['pc437']).drawer({ pin: 1, t1: 50, t2: 200 }).bytes();
    expect(decodeEscPos(pin5)).toEqual([{ type: 'drawer', m: 1, t1: 50, t2: 200 }]);
  });

  it('the malformed 3-byte kick pair is not read as a drawer pulse', () => {
    // CD_KICK_2 then CD_KICK_5 as 3-byte commands: the first swallows the second's ESC p as t1 t2.
    const events = decodeEscPos(Uint8Array.of(0x1b, 0x70, 0x00, 0x1b, 0x70, 0x01));
    expect(events[0]).toEqual({ type: 'drawer', m: 0, t1: 0x1b, t2: 0x70 });
    expect(events[1]).toEqual({ type: 'unknown', offset: 5, bytes: [0x01] });
  });

  it('a QR code decodes back to its payload with the model 2 settings', () => {
    const saleId = '019a7c3e-5f1b-7c2d-8e4f-0123456789ab';
    const bytes = printer(['pc437']).align('center').qr(saleId, { moduleSize: 5, errorLevel: 'Q' }).bytes();
    expect(Array.from(bytes.subarray(3, 12))).toEqual([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]);
    const events = decodeEscPos(bytes);
    expect(events).toEqual([
      { type: 'align', align: 'center' },
      { type: 'qrSetting', fn: 'model', value: 2 },
      { type: 'qrSetting', fn: 'moduleSize', value: 5 },
      { type: 'qrSetting', fn: 'errorLevel', value: 50 },
      { type: 'qr', payload: saleId },
    ]);
  });

  it('a raster image keeps its size and bits', () => {
    const img: Bitmap = { widthBytes: 2, height: 3, data: Uint8Array.of(0x80, 0x01, 0xff, 0x00, 0x0f, 0xf0) };
    const events = decodeEscPos(printer(['pc437']).image(img).bytes());
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e?.type === 'image' && { w: e.width, h: e.height, rows: bitmapRows(e) }).toEqual({
      w: 16,
      h: 3,
      rows: ['#..............#', '########........', '....########....'],
    });
  });

  it('an image wider than the paper is refused', () => {
    const narrow = new EscPosBuilder({ pages: ['pc437'], numbers: codePageNumbers(), dotsPerLine: 384 });
    expect(() => narrow.image({ widthBytes: 49, height: 1, data: new Uint8Array(49) })).toThrow(/392 dots/);
    expect(() => narrow.image({ widthBytes: 48, height: 1, data: new Uint8Array(48) })).not.toThrow();
  });

  it('size and style changes decode', () => {
    const events = decodeEscPos(printer(['pc437']).size(2, 2).line('TOTAL').size(1, 1).bytes());
    expect(events.map((e) => e.type)).toEqual(['size', 'codePage', 'text', 'size']);
    expect(events[0]).toEqual({ type: 'size', width: 2, height: 2 });
  });

  it('garbage is reported as unknown with its offset, and the text around it is still read', () => {
    const bytes = Uint8Array.of(0x41, 0x0a, 0x1b, 0x99, 0x07, 0x1d, 0x28, 0x42, 0x0a);
    const events = decodeEscPos(bytes);
    expect(events).toContainEqual({ type: 'unknown', offset: 2, bytes: [0x1b, 0x99, 0x07, 0x1d, 0x28] });
    expect(readReceipt(events)).toEqual(['A', 'B']);
    // A truncated command at the end is reported too, not dropped.
    expect(decodeEscPos(Uint8Array.of(0x1b, 0x70, 0x00))).toEqual([{ type: 'unknown', offset: 0, bytes: [0x1b, 0x70, 0x00] }]);
    // A byte the selected page leaves unassigned (0x98 in WPC1251) is unknown, not a guessed letter.
    expect(decodeEscPos(Uint8Array.of(0x1b, 0x74, 46, 0x98))).toContainEqual({ type: 'unknown', offset: 3, bytes: [0x98] });
  });
});
