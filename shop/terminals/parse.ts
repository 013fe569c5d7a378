import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { AppError } from '../api/errors';
import { MAX_BARCODE_LENGTH } from '../catalog/barcode';

/**
 * Files from data-collection terminals (and the spreadsheets people make by hand): a barcode and a
 * quantity per line, sometimes a name or a price beside them. Pure: bytes in, lines out, no database.
 */
export const TERMINAL_ENCODINGS = ['utf-8', 'windows-1251'] as const;
export type TerminalEncoding = (typeof TERMINAL_ENCODINGS)[number];
export const TERMINAL_SEPARATORS = [';', ',', '\t'] as const;
export type TerminalSeparator = (typeof TERMINAL_SEPARATORS)[number];

export interface ParseOptions {
  encoding?: 'auto' | TerminalEncoding;
  separator?: 'auto' | TerminalSeparator;
}

export interface TerminalLine {
  lineNo: number;
  barcode: string;
  quantity: number;
  /** The line's other non-empty fields (a name, a price), as they were. */
  extra?: string[];
}

export interface BadLine {
  lineNo: number;
  /** The line as read (cut to a readable length). */
  text: string;
  /** errors:terminals.<key> */
  reason: string;
}

export interface ParsedFile {
  encoding: TerminalEncoding;
  separator: TerminalSeparator;
  /** Whether the first line named the columns (and so was not read as data). */
  header: boolean;
  barcodeColumn: number;
  quantityColumn: number;
  lines: TerminalLine[];
  /** At most MAX_BAD_LISTED; badCount says how many there were. */
  bad: BadLine[];
  badCount: number;
  emptyLines: number;
}

/** No terminal holds more; a file past this is something else. */
export const MAX_DATA_LINES = 200_000;
/** A count of stems or pots; more in one line is a typo (or a barcode in the quantity column). */
export const MAX_LINE_QUANTITY = 1_000_000;
/** Listing more bad lines helps nobody: the file needs fixing as a whole. */
export const MAX_BAD_LISTED = 1000;
const MAX_TEXT = 120;
/** Lines looked at to guess the separator and the columns. */
const SAMPLE_ROWS = 50;

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const CTRL_Z = '\x1a';

function refuse(key: string): never {
  throw new AppError('invalid_input', `errors:terminals.${key}`);
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** Text with control characters other than tab and line ends is not a text file (or is the wrong encoding). */
function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) control++;
  }
  // a stray one (a DOS end-of-file mark mid-file, a bad byte in a name) is a bad line, not a bad file
  return control > Math.max(2, text.length / 200);
}

/**
 * Valid UTF-8 is taken as UTF-8 (a Cyrillic Windows-1251 file is practically never valid UTF-8: its
 * letters are lone high bytes); anything else is read as Windows-1251, the other encoding terminals use here.
 */
export function decodeTerminalBytes(bytes: Uint8Array, choice: 'auto' | TerminalEncoding = 'auto'): { text: string; encoding: TerminalEncoding } {
  let encoding: TerminalEncoding;
  let text: string;
  const bom = hasUtf8Bom(bytes);
  if (choice === 'windows-1251') {
    encoding = choice;
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1251');
  } else {
    const body = bom ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
      encoding = 'utf-8';
    } catch {
      if (choice === 'utf-8') refuse('encoding');
      text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1251');
      encoding = 'windows-1251';
    }
  }
  // DOS end-of-file marks that some terminals still append
  while (text.endsWith(CTRL_Z)) text = text.slice(0, -1);
  if (looksBinary(text)) refuse('encoding');
  return { text, encoding };
}

function splitSimple(line: string, sep: string): number {
  let n = 1;
  for (let i = 0; i < line.length; i++) if (line[i] === sep) n++;
  return n;
}

/**
 * Candidate separators, most likely first: the one that splits the first lines into the same number
 * (2 or more) of columns most often. Ties go to tab, then ';', then ',' — a comma may be a decimal comma.
 */
