// A small ESC/POS builder: the bytes of a receipt, nothing about how they reach the printer.
//
// Text goes through codepages.ts, so a line is either exact text in a code page the printer has, or a
// raster image (never `?`). `line()` refuses a line that needs raster unless the profile has a
// `rasterizeLine`; receipts are laid out by render.ts, which draws such lines itself (raster.ts) and
// hands them to `image()`.
import { encode, planLine, type CodePage, type CodePageNumbers } from './codepages';
import type { BarcodeSymbology } from './types';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

/** A 1-bit image, rows top to bottom, each row `widthBytes` bytes, most significant bit leftmost, 1 = black. */
export interface Bitmap {
  readonly widthBytes: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type Align = 'left' | 'center' | 'right';

export interface PrinterProfile {
  /** The code pages this printer may use, in preference order (RK1048 only where the shop enabled it). */
  readonly pages: readonly CodePage[];
  /** `ESC t n` numbers for this printer (`codePageNumbers()` gives Epson's with overrides). */
  readonly numbers: CodePageNumbers;
  /** Printable width in dots (usually 384 on 58 mm paper, 576 on 80 mm); wider images are refused. */
  readonly dotsPerLine?: number;
  /** Renders one line that no page can hold; absent until a font rasteriser is chosen. */
  readonly rasterizeLine?: (text: string) => Bitmap;
}

export class RasterUnavailableError extends Error {
  constructor(readonly text: string) {
    super('this line needs a raster image and the printer has no line rasteriser');
    this.name = 'RasterUnavailableError';
  }
}

export const DRAWER_PULSE_DEFAULT = { pin: 0, t1: 0x19, t2: 0xfa } as const;

const QR_ERROR_LEVEL = { L: 48, M: 49, Q: 50, H: 51 } as const;
export type QrErrorLevel = keyof typeof QR_ERROR_LEVEL;

function u16le(n: number): [number, number] {
  return [n & 0xff, (n >> 8) & 0xff];
}

function byteArg(name: string, n: number, min = 0, max = 255): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`${name} must be ${min}..${max}, got ${n}`);
  return n;
}

export class EscPosBuilder {
  private readonly chunks: number[] = [];
  /** The page the printer is in; undefined after ESC @ so the first text line always selects its page. */
  private page: CodePage | undefined;

  constructor(private readonly profile: PrinterProfile) {}

  private push(...bytes: number[]): this {
    for (const b of bytes) this.chunks.push(b);
    return this;
  }

  init(): this {
    this.page = undefined;
    return this.push(ESC, 0x40);
  }

  codePage(page: CodePage): this {
    const n = this.profile.numbers[page];
    if (n === undefined) throw new Error(`no ESC t number is set for code page ${page} on this printer`);
    this.page = page;
    return this.push(ESC, 0x74, byteArg('code page number', n));
  }

  /** One line of text, ended by LF; printed as an image when no page of the printer holds it. */
  line(text: string): this {
    if (/[\n\r]/.test(text)) throw new Error('line() takes one line; call it once per line');
    const plan = planLine(text, this.profile.pages);
    if (plan.kind === 'raster') {
      if (!this.profile.rasterizeLine) throw new RasterUnavailableError(text);
      return this.image(this.profile.rasterizeLine(plan.text));
    }
    if (this.page !== plan.page) this.codePage(plan.page);
    this.push(...encode(plan.text, plan.page));
    return this.push(LF);
  }

  bold(on: boolean): this {
    return this.push(ESC, 0x45, on ? 1 : 0);
  }

  align(align: Align): this {
    return this.push(ESC, 0x61, { left: 0, center: 1, right: 2 }[align]);
  }

  /** Character size multipliers 1..8 (GS ! n); `size(2, 2)` is the usual "double" for totals. */
  size(width: number, height: number): this {
    const w = byteArg('width', width, 1, 8) - 1;
    const h = byteArg('height', height, 1, 8) - 1;
    return this.push(GS, 0x21, (w << 4) | h);
  }

  feed(lines = 1): this {
    return this.push(ESC, 0x64, byteArg('lines', lines));
  }

  /** GS V m: 0 = full cut, 1 = partial cut (leaves a hinge, what most shops prefer). */
  cut(kind: 'full' | 'partial' = 'partial'): this {
    return this.push(GS, 0x56, kind === 'full' ? 0 : 1);
  }

