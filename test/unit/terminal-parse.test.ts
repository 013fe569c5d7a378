import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shop/api/errors';
import { decodeTerminalBytes, parseTerminalFile, rankSeparators, readQuantity, type ParseOptions } from '../../shop/terminals/parse';
import { fitWindows1251, terminalPrice } from '../../shop/terminals/export';
import { UploadCollector } from '../../hardware/terminal/serialUpload';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'terminals');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.messageKey;
    throw e;
  }
  throw new Error('expected a refusal');
}

const pairs = (bytes: Uint8Array, opts?: ParseOptions) => parseTerminalFile(bytes, opts).lines.map((l) => [l.lineNo, l.barcode, l.quantity]);

describe('terminal file corpus', () => {
  it('reads a plain semicolon file', () => {
    const r = parseTerminalFile(fixture('utf8-semicolon.csv'));
    expect([r.encoding, r.separator, r.header]).toEqual(['utf-8', ';', false]);
    expect(pairs(fixture('utf8-semicolon.csv'))).toEqual([
      [1, '4607000000014', 12],
      [2, '4607000000021', 5],
      [3, '4607000000014', 3],
      [4, '46070005', 7],
    ]);
  });

  it('reads a BOM, CRLF, a Russian header and decimal commas with a zero fraction', () => {
    const r = parseTerminalFile(fixture('utf8-bom-crlf-header.csv'));
    expect([r.encoding, r.separator, r.header, r.barcodeColumn, r.quantityColumn]).toEqual(['utf-8', ';', true, 0, 2]);
    expect(r.lines).toEqual([
      { lineNo: 2, barcode: '4607000000014', quantity: 2, extra: ['Роза красная 60 см'] },
      { lineNo: 3, barcode: '4607000000021', quantity: 10, extra: ['Тюльпан'] },
      { lineNo: 4, barcode: '4607000000038', quantity: 1, extra: ['Хризантема кустовая'] },
    ]);
    expect(r.bad).toEqual([]);
  });

  it('detects Windows-1251 and decodes its letters; the header may put the quantity first', () => {
    const r = parseTerminalFile(fixture('cp1251-semicolon-header.csv'));
    expect([r.encoding, r.header, r.barcodeColumn, r.quantityColumn]).toEqual(['windows-1251', true, 0, 1]);
    expect(r.lines.map((l) => l.extra?.[0])).toEqual(['Роза «Эксплорер»', 'Хризантема', 'Эвкалипт']);
    const comma = parseTerminalFile(fixture('utf8-comma-header.csv'));
    expect([comma.separator, comma.barcodeColumn, comma.quantityColumn]).toEqual([',', 1, 0]);
    expect(comma.lines[0]).toEqual({ lineNo: 2, barcode: '4607000000021', quantity: 5, extra: ['Tulip, yellow'] });
  });

  it('reads tab-separated Windows-1251 with commas inside the names', () => {
    const r = parseTerminalFile(fixture('cp1251-tab.txt'));
    expect([r.encoding, r.separator]).toEqual(['windows-1251', '\t']);
    expect(r.lines.map((l) => [l.barcode, l.quantity, l.extra])).toEqual([
      ['4607000000014', 3, ['Роза, красная']],
      ['4607000000021', 8, ['Тюльпан, жёлтый']],
    ]);
  });

  it('skips empty lines and keeps the real line numbers', () => {
    const r = parseTerminalFile(fixture('utf8-tab-empty-lines.txt'));
    expect(r.lines.map((l) => [l.lineNo, l.barcode, l.quantity])).toEqual([
      [1, '4607000000014', 1],
      [3, '4607000000021', 2],
      [6, '46070005', 3],
    ]);
    expect(r.emptyLines).toBe(4);
  });

  it('reads CR-only line ends, a DOS end-of-file mark and an Uzbek header', () => {
    expect(pairs(fixture('utf8-cr-comma.csv'))).toEqual([
      [1, '4607000000014', 2],
      [2, '4607000000021', 3],
    ]);
    const uz = parseTerminalFile(fixture('utf8-uz-header-ctrlz.txt'));
    expect([uz.header, uz.lines.length, uz.bad.length]).toEqual([true, 3, 0]);
    expect(uz.lines[0]?.extra).toEqual(['ვარდი']);
  });

  it('reports every bad line with its number and reason, and keeps the good ones', () => {
    const r = parseTerminalFile(fixture('bad-lines.csv'));
    expect(r.lines.map((l) => l.lineNo)).toEqual([1, 10]);
    expect(r.bad.map((b) => [b.lineNo, b.reason.replace('errors:terminals.', '')])).toEqual([
      [2, 'quantityNotWhole'],
      [3, 'quantityNotPositive'],
      [4, 'quantityNotPositive'],
      [5, 'quantityInvalid'],
      [6, 'barcodeScientific'],
      [7, 'quantityMissing'],
      [8, 'quantityTooLarge'],
      [9, 'barcodeMissing'],
    ]);
    expect(r.badCount).toBe(8);
    expect(r.bad[0]?.text).toBe('4607000000021;2,5');
  });

  it('refuses a file without barcode and quantity columns, and one that is not text', () => {
    expect(refusal(() => parseTerminalFile(fixture('wrong-columns.csv')))).toBe('errors:terminals.columnsNotFound');
    expect(refusal(() => parseTerminalFile(fixture('barcodes-only.txt')))).toBe('errors:terminals.columnsNotFound');
    expect(refusal(() => parseTerminalFile(fixture('cp1251-names-only-cyrillic.csv')))).toBe('errors:terminals.columnsNotFound');
    expect(refusal(() => parseTerminalFile(fixture('binary.bin')))).toBe('errors:terminals.encoding');
    expect(refusal(() => parseTerminalFile(new Uint8Array([0xff, 0xfe, 0x34, 0x00, 0x36, 0x00])))).toBe('errors:terminals.encoding');
    expect(refusal(() => parseTerminalFile(utf8('\n\n  \n')))).toBe('errors:terminals.empty');
  });

  it("follows the user's choice of encoding and separator", () => {
    // Windows-1251 bytes are not UTF-8: insisting on UTF-8 is refused rather than read as garbage
    expect(refusal(() => parseTerminalFile(fixture('cp1251-semicolon-header.csv'), { encoding: 'utf-8' }))).toBe('errors:terminals.encoding');
    // a UTF-8 file read as 1251 on purpose gives 1251 letters (the user asked for it)
    const forced = parseTerminalFile(fixture('utf8-bom-crlf-header.csv'), { encoding: 'windows-1251' });
    expect(forced.encoding).toBe('windows-1251');
    expect(forced.lines[1]?.extra?.[0]).not.toBe('Тюльпан');
    // the wrong separator finds no columns
    expect(refusal(() => parseTerminalFile(fixture('utf8-semicolon.csv'), { separator: '\t' }))).toBe('errors:terminals.columnsNotFound');
    expect(parseTerminalFile(fixture('utf8-semicolon.csv'), { separator: ';' }).lines).toHaveLength(4);
  });
});

