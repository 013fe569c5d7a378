// Receipt lines that no enabled code page holds (Georgian always, Kazakh without RK1048, a Russian line with
// a Georgian word) are drawn with the shipped fonts and sent as 1-bit raster images.
import { canvasWithFonts, faceFor, familyName, type CanvasModule, type Weight } from './fonts';
import type { Bitmap } from './escpos';

/** Font A on a thermal printer is 12×24 dots; a raster line of the same height sits among text lines. */
export const RASTER_FONT_PX = 24;
const LINE_HEIGHT_EM = 1.4;
const BASELINE_EM = 0.96;

export interface RasterStyle {
  bold?: boolean;
  /** 2 for the large size (double width and height, like GS ! 0x11) */
  scale?: 1 | 2;
}

interface Run {
  text: string;
  face: number; // -1: no shipped face has it
}

function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const ch of Array.from(text.normalize('NFC'))) {
    // A space takes the face of what it sits in, so a Georgian phrase is one run.
    const face = ch === ' ' && out.length > 0 ? (out[out.length - 1] as Run).face : faceFor(ch);
    const last = out[out.length - 1];
    if (last && last.face === face) last.text += ch;
    else out.push({ text: ch, face });
  }
  return out;
}

/** The characters no shipped face holds (drawn by whatever the OS has: listed in the README as a known gap). */
export function charactersWithoutFace(text: string): string[] {
  return Array.from(new Set(Array.from(text.normalize('NFC')).filter((ch) => ch !== ' ' && faceFor(ch) < 0)));
}

type Ctx = ReturnType<ReturnType<CanvasModule['createCanvas']>['getContext']>;

function fontFor(face: number, weight: Weight, px: number): string {
  // A character no shipped face has still gets drawn (by the OS's fonts) rather than dropped.
  return face >= 0 ? `${px}px "${familyName(face, weight)}"` : `${px}px sans-serif`;
}

/** Measures and draws text in the shipped faces. Created per receipt (one canvas module, fonts loaded). */
export class LineRasterizer {
  private readonly ctx: Ctx;
  readonly px: number;
  readonly height: number;
  private readonly baseline: number;
  private readonly weight: Weight;

  private constructor(
    private readonly canvas: CanvasModule,
    readonly dots: number,
    style: RasterStyle,
  ) {
    const scale = style.scale ?? 1;
    this.px = RASTER_FONT_PX * scale;
    this.height = Math.ceil(this.px * LINE_HEIGHT_EM);
    this.baseline = Math.round(this.px * BASELINE_EM);
    this.weight = style.bold ? 700 : 400;
    this.ctx = canvas.createCanvas(dots, this.height).getContext('2d');
  }

  static async create(dots: number, style: RasterStyle = {}): Promise<LineRasterizer> {
    return new LineRasterizer(await canvasWithFonts(), dots, style);
  }

  /** Width in dots. */
  measure(text: string): number {
    let width = 0;
    for (const run of runs(text)) {
      this.ctx.font = fontFor(run.face, this.weight, this.px);
      width += this.ctx.measureText(run.text).width;
    }
    return width;
  }

  /** Splits at spaces (at characters for a word longer than the paper) so every piece fits `width` dots. */
  wrap(text: string, width = this.dots): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (this.measure(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current);
      current = '';
      // a word wider than the line is cut between characters
      for (const ch of Array.from(word)) {
        if (current !== '' && this.measure(current + ch) > width) {
          lines.push(current);
          current = '';
        }
        current += ch;
      }
    }
    lines.push(current);
    return lines;
  }

  /**
   * One raster line across the whole paper width: each piece drawn at its x (in dots). Full width keeps
   * alignment in the image itself, so it does not depend on whether a printer applies ESC a to raster.
   */
  draw(pieces: readonly { text: string; x: number }[]): Bitmap {
    const canvas = this.canvas.createCanvas(this.dots, this.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, this.dots, this.height);
    ctx.fillStyle = '#000000';
    ctx.textBaseline = 'alphabetic';
    for (const piece of pieces) {
      let x = piece.x;
      for (const run of runs(piece.text)) {
        ctx.font = fontFor(run.face, this.weight, this.px);
        ctx.fillText(run.text, x, this.baseline);
        x += ctx.measureText(run.text).width;
      }
    }
    return toBitmap(ctx.getImageData(0, 0, this.dots, this.height).data, this.dots, this.height);
  }

  line(text: string, align: 'left' | 'center' | 'right' = 'left'): Bitmap {
    const free = Math.max(0, this.dots - this.measure(text));
    const x = align === 'left' ? 0 : align === 'center' ? Math.floor(free / 2) : Math.floor(free);
    return this.draw([{ text, x }]);
  }
}

/**
 * The image without its blank right-hand part (whole bytes, at least one). Only for images printed flush
 * left: alignment then needs no ESC a, which not every printer applies to raster. A left-aligned Georgian
 * line is mostly blank on the right; on a 9600-baud serial printer half the bytes is half the wait.
 */
export function trimRight(bitmap: Bitmap): Bitmap {
  const { widthBytes, height, data } = bitmap;
  let used = 1;
  for (let y = 0; y < height; y++) {
    for (let x = widthBytes - 1; x >= used; x--) {
      if (data[y * widthBytes + x]) {
        used = x + 1;
        break;
      }
    }
  }
  if (used === widthBytes) return bitmap;
  const out = new Uint8Array(used * height);
  for (let y = 0; y < height; y++) out.set(data.subarray(y * widthBytes, y * widthBytes + used), y * used);
  return { widthBytes: used, height, data: out };
}

/** Thresholds RGBA (antialiased grey) to the printer's 1 bit: darker than mid-grey prints. */
function toBitmap(rgba: Uint8ClampedArray, width: number, height: number): Bitmap {
  const widthBytes = Math.ceil(width / 8);
  const data = new Uint8Array(widthBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const luminance = 0.299 * (rgba[o] ?? 255) + 0.587 * (rgba[o + 1] ?? 255) + 0.114 * (rgba[o + 2] ?? 255);
      const i = y * widthBytes + (x >> 3);
      if (luminance < 128) data[i] = (data[i] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { widthBytes, height, data };
}