  /**
   * The standard 5-byte drawer pulse ESC p m t1 t2 (m 0 = connector pin 2, 1 = pin 5; pulse on t1×2 ms,
   * off t2×2 ms). node-thermal-printer 4.6.1's openCashDrawer() instead appends its CD_KICK_2 and CD_KICK_5
   * constants, 3 bytes each (1B 70 00 and 1B 70 01, lib/types/epson-config.js), so a printer reads
   * ESC p 0 with t1 = 0x1B, t2 = 0x70 and then a stray 0x01 (asserted against the installed package in
   * test/unit/printer-render.test.ts).
   */
  drawer(pulse: { pin?: 0 | 1; t1?: number; t2?: number } = {}): this {
    const pin = pulse.pin ?? DRAWER_PULSE_DEFAULT.pin;
    return this.push(
      ESC,
      0x70,
      pin,
      byteArg('t1', pulse.t1 ?? DRAWER_PULSE_DEFAULT.t1),
      byteArg('t2', pulse.t2 ?? DRAWER_PULSE_DEFAULT.t2),
    );
  }

  /** QR code, model 2 (GS ( k functions 165, 167, 169, 180, 181), payload as UTF-8. */
  qr(payload: string, options: { moduleSize?: number; errorLevel?: QrErrorLevel } = {}): this {
    const data = new TextEncoder().encode(payload);
    if (data.length === 0 || data.length > 7089) throw new RangeError(`QR payload must be 1..7089 bytes`);
    const fn = (...body: number[]) => this.push(GS, 0x28, 0x6b, ...u16le(body.length), ...body);
    fn(0x31, 0x41, 0x32, 0x00); // model 2
    fn(0x31, 0x43, byteArg('module size', options.moduleSize ?? 6, 1, 16));
    fn(0x31, 0x45, QR_ERROR_LEVEL[options.errorLevel ?? 'M']);
    fn(0x31, 0x50, 0x30, ...data); // store the data
    return fn(0x31, 0x51, 0x30); // print it
  }

  /**
   * A 1-D barcode (GS k, function B) with its human-readable digits below (GS H 2), `moduleDots` dots per
   * narrow bar (GS w) and `height` dots tall (GS h). EAN-13 takes its 13 digits (the printer checks the
   * last); CODE128 is sent in code set B ("{B" + data), which holds every printable ASCII character.
   */
  barcode(symbology: BarcodeSymbology, data: string, options: { height?: number; moduleDots?: number } = {}): this {
    if (symbology === 'ean13' && !/^\d{13}$/.test(data)) throw new RangeError('EAN-13 data must be 13 digits');
    if (symbology === 'code128' && !/^[\x20-\x7e]{1,250}$/.test(data)) throw new RangeError('CODE128 data must be 1..250 printable ASCII characters');
    const payload = symbology === 'ean13' ? data : `{B${data.replace(/\{/g, '{{')}`;
    if (payload.length > 255) throw new RangeError('barcode data too long');
    this.push(GS, 0x68, byteArg('barcode height', options.height ?? 80, 1, 255));
    this.push(GS, 0x77, byteArg('module width', options.moduleDots ?? 2, 1, 6));
    this.push(GS, 0x48, 2); // HRI below the bars
    this.push(GS, 0x66, 0); // HRI in font A
    this.push(GS, 0x6b, symbology === 'ean13' ? 67 : 73, payload.length);
    for (let k = 0; k < payload.length; k++) this.chunks.push(payload.charCodeAt(k));
    return this;
  }

  /** GS v 0: a raster bit image, normal density. */
  image(bitmap: Bitmap): this {
    const { widthBytes, height, data } = bitmap;
    byteArg('width in bytes', widthBytes, 1, 0xffff);
    byteArg('height', height, 1, 0xffff);
    const dots = this.profile.dotsPerLine;
    // A printer given a wider image wraps or drops the overhang: the customer would read half a line.
    if (dots !== undefined && widthBytes * 8 > dots) {
      throw new RangeError(`image is ${widthBytes * 8} dots wide, the paper holds ${dots}`);
    }
    if (data.length !== widthBytes * height) {
      throw new RangeError(`bitmap has ${data.length} bytes, expected ${widthBytes}×${height}`);
    }
    this.push(GS, 0x76, 0x30, 0x00, ...u16le(widthBytes), ...u16le(height));
    for (const b of data) this.chunks.push(b);
    return this;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
