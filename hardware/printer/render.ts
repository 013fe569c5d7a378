// A ReceiptDoc to ESC/POS bytes for one printer: layout for the paper width, text in a code page the printer
// has, raster for what no enabled page holds. Nothing here knows how the bytes travel.
import { canEncode, chooseEncoding, codePageNumbers, withSignStandIns, type CodePage } from './codepages';
import { EscPosBuilder } from './escpos';
import { LineRasterizer, trimRight, type RasterStyle } from './raster';
import type { BarcodeSymbology, PrinterConfig, ReceiptBlock, ReceiptDoc } from './types';

export interface PaperLayout {
  /** Font A characters per line */
  readonly columns: number;
  /** printable dots per line */
  readonly dots: number;
}

// 58 mm paper prints 48 mm = 384 dots at 8 dots/mm (32 Font A characters of 12 dots); 80 mm prints 72 mm.
export const PAPER: Readonly<Record<58 | 80, PaperLayout>> = {
  58: { columns: 32, dots: 384 },
  80: { columns: 48, dots: 576 },
};

/** Lines fed before a cut: the cutter sits above the print head, so without them the last lines are cut off. */
export const FEED_BEFORE_CUT = 4;

/**
 * The pages a printer may use, in preference order: CP866 (the page every Russian-market printer has)
 * before WPC1251; RK1048 only where the shop enabled it and its `ESC t` number is known (it has no Epson
 * number: see EPSON_CODE_PAGE_NUMBERS). PC437 first, so a plain Latin line switches nothing.
 */
export function printerPages(config: Pick<PrinterConfig, 'rk1048' | 'codePageNumbers'>): CodePage[] {
  const numbers = codePageNumbers(config.codePageNumbers);
  const wanted: CodePage[] = ['pc437', 'cp866', 'wpc1251', ...(config.rk1048 ? (['rk1048'] as const) : [])];
  return wanted.filter((page) => numbers[page] !== undefined);
}

/**
 * Tabs become a space and other control characters go: they are commands to a printer (a stray one could
 * cut the paper or open the drawer) and draw nothing in an image.
 */
export function printable(text: string): string {
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** How a piece of text prints on this printer: the text to print (signs maybe spelled out) or raster. */
function textForm(text: string, pages: readonly CodePage[]): string | null {
  if (chooseEncoding(text, pages)) return text;
  const spelled = withSignStandIns(text);
  return spelled !== text && chooseEncoding(spelled, pages) ? spelled : null;
}

/** Word wrap by characters (text lines: every character is one cell of Font A). */
export function wrapChars(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (Array.from(candidate).length <= width) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = '';
    const chars = Array.from(word);
    while (chars.length > width) lines.push(chars.splice(0, width).join(''));
    current = chars.join('');
  }
  lines.push(current);
  return lines;
}

/** Name left, amount right on the last line; a long name wraps above it. `width` in the unit of `measure`. */
function columnLines<T>(
  left: string,
  right: string,
  width: number,
  gap: number,
  measure: (s: string) => number,
  wrap: (s: string, w: number) => string[],
  place: (left: string, right: string | null) => T,
): T[] {
  const rightWidth = measure(right);
  const room = width - rightWidth - gap;
  // With an amount as wide as half the paper, the name gets its own lines and the amount one below.
  if (room < width / 3) {
    // an amount too wide to share a line (or wider than the paper) gets its own lines, flush right
    return [...wrap(left, width).map((l) => place(l, null)), ...wrap(right, width).map((r) => place('', r))];
  }
  const lines = wrap(left, room);
  return lines.map((l, i) => place(l, i === lines.length - 1 ? right : null));
}

class ReceiptRenderer {
  private readonly b: EscPosBuilder;
  private readonly pages: CodePage[];
  private readonly paper: PaperLayout;
  private readonly rasterizers = new Map<string, Promise<LineRasterizer>>();

  constructor(private readonly config: PrinterConfig) {
    this.paper = PAPER[config.paperMm];
    this.pages = printerPages(config);
    this.b = new EscPosBuilder({ pages: this.pages, numbers: codePageNumbers(config.codePageNumbers), dotsPerLine: this.paper.dots });
  }

  private rasterizer(style: RasterStyle): Promise<LineRasterizer> {
    const key = `${style.bold ? 'b' : ''}${style.scale ?? 1}`;
    let r = this.rasterizers.get(key);
    if (!r) {
      r = LineRasterizer.create(this.paper.dots, style);
      this.rasterizers.set(key, r);
    }
    return r;
  }

