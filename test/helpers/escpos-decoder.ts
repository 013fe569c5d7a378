// Turns bytes captured at a (fake) printer back into what the customer gets: lines of text decoded in the
// code page selected by `ESC t` (through the printer's own numbering), images, QR payloads, cuts, drawer
// pulses and style changes. Anything it does not understand is reported as `unknown`, never dropped, so a
// stray byte in a receipt fails a test instead of passing unseen.
import {
  decodeByte,
  EPSON_CODE_PAGE_NUMBERS,
  pageForNumber,
  type CodePage,
  type CodePageNumbers,
} from '../../hardware/printer/codepages';

export type EscPosEvent =
  | { type: 'init' }
  | { type: 'codePage'; n: number; page: CodePage | undefined }
  /** Text up to a line feed (`newline: true`) or up to a command that interrupted it. */
  | { type: 'text'; text: string; page: CodePage | undefined; newline: boolean }
  | { type: 'bold'; on: boolean }
  | { type: 'align'; align: 'left' | 'center' | 'right' }
  | { type: 'size'; width: number; height: number }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; kind: 'full' | 'partial' }
  | { type: 'drawer'; m: number; t1: number; t2: number }
  | { type: 'qrSetting'; fn: 'model' | 'moduleSize' | 'errorLevel'; value: number }
  | { type: 'qr'; payload: string }
  /** GS h / GS w / GS H / GS f: barcode height (dots), module width (dots), HRI position, HRI font */
  | { type: 'barcodeSetting'; fn: 'height' | 'width' | 'hri' | 'hriFont'; value: number }
  /** GS k function B; CODE128's code-set prefix ("{B") is taken off and "{{" read back as "{" */
  | { type: 'barcode'; symbology: 'upca' | 'upce' | 'ean13' | 'ean8' | 'code39' | 'itf' | 'codabar' | 'code93' | 'code128'; data: string }
  | { type: 'image'; widthBytes: number; width: number; height: number; data: Uint8Array }
  /** DLE EOT n: a real-time status request (the driver asks before and after a receipt); prints nothing */
  | { type: 'statusRequest'; n: number }
  | { type: 'unknown'; offset: number; bytes: number[] };

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const DLE = 0x10;
const EOT = 0x04;