export function rankSeparators(text: string): TerminalSeparator[] {
  const sample = text
    .slice(0, 64 * 1024)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, SAMPLE_ROWS);
  const preference: TerminalSeparator[] = ['\t', ';', ','];
  const scored = preference.map((sep, order) => {
    const counts = sample.map((l) => splitSimple(l, sep));
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let best = 0;
    for (const [cols, n] of freq) if (cols >= 2 && n > best) best = n;
    return { sep, score: sample.length === 0 ? 0 : best / sample.length, order };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((s) => s.sep);
}

interface Row {
  lineNo: number;
  cells: string[];
}

/** Rows by papaparse (quotes, separators inside quotes), each with the line it starts on. Blank rows dropped. */
function readRows(text: string, separator: TerminalSeparator): { rows: Row[]; emptyLines: number } {
  const rows: Row[] = [];
  let emptyLines = 0;
  let lineNo = 1;
  let pos = 0;
  Papa.parse<string[]>(text, {
    delimiter: separator,
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: false,
    step(result) {
      const end = result.meta.cursor;
      const startLine = lineNo;
      // the lines this row spans (more than one only inside a quoted field)
      for (let i = pos; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) lineNo++;
      pos = end;
      const cells = result.data.map((c) => c.trim());
      if (cells.every((c) => c === '')) {
        // the blank "row" after the last line end is no line
        if (pos < text.length || startLine < lineNo) emptyLines++;
        return;
      }
      if (rows.length > MAX_DATA_LINES) return;
      rows.push({ lineNo: startLine, cells });
    },
  });
  if (rows.length > MAX_DATA_LINES) refuse('tooManyLines');
  return { rows, emptyLines };
}

/** Lower case, no spaces, dashes, dots or quotes: "Штрих-код" and "ШТРИХКОД" and "Bar code" match alike. */
function headerWord(cell: string): string {
  return cell.toLowerCase().replace(/[\s\-_.'"ʻʼ‘’`№#:()]/g, '');
}

const BARCODE_NAMES = new Set([
  'barcode', 'ean', 'ean13', 'ean8', 'gtin', 'upc', 'штрихкод', 'шк', 'штрихкодтовара', 'штрихкоды', 'shtrixkod', 'shtrixkodi',
  'barkod', 'შტრიხკოდი',
]);
/** Names that may mean a barcode or an article number: used only when no column says barcode outright. */
const CODE_NAMES = new Set(['code', 'sku', 'код', 'кодтовара', 'kod', 'კოდი']);
const QUANTITY_NAMES = new Set([
  'quantity', 'qty', 'count', 'counted', 'amount', 'pcs', 'количество', 'колво', 'кол', 'шт', 'факт', 'остаток', 'саны',
  'саны(дана)', 'дана', 'miqdor', 'miqdori', 'soni', 'dona', 'რაოდენობა', 'რაოდ', 'ცალი',
]);

/** "Количество, шт" and "Штрихкод товара" too: a longer known name may start a header cell. */
function isNamed(word: string, names: ReadonlySet<string>): boolean {
  if (names.has(word)) return true;
  for (const name of names) if (name.length >= 5 && word.startsWith(name)) return true;
  return false;
}

const BARCODE_CONTENT = /^\d{8,14}$/;
const NUMBER_CONTENT = /^[+-]?\d{1,7}([.,]\d+)?$/;

/** Spaces inside numbers (thousands, Russian style "1 000"), as typed or exported by spreadsheets. */
function compactNumber(cell: string): string {
  return cell.replace(/[\s\u00a0\u202f]/g, '');
}

/** A column counting 1, 2, 3… down the lines: the line number some terminals write first, a count only when nothing else is. */
function runsOneByOne(sample: Row[], col: number): boolean {
  if (sample.length < 3) return false;
  const values = sample.map((r) => readQuantity(r.cells[col] ?? ''));
  let steps = 0;
  for (let i = 1; i < values.length; i++) {
    const prev = values[i - 1];
    const cur = values[i];
    if (prev?.ok && cur?.ok && cur.value === prev.value + 1) steps++;
  }
  return steps / (values.length - 1) >= 0.9;
}

interface Columns {
  header: boolean;
  barcode: number;
  quantity: number;
}

/**
 * Finds the barcode and quantity columns: by a header row's names when the first row has them, else
 * by content — the column mostly of 8–14 digits, and the one mostly of small whole numbers.
 */
function findColumns(rows: Row[]): Columns | null {
  const first = rows[0];
  if (!first) return null;
  const names = first.cells.map(headerWord);
  const strongBarcode = names.findIndex((n) => isNamed(n, BARCODE_NAMES));
  const namedBarcode = strongBarcode >= 0 ? strongBarcode : names.findIndex((n) => isNamed(n, CODE_NAMES));
  const namedQuantity = names.findIndex((n) => isNamed(n, QUANTITY_NAMES));
  const header = (namedBarcode >= 0 || namedQuantity >= 0) && !first.cells.some((c) => BARCODE_CONTENT.test(c));
  const sample = rows.slice(header ? 1 : 0, (header ? 1 : 0) + SAMPLE_ROWS);
  // the column names and nothing under them: the terminal counted nothing (not a file of the wrong shape)
  if (sample.length === 0 && header) refuse('empty');
  if (sample.length === 0) return null;
  const width = Math.max(...sample.map((r) => r.cells.length));
  const share = (col: number, test: (c: string) => boolean) =>
    sample.filter((r) => test(compactNumber(r.cells[col] ?? ''))).length / sample.length;

  let barcode = header && namedBarcode >= 0 ? namedBarcode : -1;
  if (barcode < 0) {
    let best = 0.5;
    for (let col = 0; col < width; col++) {
      if (col === namedQuantity && header) continue;
      const s = share(col, (c) => BARCODE_CONTENT.test(c));
      if (s >= best) {
        if (s > best || barcode < 0) barcode = col;
        best = s;
      }
    }
  }
  if (barcode < 0) return null;

  let quantity = header && namedQuantity >= 0 && namedQuantity !== barcode ? namedQuantity : -1;
  if (quantity < 0) {
    // whole numbers weigh more than decimals: of "3" and "12.50", the count is the first; and a whole
    // number written bare weighs a little more than one with a zero fraction, so a price column
    // ("150.00", as our own product list export writes it) does not win over the count beside it
    let best = 0.5;
    for (let col = 0; col < width; col++) {
      if (col === barcode) continue;
      const s =
        share(col, (c) => readQuantity(c).ok) -
        0.1 * share(col, (c) => /[.,]/.test(c) && readQuantity(c).ok) +
        0.5 * share(col, (c) => NUMBER_CONTENT.test(c) && !readQuantity(c).ok) -
        (runsOneByOne(sample, col) ? 0.4 : 0);
      if (s > best) {
        quantity = col;
        best = s;
      }
    }
  }
  if (quantity < 0) return null;
  // a first row of words only (no digit anywhere) names columns, even in words we do not know
  const unnamedHeader = !header && rows.length > 1 && !first.cells.some((c) => /\d/.test(c));
  return { header: header || unnamedHeader, barcode, quantity };
}

const QUANTITY = /^\+?(\d+)(?:[.,](\d+))?$/;
const NEGATIVE = /^-\d+(?:[.,]\d+)?$/;
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Whole positive counts; "2,0" and "2.000" are 2 (spreadsheets and some terminals write them so). */
export function readQuantity(cell: string): Read<number> {
  const raw = compactNumber(cell);
  if (raw === '') return { ok: false, reason: 'errors:terminals.quantityMissing' };
  if (NEGATIVE.test(raw)) return { ok: false, reason: 'errors:terminals.quantityNotPositive' };
  const m = QUANTITY.exec(raw);
  if (!m) return { ok: false, reason: 'errors:terminals.quantityInvalid' };
  const [, whole = '', fraction = ''] = m;
  if (/[1-9]/.test(fraction)) return { ok: false, reason: 'errors:terminals.quantityNotWhole' };
  if (whole.replace(/^0+/, '').length > 7) return { ok: false, reason: 'errors:terminals.quantityTooLarge' };
  const value = Number(whole);
  if (value <= 0) return { ok: false, reason: 'errors:terminals.quantityNotPositive' };
  if (value > MAX_LINE_QUANTITY) return { ok: false, reason: 'errors:terminals.quantityTooLarge' };
  return { ok: true, value };
}

/** The code as the terminal read it; a spreadsheet's "4.6E+12" has lost its digits for good. */
export function readBarcode(cell: string): Read<string> {
  const written = cell.trim().replace(/^="?(.*?)"?$/, '$1');
  // digits spaced as printed under the bars ("4 607000 000014") or grouped by a spreadsheet: the digits
  const digits = compactNumber(written);
  const code = /^\d+$/.test(digits) ? digits : written;
  if (code === '') return { ok: false, reason: 'errors:terminals.barcodeMissing' };
  if (SCIENTIFIC.test(code)) return { ok: false, reason: 'errors:terminals.barcodeScientific' };
  if (code.length > MAX_BARCODE_LENGTH || !PRINTABLE_ASCII.test(code)) return { ok: false, reason: 'errors:terminals.barcodeInvalid' };
  return { ok: true, value: code };
}

function lineText(cells: string[], separator: string): string {
  const text = cells.join(separator === '\t' ? ' ⇥ ' : separator);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function readLines(rows: Row[], columns: Columns, separator: TerminalSeparator) {
  const lines: TerminalLine[] = [];
  const bad: BadLine[] = [];
  let badCount = 0;
  const addBad = (row: Row, reason: string) => {
    badCount++;
    if (bad.length < MAX_BAD_LISTED) bad.push({ lineNo: row.lineNo, text: lineText(row.cells, separator), reason });
  };
  for (let i = columns.header ? 1 : 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    const barcode = readBarcode(row.cells[columns.barcode] ?? '');
    if (!barcode.ok) {
      addBad(row, barcode.reason);
      continue;
    }
    const quantity = readQuantity(row.cells[columns.quantity] ?? '');
    if (!quantity.ok) {
      addBad(row, quantity.reason);
      continue;
    }
    const line: TerminalLine = { lineNo: row.lineNo, barcode: barcode.value, quantity: quantity.value };
    if (row.cells.length > 2) {
      const extra = row.cells.filter((c, col) => col !== columns.barcode && col !== columns.quantity && c !== '');
      if (extra.length > 0) line.extra = extra;
    }
    lines.push(line);
  }
  return { lines, bad, badCount };
}

/**
 * Reads a terminal file. Refuses the whole file (AppError) when it is not text ('errors:terminals.encoding'),
 * holds no lines ('errors:terminals.empty') or has no barcode and quantity columns
 * ('errors:terminals.columnsNotFound'); a single unreadable line is reported in `bad` and skipped.
 */
export function parseTerminalFile(bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const decoded = decodeTerminalBytes(bytes, options.encoding ?? 'auto');
  const text = decoded.text.includes('\r') ? decoded.text.replace(/\r\n?/g, '\n') : decoded.text;
  if (text.trim() === '') refuse('empty');
  const candidates = options.separator && options.separator !== 'auto' ? [options.separator] : rankSeparators(text);
  for (const separator of candidates) {
    const { rows, emptyLines } = readRows(text, separator);
    const columns = findColumns(rows);
    if (!columns) continue;
    const { lines, bad, badCount } = readLines(rows, columns, separator);
    return {
      encoding: decoded.encoding,
      separator,
      header: columns.header,
      barcodeColumn: columns.barcode,
      quantityColumn: columns.quantity,
      lines,
      bad,
      badCount,
      emptyLines,
    };
  }
  refuse('columnsNotFound');
}
