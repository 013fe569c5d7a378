import { describe, expect, it } from 'vitest';
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { renderReceipt, type PrinterConfig, type ReceiptDoc } from '../../hardware/printer/index';
import { codePageNumbers } from '../../hardware/printer/codepages';
import { LineRasterizer, charactersWithoutFace, trimRight } from '../../hardware/printer/raster';
import { decodeEscPos, inkDots, printedLines, readPrinted, type Printed } from '../helpers/escpos-decoder';

function config(over: Partial<PrinterConfig> = {}): PrinterConfig {
  return {
    transport: { kind: 'tcp', host: '127.0.0.1', port: 9100 },
    paperMm: 58,
    rk1048: false,
    codePageNumbers: {},
    drawer: { pin: 0, t1: 25, t2: 250 },
    ...over,
  };
}

async function print(doc: ReceiptDoc, cfg: PrinterConfig): Promise<{ bytes: Uint8Array; items: Printed[] }> {
  const bytes = await renderReceipt(doc, cfg);
  const items = readPrinted(bytes, codePageNumbers(cfg.codePageNumbers));
  expect(items.filter((p) => p.kind === 'unknown')).toEqual([]);
  return { bytes, items };
}

const texts = (items: Printed[]) => items.filter((p) => p.kind === 'text');
const images = (items: Printed[]) => items.filter((p) => p.kind === 'image');