  /**
   * Bars as wide as the paper allows (2 or 3 dots a module scan best; 1 only when nothing else fits). A code
   * too long for the paper even then is printed as its text: a label without bars still says what it is.
   */
  private barcode(symbology: BarcodeSymbology, data: string, height = 80): void {
    const modules = barcodeModules(symbology, data);
    const moduleDots = [3, 2, 1].find((w) => modules * w <= this.paper.dots);
    if (moduleDots === undefined) {
      this.b.align('center').line(data).align('left');
      return;
    }
    this.b.align('center').barcode(symbology, data, { height, moduleDots }).align('left');
  }

  async render(doc: ReceiptDoc): Promise<Uint8Array> {
    this.b.init();
    for (const block of doc.blocks) await this.block(block);
    return this.b.bytes();
  }

  private async block(block: ReceiptBlock): Promise<void> {
    const b = this.b;
    switch (block.kind) {
      case 'text': {
        const large = block.size === 'large';
        const align = block.align ?? 'left';
        for (const paragraph of block.text.split(/\r?\n/).map(printable)) {
          const text = textForm(paragraph, this.pages);
          if (text !== null) {
            b.align(align).bold(block.bold ?? false);
            if (large) b.size(2, 2);
            for (const line of wrapChars(text, this.paper.columns / (large ? 2 : 1))) b.line(line);
            if (large) b.size(1, 1);
            b.bold(false).align('left');
          } else {
            const r = await this.rasterizer({ bold: block.bold ?? false, scale: large ? 2 : 1 });
            // images go out while the printer is left-aligned (every block restores that), so a flush-left
            // line may drop its blank right part; centred and right lines keep the paper width
            for (const line of r.wrap(paragraph)) {
              const bitmap = r.line(line, align);
              b.image(align === 'left' ? trimRight(bitmap) : bitmap);
            }
          }
        }
        return;
      }
      case 'columns': {
        const [leftIn, rightIn] = [printable(block.left.replace(/\r?\n/g, ' ')), printable(block.right.replace(/\r?\n/g, ' '))];
        const left = textForm(leftIn, this.pages);
        const right = textForm(rightIn, this.pages);
        const bothText = left !== null && right !== null && canShare(left, right, this.pages);
        if (bothText) {
          const cols = this.paper.columns;
          const lines = columnLines(
            left,
            right,
            cols,
            1,
            (s) => Array.from(s).length,
            wrapChars,
            (l, r) => (r === null ? l : l + ' '.repeat(Math.max(l === '' ? 0 : 1, cols - Array.from(l).length - Array.from(r).length)) + r),
          );
          b.bold(block.bold ?? false);
          for (const line of lines) b.line(line);
          b.bold(false);
        } else {
          const r = await this.rasterizer({ bold: block.bold ?? false });
          const space = r.measure(' ');
          const bitmaps = columnLines(
            leftIn,
            rightIn,
            this.paper.dots,
            space,
            (s) => r.measure(s),
            (s, w) => r.wrap(s, w),
            (l, rt) =>
              rt === null
                ? trimRight(r.draw([{ text: l, x: 0 }]))
                : r.draw([
                    { text: l, x: 0 },
                    { text: rt, x: Math.floor(this.paper.dots - r.measure(rt)) },
                  ]),
          );
          for (const bitmap of bitmaps) b.image(bitmap);
        }
        return;
      }
      case 'rule':
        b.line('-'.repeat(this.paper.columns));
        return;
      case 'qr':
        b.align('center').qr(block.data, { moduleSize: this.config.paperMm === 58 ? 5 : 6 }).align('left');
        return;
      case 'barcode':
        this.barcode(block.symbology, block.data, block.height);
        return;
      case 'feed':
        if (block.lines > 0) b.feed(Math.min(255, block.lines));
        return;
      case 'cut':
        b.feed(FEED_BEFORE_CUT).cut('partial');
        return;
      case 'drawer':
        b.drawer(this.config.drawer);
        return;
    }
  }
}

/**
 * How many narrow-bar widths a barcode takes, quiet zones included: EAN-13 is 95 modules (+ 9 each side);
 * CODE128 set B is 11 per character plus start and check (11 each), the stop (13) and 10 each side.
 */
export function barcodeModules(symbology: BarcodeSymbology, data: string): number {
  return symbology === 'ean13' ? 95 + 18 : (data.length + 2) * 11 + 13 + 20;
}

// A line is one code page: name and amount must both fit the same one (a Kazakh name with a Russian-only
// page enabled goes to raster as a whole, never half text, half picture on one line).
function canShare(left: string, right: string, pages: readonly CodePage[]): boolean {
  return pages.some((page) => canEncode(left + right, page));
}

/** The bytes of a receipt for one printer: ESC @, then each block for its paper and code pages. */
export function renderReceipt(doc: ReceiptDoc, config: PrinterConfig): Promise<Uint8Array> {
  return new ReceiptRenderer(config).render(doc);
}