describe('pieces', () => {
  it('quantities: whole and positive; a zero fraction is allowed', () => {
    const q = (s: string) => {
      const r = readQuantity(s);
      return r.ok ? r.value : r.reason.replace('errors:terminals.', '');
    };
    expect(['3', '+3', '2,0', '2.000', '1 000', '007'].map(q)).toEqual([3, 3, 2, 2, 1000, 7]);
    expect(['2,5', '0', '0,0', '-1', '', 'x', '1e3', '99999999', '1000001'].map(q)).toEqual([
      'quantityNotWhole',
      'quantityNotPositive',
      'quantityNotPositive',
      'quantityNotPositive',
      'quantityMissing',
      'quantityInvalid',
      'quantityInvalid',
      'quantityTooLarge',
      'quantityTooLarge',
    ]);
  });

  it('a header that says barcode wins over one that may be an article code; unknown header words are still a header', () => {
    const r = parseTerminalFile(utf8('Код;Штрих-код;Кол-во, шт\nA-17;4607000000014;3\n'));
    expect([r.header, r.barcodeColumn, r.quantityColumn, r.lines[0]?.barcode, r.lines[0]?.extra]).toEqual([true, 1, 2, '4607000000014', ['A-17']]);
    const plain = parseTerminalFile(utf8('Artikel;Menge\n4607000000014;3\n4607000000021;1\n'));
    expect([plain.header, plain.lines.length, plain.bad.length]).toEqual([true, 2, 0]);
  });

  it('a semicolon file with decimal commas is not taken for a comma file', () => {
    expect(rankSeparators('4607000000014;2,0\n4607000000021;3,0\n')[0]).toBe(';');
    expect(rankSeparators('4607000000014\t2,0\n')[0]).toBe('\t');
    expect(rankSeparators('4607000000014,2\n')).toEqual([',']);
  });

  it('without a header, a price written with decimals ("150.00", as our export writes it) is not taken for the count', () => {
    const file = utf8('4607000000014;Роза;150.00;3\n4607000000021;Тюльпан;99.00;12\n4607000000038;Эвкалипт;80.00;1\n');
    const r = parseTerminalFile(file);
    expect(r.quantityColumn).toBe(3);
    expect(pairs(file)).toEqual([
      [1, '4607000000014', 3],
      [2, '4607000000021', 12],
      [3, '4607000000038', 1],
    ]);
  });

  it('a file with only its header row (the terminal counted nothing) is empty, not a file without columns', () => {
    expect(refusal(() => parseTerminalFile(utf8('Штрихкод;Количество\r\n')))).toBe('errors:terminals.empty');
    expect(refusal(() => parseTerminalFile(utf8('barcode,qty\n\n')))).toBe('errors:terminals.empty');
    expect(refusal(() => parseTerminalFile(utf8('name;price\n')))).toBe('errors:terminals.columnsNotFound');
  });

  it('without a header, a running line number before the barcode is not taken for the count', () => {
    const file = utf8('1;4607000000014;5\r\n2;4607000000021;12\r\n3;4607000000038;1\r\n4;4607000000045;2\r\n');
    expect(parseTerminalFile(file).quantityColumn).toBe(2);
    expect(pairs(file).map(([, code, qty]) => [code, qty])).toEqual([
      ['4607000000014', 5],
      ['4607000000021', 12],
      ['4607000000038', 1],
      ['4607000000045', 2],
    ]);
    // a count column that happens to run 1, 2, 3 with nothing else to choose stays the count
    expect(pairs(utf8('4607000000014;1\n4607000000021;2\n4607000000038;3\n')).map(([, , qty]) => qty)).toEqual([1, 2, 3]);
  });

  it('a barcode written with spaces (as printed under the bars, or a number grouped by Excel) is read as its digits', () => {
    const file = utf8('4 607000 000014;5\n4\u00a0607\u00a0000\u00a0000\u00a0021;2\n4607000000038;1\n');
    expect(pairs(file)).toEqual([
      [1, '4607000000014', 5],
      [2, '4607000000021', 2],
      [3, '4607000000038', 1],
    ]);
    expect(parseTerminalFile(utf8('ROSE 60;2\n4607000000038;1\n4607000000045;1\n')).bad.map((b) => b.reason)).toEqual(['errors:terminals.barcodeInvalid']);
  });

  it('auto encoding: valid UTF-8 stays UTF-8, anything else is Windows-1251', () => {
    expect(decodeTerminalBytes(utf8('Роза')).encoding).toBe('utf-8');
    expect(decodeTerminalBytes(iconv.encode('Роза', 'win1251'))).toEqual({ text: 'Роза', encoding: 'windows-1251' });
    expect(decodeTerminalBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: 'A', encoding: 'utf-8' });
  });

  it('a 10,000-line file with a few bad lines reads quickly and completely', () => {
    const rows: string[] = ['Штрихкод;Количество;Название'];
    for (let i = 0; i < 10_000; i++) rows.push(i % 1000 === 999 ? `46${i};2,5;x` : `46${String(i).padStart(11, '0')};${(i % 7) + 1};Товар ${i}`);
    const bytes = iconv.encode(rows.join('\r\n'), 'win1251');
    const t0 = performance.now();
    const r = parseTerminalFile(bytes);
    const ms = performance.now() - t0;
    expect(r.encoding).toBe('windows-1251');
    expect(r.lines).toHaveLength(9990);
    expect(r.bad).toHaveLength(10);
    expect(r.bad[0]).toMatchObject({ lineNo: 1001, reason: 'errors:terminals.quantityNotWhole' });
    expect(r.lines.at(-1)).toMatchObject({ lineNo: 10_000, barcode: '4600000009998' });
    // a loose bound (CI runs tests side by side); bench/terminals.ts measures the real figure
    expect(ms).toBeLessThan(2000);
  });

  it('export helpers: prices with a dot, names fitted to Windows-1251', () => {
    expect([0, 5, 250, 123456].map(terminalPrice)).toEqual(['0.00', '0.05', '2.50', '1234.56']);
    expect(fitWindows1251('Роза красная')).toEqual({ text: 'Роза красная', changed: false });
    expect(fitWindows1251('ვარდი')).toEqual({ text: '?????', changed: true });
    expect(fitWindows1251('Қызғалдақ').changed).toBe(true);
    expect(fitWindows1251('Atirgul oʻzbek')).toEqual({ text: "Atirgul o'zbek", changed: true });
  });
});