describe('renderReceipt', () => {
  it('prints Russian as text in CP866 (Epson 17) and reads back exactly', async () => {
    const doc: ReceiptDoc = {
      blocks: [
        { kind: 'text', text: 'Цветочная лавка', align: 'center', bold: true },
        { kind: 'columns', left: 'Розы красные', right: '750.00 RUB' },
        { kind: 'columns', left: 'Итого', right: '750.00 RUB', bold: true },
        { kind: 'text', text: 'Спасибо за покупку! Ждём вас снова.' },
      ],
    };
    const { bytes, items } = await print(doc, config());
    expect(printedLines(items)).toEqual([
      'Цветочная лавка',
      'Розы красные          750.00 RUB',
      'Итого                 750.00 RUB',
      'Спасибо за покупку! Ждём вас',
      'снова.',
    ]);
    expect(new Set(texts(items).flatMap((t) => t.pages))).toEqual(new Set(['cp866']));
    expect(decodeEscPos(bytes).find((e) => e.type === 'codePage')).toEqual({ type: 'codePage', n: 17, page: 'cp866' });
    expect(texts(items).map((t) => t.bold)).toEqual([true, false, true, false, false]);
    expect(images(items)).toEqual([]);
  });

  it('prints a Russian line CP866 cannot hold in WPC1251, on a printer with its own number for it', async () => {
    // « » are in WPC1251, not in CP866: the line goes to the page that holds it exactly, as text
    const cfg = config({ codePageNumbers: { wpc1251: 73 } });
    const { bytes, items } = await print({ blocks: [{ kind: 'text', text: 'Букет «Весенний» №12' }] }, cfg);
    expect(printedLines(items)).toEqual(['Букет «Весенний» №12']);
    expect(texts(items)[0]?.pages).toEqual(['wpc1251']);
    expect(decodeEscPos(bytes, codePageNumbers(cfg.codePageNumbers))).toContainEqual({ type: 'codePage', n: 73, page: 'wpc1251' });
  });

  it('prints Kazakh as text in RK1048 where the printer has it enabled with its number', async () => {
    const cfg = config({ rk1048: true, codePageNumbers: { rk1048: 59 } });
    const doc: ReceiptDoc = {
      blocks: [
        { kind: 'text', text: 'Гүлдер дүкені' },
        { kind: 'columns', left: 'Қызыл раушан', right: '2 500.00 KZT' },
        { kind: 'text', text: 'Рақмет! Қайта келіңіз.' },
      ],
    };
    const { items } = await print(doc, cfg);
    expect(printedLines(items)).toEqual(['Гүлдер дүкені', 'Қызыл раушан        2 500.00 KZT', 'Рақмет! Қайта келіңіз.']);
    expect(new Set(texts(items).flatMap((t) => t.pages))).toEqual(new Set(['rk1048']));
    expect(images(items)).toEqual([]);
  });

  it('prints Kazakh as raster without RK1048 (or with it enabled but no number known), never with ?', async () => {
    const doc: ReceiptDoc = { blocks: [{ kind: 'text', text: 'Итого' }, { kind: 'text', text: 'Рақмет! Қайта келіңіз.' }] };
    // the image is that line drawn with the shipped fonts: a re-render gives the same dots (flush left, so
    // without its blank right part)
    const again = trimRight((await LineRasterizer.create(384)).line('Рақмет! Қайта келіңіз.'));
    expect(again.widthBytes * 8).toBeLessThan(384);
    for (const cfg of [config(), config({ rk1048: true })]) {
      const { bytes, items } = await print(doc, cfg);
      expect(printedLines(items)).toEqual(['Итого', `[image ${again.widthBytes * 8}x34]`]);
      expect(texts(items).some((t) => t.kind === 'text' && t.text.includes('?'))).toBe(false);
      expect(bytes.subarray(0, bytes.indexOf(0x1d)).includes(0x3f)).toBe(false);
      const img = images(items)[0];
      if (img?.kind !== 'image') throw new Error('no image');
      expect(img.data).toEqual(again.data);
    }
  });

  it('prints Georgian as raster drawn with the shipped Georgian face, at the paper width', async () => {
    const line = 'გმადლობთ, რომ გვესტუმრეთ!';
    expect(charactersWithoutFace(line)).toEqual([]);
    for (const paperMm of [58, 80] as const) {
      const dots = paperMm === 58 ? 384 : 576;
      const { items } = await print({ blocks: [{ kind: 'text', text: line, align: 'center' }] }, config({ paperMm }));
      expect(texts(items)).toEqual([]);
      const imgs = images(items);
      const r = await LineRasterizer.create(dots);
      const expected = r.wrap(line).map((l) => r.line(l, 'center'));
      expect(imgs.map((i) => i.kind === 'image' && [i.width, i.height])).toEqual(expected.map(() => [dots, 34]));
      expect(imgs.map((i) => i.kind === 'image' && i.data)).toEqual(expected.map((e) => e.data));
      for (const img of imgs) expect(inkDots(img as { data: Uint8Array })).toBeGreaterThan(200);
      // not question marks: the same line of ? looks different
      const marks = r.line('?'.repeat(Array.from(line).length), 'center');
      expect(imgs[0]?.kind === 'image' && imgs[0].data).not.toEqual(marks.data);
    }
    // 58 mm wraps this line, 80 mm does not
    const r58 = await LineRasterizer.create(384);
    const r80 = await LineRasterizer.create(576);
    expect(r58.wrap(line + ' ' + line).length).toBeGreaterThan(r80.wrap(line + ' ' + line).length - 1);
  });

  it('a flush-left raster line drops only its blank right part (whole bytes), never ink', async () => {
    const r = await LineRasterizer.create(384);
    const full = r.line('ვარდი');
    const trimmed = trimRight(full);
    expect(trimmed.widthBytes).toBeLessThan(full.widthBytes);
    expect(inkDots(trimmed)).toBe(inkDots(full));
    for (let y = 0; y < full.height; y++) {
      expect(full.data.subarray(y * full.widthBytes, y * full.widthBytes + trimmed.widthBytes)).toEqual(
        trimmed.data.subarray(y * trimmed.widthBytes, (y + 1) * trimmed.widthBytes),
      );
    }
    expect(trimRight({ widthBytes: 3, height: 2, data: new Uint8Array(6) })).toEqual({ widthBytes: 1, height: 2, data: new Uint8Array(2) });
  });

  it('a Georgian line with an amount keeps the lari sign and lays out name left, amount right', async () => {
    const { items } = await print({ blocks: [{ kind: 'columns', left: 'ვარდი წითელი', right: '12.50 ₾' }] }, config({ paperMm: 80 }));
    expect(printedLines(items)).toEqual(['[image 576x34]']);
    const img = images(items)[0] as Extract<Printed, { kind: 'image' }>;
    // ink at both ends of the line: the name from the left edge, the amount flush right
    const columnInk = (x0: number, x1: number) => {
      let n = 0;
      for (let y = 0; y < img.height; y++)
        for (let x = x0; x < x1; x++) if ((img.data[y * img.widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) n++;
      return n;
    };
    expect(columnInk(0, 40)).toBeGreaterThan(0);
    expect(columnInk(536, 576)).toBeGreaterThan(0);
    expect(columnInk(250, 420)).toBe(0);
  });

  it('lays out 58 mm as 32 characters and 80 mm as 48, wrapping long names above the amount', async () => {
    const doc: ReceiptDoc = {
      blocks: [
        { kind: 'rule' },
        { kind: 'columns', left: 'Хризантема кустовая белая Балтика 2 x 450.00', right: '900.00 RUB' },
        { kind: 'text', text: 'ИТОГО 900.00', size: 'large' },
      ],
    };
    const narrow = printedLines((await print(doc, config({ paperMm: 58 }))).items);
    expect(narrow).toEqual([
      '-'.repeat(32),
      // the amount takes 10 of the 32 characters: the name wraps in the 21 left of it
      'Хризантема кустовая',
      'белая Балтика 2 x',
      '450.00                900.00 RUB',
      'ИТОГО 900.00',
    ]);
    const wide = printedLines((await print(doc, config({ paperMm: 80 }))).items);
    expect(wide).toEqual([
      '-'.repeat(48),
      'Хризантема кустовая белая Балтика 2 x',
      '450.00' + ' '.repeat(32) + '900.00 RUB',
      'ИТОГО 900.00',
    ]);
    for (const line of [...narrow, ...wide]) expect(Array.from(line).length).toBeLessThanOrEqual(48);
    expect(narrow.slice(0, 3).every((l) => Array.from(l).length <= 32)).toBe(true);
    const large = texts((await print(doc, config())).items).at(-1);
    expect(large?.kind === 'text' && large.size).toBe(2);
  });

  it('an amount wider than the paper wraps onto its own lines, flush right, never past the edge', async () => {
    const right = 'Оплачено картой и наличными 1 250 000.00 RUB';
    const { items } = await print({ blocks: [{ kind: 'columns', left: 'Итого', right }] }, config());
    const lines = printedLines(items);
    expect(lines[0]).toBe('Итого');
    for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(32);
    expect(lines.slice(1).map((l) => l.trim()).join(' ')).toBe(right);
    expect(lines.at(-1)?.endsWith('RUB')).toBe(true);
  });

  it('writes GEL / KZT for ₾ / ₸ on a text line (no page has them), never ?', async () => {
    const { bytes, items } = await print({ blocks: [{ kind: 'columns', left: 'Итого', right: '3 750.00 ₸' }] }, config());
    expect(printedLines(items)).toEqual(['Итого' + ' '.repeat(15) + '3 750.00 KZT']);
    expect(bytes.includes(0x3f)).toBe(false);
  });

  it('QR, feed, cut and the 5-byte drawer pulse from the printer settings', async () => {
    const saleId = '019a7c3e-5f1b-7c2d-8e4f-0123456789ab';
    const doc: ReceiptDoc = { blocks: [{ kind: 'drawer' }, { kind: 'qr', data: `posy:sale:${saleId}` }, { kind: 'feed', lines: 2 }, { kind: 'cut' }] };
    const { bytes, items } = await print(doc, config({ drawer: { pin: 1, t1: 50, t2: 200 } }));
    expect(printedLines(items)).toEqual(['[drawer 1 50 200]', `[qr posy:sale:${saleId}]`, '[cut partial]']);
    expect(Array.from(bytes.subarray(0, 7))).toEqual([0x1b, 0x40, 0x1b, 0x70, 0x01, 50, 200]);
    const events = decodeEscPos(bytes);
    expect(events.filter((e) => e.type === 'feed')).toEqual([
      { type: 'feed', lines: 2 },
      { type: 'feed', lines: 4 },
    ]);
    expect(events).toContainEqual({ type: 'qrSetting', fn: 'model', value: 2 });
  });

  it("node-thermal-printer's own openCashDrawer() sends 1B 70 00 1B 70 01: not a drawer pulse a printer reads right", () => {
    const ntp = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:9100' });
    ntp.openCashDrawer();
    const sent = Uint8Array.from(ntp.getBuffer());
    expect(Array.from(sent)).toEqual([0x1b, 0x70, 0x00, 0x1b, 0x70, 0x01]);
    // a printer takes ESC p 0 with t1 = 0x1B (54 ms) and t2 = 0x70, then a stray 0x01
    expect(printedLines(readPrinted(sent))).toEqual(['[drawer 0 27 112]', '[unknown @5: 01]']);
  });

  it('a receipt mixing Russian, Kazakh and Georgian prints every line, text where a page holds it', async () => {
    const doc: ReceiptDoc = {
      blocks: [
        { kind: 'text', text: 'Posy Flowers' },
        { kind: 'text', text: 'Розы' },
        { kind: 'text', text: 'Раушан гүлдері' },
        { kind: 'text', text: 'ვარდები' },
        { kind: 'text', text: 'Atirgullar oʻn dona' },
      ],
    };
    const { items } = await print(doc, config({ paperMm: 80 }));
    const r = await LineRasterizer.create(576);
    const [kk, ka] = ['Раушан гүлдері', 'ვარდები'].map((t) => trimRight(r.line(t)));
    // Uzbek's oʻ prints as o' (its ASCII spelling); Kazakh without RK1048 and Georgian are images
    expect(printedLines(items)).toEqual([
      'Posy Flowers',
      'Розы',
      `[image ${(kk?.widthBytes ?? 0) * 8}x34]`,
      `[image ${(ka?.widthBytes ?? 0) * 8}x34]`,
      "Atirgullar o'n dona",
    ]);
    expect(images(items).map((i) => i.kind === 'image' && i.data)).toEqual([kk?.data, ka?.data]);
    expect(texts(items).map((t) => t.kind === 'text' && t.pages)).toEqual([['pc437'], ['cp866'], ['pc437']]);
  });

  it('control characters never reach the printer: a tab is a space, others are dropped', async () => {
    const { bytes, items } = await print(
      { blocks: [{ kind: 'text', text: 'Итого\t750\u0007' }, { kind: 'columns', left: 'Розы\u001b', right: '1\n0' }] },
      config(),
    );
    expect(printedLines(items)).toEqual(['Итого 750', 'Розы' + ' '.repeat(25) + '1 0']);
    expect(bytes.includes(0x07)).toBe(false);
    expect(bytes.includes(0x09)).toBe(false);
  });
});