function utf8(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

export function decodeEscPos(input: Uint8Array, numbers: CodePageNumbers = EPSON_CODE_PAGE_NUMBERS): EscPosEvent[] {
  const events: EscPosEvent[] = [];
  const bytes = input;
  // ESC @ and power-on both leave the printer in page 0.
  let page: CodePage | undefined = pageForNumber(numbers, 0);
  let pendingText = '';
  let qrStored: string | undefined;
  let i = 0;

  const at = (k: number): number | undefined => bytes[k];
  const need = (count: number): boolean => i + count <= bytes.length;

  const unknown = (offset: number, count: number) => {
    const chunk = Array.from(bytes.subarray(offset, offset + count));
    const last = events[events.length - 1];
    if (last?.type === 'unknown' && last.offset + last.bytes.length === offset) last.bytes.push(...chunk);
    else events.push({ type: 'unknown', offset, bytes: chunk });
  };
  const flushText = (newline: boolean) => {
    if (pendingText !== '' || newline) events.push({ type: 'text', text: pendingText, page, newline });
    pendingText = '';
  };
  const emit = (event: EscPosEvent) => {
    flushText(false);
    events.push(event);
  };

  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === LF) {
      flushText(true);
      i += 1;
      continue;
    }
    if (b >= 0x20 && b !== 0x7f) {
      const ch = page === undefined ? (b < 0x7f ? String.fromCharCode(b) : undefined) : decodeByte(b, page);
      if (ch === undefined) {
        flushText(false);
        unknown(i, 1);
      } else pendingText += ch;
      i += 1;
      continue;
    }
    if (b === DLE && need(3) && at(i + 1) === EOT && [1, 2, 3, 4].includes(at(i + 2) as number)) {
      emit({ type: 'statusRequest', n: at(i + 2) as number });
      i += 3;
      continue;
    }
    if (b === ESC && need(2)) {
      const c = at(i + 1);
      const n = at(i + 2);
      if (c === 0x40) {
        page = pageForNumber(numbers, 0);
        emit({ type: 'init' });
        i += 2;
        continue;
      }
      if (c === 0x74 && n !== undefined) {
        flushText(false);
        page = pageForNumber(numbers, n);
        events.push({ type: 'codePage', n, page });
        i += 3;
        continue;
      }
      if (c === 0x45 && n !== undefined && n <= 1) {
        emit({ type: 'bold', on: n === 1 });
        i += 3;
        continue;
      }
      if (c === 0x61 && n !== undefined && [0, 1, 2, 48, 49, 50].includes(n)) {
        emit({ type: 'align', align: (['left', 'center', 'right'] as const)[n % 48] ?? 'left' });
        i += 3;
        continue;
      }
      if (c === 0x64 && n !== undefined) {
        emit({ type: 'feed', lines: n });
        i += 3;
        continue;
      }
      if (c === 0x70 && need(5) && n !== undefined && [0, 1, 48, 49].includes(n)) {
        emit({ type: 'drawer', m: n, t1: at(i + 3) as number, t2: at(i + 4) as number });
        i += 5;
        continue;
      }
    }
    if (b === GS && need(2)) {
      const c = at(i + 1);
      const n = at(i + 2);
      if (c === 0x21 && n !== undefined && (n & 0x88) === 0) {
        emit({ type: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 });
        i += 3;
        continue;
      }
      const setting = ({ 0x68: 'height', 0x77: 'width', 0x48: 'hri', 0x66: 'hriFont' } as const)[c as 0x68 | 0x77 | 0x48 | 0x66];
      if (setting && n !== undefined) {
        emit({ type: 'barcodeSetting', fn: setting, value: n });
        i += 3;
        continue;
      }
      if (c === 0x6b && n !== undefined && n >= 65 && n <= 73 && need(4)) {
        const len = at(i + 3) as number;
        if (need(4 + len)) {
          const raw = String.fromCharCode(...bytes.subarray(i + 4, i + 4 + len));
          const symbology = (['upca', 'upce', 'ean13', 'ean8', 'code39', 'itf', 'codabar', 'code93', 'code128'] as const)[n - 65] ?? 'code128';
          const data = symbology === 'code128' ? raw.replace(/^\{[ABC]/, '').replace(/\{\{/g, '{') : raw;
          emit({ type: 'barcode', symbology, data });
          i += 4 + len;
          continue;
        }
      }
      if (c === 0x56 && n !== undefined && [0, 1, 48, 49].includes(n)) {
        emit({ type: 'cut', kind: n % 48 === 0 ? 'full' : 'partial' });
        i += 3;
        continue;
      }
      if (c === 0x76 && need(8) && n === 0x30 && (at(i + 3) as number) <= 3) {
        const widthBytes = (at(i + 4) as number) | ((at(i + 5) as number) << 8);
        const height = (at(i + 6) as number) | ((at(i + 7) as number) << 8);
        if (need(8 + widthBytes * height)) {
          const data = bytes.slice(i + 8, i + 8 + widthBytes * height);
          emit({ type: 'image', widthBytes, width: widthBytes * 8, height, data });
          i += 8 + widthBytes * height;
          continue;
        }
      }
      if (c === 0x28 && n === 0x6b && need(7)) {
        const len = (at(i + 3) as number) | ((at(i + 4) as number) << 8);
        const cn = at(i + 5);
        const fn = at(i + 6);
        if (len >= 2 && need(5 + len) && cn === 0x31) {
          const body = bytes.subarray(i + 7, i + 5 + len);
          const arg = body[0];
          let event: EscPosEvent | undefined;
          let stored: string | undefined;
          if (fn === 0x41 && len === 4 && arg !== undefined) event = { type: 'qrSetting', fn: 'model', value: arg - 0x30 };
          else if (fn === 0x43 && len === 3 && arg !== undefined) event = { type: 'qrSetting', fn: 'moduleSize', value: arg };
          else if (fn === 0x45 && len === 3 && arg !== undefined) event = { type: 'qrSetting', fn: 'errorLevel', value: arg };
          else if (fn === 0x50 && arg === 0x30) {
            stored = utf8(body.subarray(1));
            if (stored !== undefined) qrStored = stored;
          } else if (fn === 0x51 && len === 3 && arg === 0x30 && qrStored !== undefined) {
            event = { type: 'qr', payload: qrStored };
          }
          if (event || stored !== undefined) {
            if (event) emit(event);
            else flushText(false);
            i += 5 + len;
            continue;
          }
        }
      }
    }
    // An unknown command's length is unknowable: report its introducer (and the byte after an ESC / GS)
    // and carry on, so that the rest of the receipt is still read.
    flushText(false);
    const count = (b === ESC || b === GS) && need(2) ? 2 : 1;
    unknown(i, count);
    i += count;
  }
  flushText(false);
  return events;
}

/** What the customer reads, one entry per printed line: text lines, then `[image WxH]` and `[qr …]` marks. */
export function readReceipt(events: readonly EscPosEvent[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const e of events) {
    if (e.type === 'text') {
      current += e.text;
      if (e.newline) {
        lines.push(current);
        current = '';
      }
    } else if (e.type === 'image') lines.push(`[image ${e.width}x${e.height}]`);
    else if (e.type === 'qr') lines.push(`[qr ${e.payload}]`);
    else if (e.type === 'barcode') lines.push(`[barcode ${e.symbology} ${e.data}]`);
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** A bitmap row as `#` and `.`, for asserting small images by eye. */
export function bitmapRows(image: { widthBytes: number; height: number; data: Uint8Array }): string[] {
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = '';
    for (let x = 0; x < image.widthBytes * 8; x++) {
      const byte = image.data[y * image.widthBytes + (x >> 3)] ?? 0;
      row += byte & (0x80 >> (x & 7)) ? '#' : '.';
    }
    rows.push(row);
  }
  return rows;
}

/** One thing the customer gets from the printer, in paper order. */
export type Printed =
  /** a line of text; `pages` are the code pages its characters were decoded in (more than one: a switch mid-line) */
  | { kind: 'text'; text: string; pages: (CodePage | undefined)[]; bold: boolean; size: number }
  | { kind: 'image'; width: number; height: number; data: Uint8Array; widthBytes: number }
  | { kind: 'qr'; payload: string }
  | { kind: 'barcode'; symbology: string; data: string }
  | { kind: 'cut'; cut: 'full' | 'partial' }
  | { kind: 'drawer'; pin: number; t1: number; t2: number }
  | { kind: 'unknown'; offset: number; bytes: number[] };

/**
 * What the customer gets, item by item: text lines (decoded through every ESC t), raster images with their
 * size and bits, QR payloads, cuts and drawer pulses. Unknown bytes stay in the list so a test sees them.
 * Status requests, feeds, alignment and styles print nothing of their own and are left out (bold and size
 * are kept on the text line they apply to).
 */
export function readPrinted(input: Uint8Array, numbers: CodePageNumbers = EPSON_CODE_PAGE_NUMBERS): Printed[] {
  const out: Printed[] = [];
  let bold = false;
  let size = 1;
  let line: Extract<Printed, { kind: 'text' }> | undefined;
  const flush = () => {
    if (line) out.push(line);
    line = undefined;
  };
  for (const e of decodeEscPos(input, numbers)) {
    switch (e.type) {
      case 'text':
        line ??= { kind: 'text', text: '', pages: [], bold, size };
        line.text += e.text;
        if (e.text !== '' && !line.pages.includes(e.page)) line.pages.push(e.page);
        if (e.newline) flush();
        break;
      case 'init':
        bold = false;
        size = 1;
        break;
      case 'bold':
        bold = e.on;
        break;
      case 'size':
        size = e.height;
        break;
      case 'image':
        flush();
        out.push({ kind: 'image', width: e.width, height: e.height, data: e.data, widthBytes: e.widthBytes });
        break;
      case 'qr':
        flush();
        out.push({ kind: 'qr', payload: e.payload });
        break;
      case 'barcode':
        flush();
        out.push({ kind: 'barcode', symbology: e.symbology, data: e.data });
        break;
      case 'cut':
        flush();
        out.push({ kind: 'cut', cut: e.kind });
        break;
      case 'drawer':
        flush();
        out.push({ kind: 'drawer', pin: e.m, t1: e.t1, t2: e.t2 });
        break;
      case 'unknown':
        flush();
        out.push({ kind: 'unknown', offset: e.offset, bytes: e.bytes });
        break;
      default:
        break;
    }
  }
  flush();
  return out;
}

/** The printed items as short strings: text as is, then `[image WxH]`, `[qr …]`, `[cut partial]`, `[drawer pin t1 t2]`. */
export function printedLines(items: readonly Printed[]): string[] {
  return items.map((p) => {
    switch (p.kind) {
      case 'text':
        return p.text;
      case 'image':
        return `[image ${p.width}x${p.height}]`;
      case 'qr':
        return `[qr ${p.payload}]`;
      case 'barcode':
        return `[barcode ${p.symbology} ${p.data}]`;
      case 'cut':
        return `[cut ${p.cut}]`;
      case 'drawer':
        return `[drawer ${p.pin} ${p.t1} ${p.t2}]`;
      case 'unknown':
        return `[unknown @${p.offset}: ${p.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}]`;
    }
  });
}

/** How many dots of an image are black (an image of a line with letters on it is never blank). */
export function inkDots(image: { data: Uint8Array }): number {
  let n = 0;
  for (const byte of image.data) for (let bit = byte; bit; bit &= bit - 1) n++;
  return n;
}