describe('serial upload collector', () => {
  const collect = (chunks: string[]) => {
    const c = new UploadCollector();
    let ended = false;
    for (const chunk of chunks) if (!ended) ended = c.push(Buffer.from(chunk, 'latin1'));
    return c.finish('silence');
  };
  const text = (r: { bytes: Uint8Array }) => Buffer.from(r.bytes).toString('latin1');

  it('ends at an END or EOF line, which is not kept', () => {
    const r = collect(['4607000000014;2\r\n46070', '00000021;3\r\nEN', 'D\r\nignored;1\r\n']);
    expect([r.ended, r.lines, text(r)]).toEqual(['marker', 2, '4607000000014;2\r\n4607000000021;3\r\n']);
    expect(collect(['a;1\neof\n']).ended).toBe('marker');
  });

  it('ends at Ctrl-Z; without a marker the silence ends it and the last line counts', () => {
    const z = collect(['a;1\nb;2\x1ac;3\n']);
    expect([z.ended, z.lines, text(z)]).toEqual(['marker', 2, 'a;1\nb;2']);
    const quiet = collect(['a;1\n\nb;2']);
    expect([quiet.ended, quiet.lines]).toEqual(['silence', 2]);
    expect(collect(['a;1\nEND']).lines).toBe(1);
    // a line that merely contains END is data
    expect(collect(['ENDIVE;1\n']).ended).toBe('silence');
  });
});
