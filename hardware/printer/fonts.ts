// The faces raster receipt lines are drawn with. They ship with the app as npm dependencies
// (@fontsource/noto-sans-georgian, @fontsource/noto-sans: WOFF2 subsets that @napi-rs/canvas loads), never
// from the OS: a till's Windows may have no Georgian font at all, and a line drawn in whatever the OS has
// would look different on every till.
//
// Each subset is registered under its own family name and every line is drawn run by run in the face whose
// subset covers the run's characters (the ranges are the subsets' unicode-range from @fontsource's CSS). Left
// to itself, Skia would silently fall back to an OS font for a character, hiding a missing face in tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Canvas from '@napi-rs/canvas';
import { PrinterError } from './types';

type Range = readonly [number, number];

interface Face {
  readonly pkg: '@fontsource/noto-sans-georgian' | '@fontsource/noto-sans';
  /** the file name without weight, e.g. noto-sans-cyrillic */
  readonly file: string;
  readonly ranges: readonly Range[];
}

const r = (from: number, to = from): Range => [from, to];

// Order matters where ranges overlap: the first face that covers a character draws it.
const FACES: readonly Face[] = [
  {
    pkg: '@fontsource/noto-sans-georgian',
    file: 'noto-sans-georgian-georgian',
    ranges: [r(0x0589), r(0x10a0, 0x10ff), r(0x1c90, 0x1cba), r(0x1cbd, 0x1cbf), r(0x205a), r(0x2d00, 0x2d2f), r(0x2e31)],
  },
  {
    pkg: '@fontsource/noto-sans',
    file: 'noto-sans-latin',
    ranges: [
      r(0x0020, 0x007e),
      r(0x00a0, 0x00ff),
      r(0x0131),
      r(0x0152, 0x0153),
      r(0x02bb, 0x02bc),
      r(0x02c6),
      r(0x02da),
      r(0x02dc),
      r(0x2000, 0x206f),
      r(0x20ac),
      r(0x2122),
      r(0x2212),
    ],
  },
  {
    pkg: '@fontsource/noto-sans',
    file: 'noto-sans-latin-ext',
    ranges: [r(0x0100, 0x02ba), r(0x02bd, 0x02c5), r(0x1e00, 0x1e9f), r(0x1ef2, 0x1eff), r(0x20a0, 0x20ab), r(0x20ad, 0x20c0)],
  },
  { pkg: '@fontsource/noto-sans', file: 'noto-sans-cyrillic', ranges: [r(0x0400, 0x045f), r(0x0490, 0x0491), r(0x04b0, 0x04b1), r(0x2116)] },
  { pkg: '@fontsource/noto-sans', file: 'noto-sans-cyrillic-ext', ranges: [r(0x0460, 0x052f)] },
  { pkg: '@fontsource/noto-sans', file: 'noto-sans-greek', ranges: [r(0x0370, 0x03ff)] },
  { pkg: '@fontsource/noto-sans', file: 'noto-sans-vietnamese', ranges: [r(0x1ea0, 0x1ef9)] },
];

export type Weight = 400 | 700;

/** The family name a face is registered under in @napi-rs/canvas. */
export function familyName(faceIndex: number, weight: Weight): string {
  return `posy-receipt-${faceIndex}-${weight}`;
}

/** Index into the shipped faces of the one that draws `ch`, or -1 when none of them has it. */
export function faceFor(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return FACES.findIndex((face) => face.ranges.some(([a, b]) => cp >= a && cp <= b));
}

// `require` exists in the CommonJS Electron bundle and in the ESM server bundle (its banner defines one).
// Unbundled ESM (vitest, tsx) has none; there the packages resolve from the working directory, which is in
// the repository (node_modules is found walking up). Not `import.meta.url`: esbuild warns about it in the
// CommonJS bundle on every build.
declare const require: NodeJS.Require | undefined;
function resolver(): NodeJS.Require {
  return typeof require === 'function' ? require : createRequire(join(process.cwd(), 'resolve-from-here.js'));
}

/** The folder of an installed @fontsource package (inside app.asar in a packaged app: read with fs, see README). */
function packageFiles(pkg: Face['pkg']): string {
  return join(dirname(resolver().resolve(`${pkg}/package.json`)), 'files');
}

export type CanvasModule = typeof Canvas;

let loaded: Promise<CanvasModule> | undefined;

/**
 * @napi-rs/canvas with every shipped face registered; loaded on the first raster line only, so a text-only
 * receipt never pays for it and a till whose canvas binary is broken still prints Russian receipts.
 */
export function canvasWithFonts(): Promise<CanvasModule> {
  loaded ??= (async () => {
    let canvas: CanvasModule;
    try {
      const mod = await import('@napi-rs/canvas');
      // esbuild's CommonJS bundle may hand the package over wrapped in `default`
      canvas = mod.GlobalFonts ? mod : ((mod as { default?: CanvasModule }).default ?? mod);
    } catch (err) {
      throw new PrinterError('driver_missing', `@napi-rs/canvas (raster receipt lines) did not load: ${(err as Error).message}`);
    }
    FACES.forEach((face, i) => {
      for (const weight of [400, 700] as const) {
        const path = join(packageFiles(face.pkg), `${face.file}-${weight}-normal.woff2`);
        // Through fs (not registerFromPath): Electron's fs reads inside app.asar, native code cannot.
        const key = canvas.GlobalFonts.register(readFileSync(path), familyName(i, weight));
        if (!key) throw new PrinterError('driver_missing', `receipt font ${path} did not load`);
      }
    });
    return canvas;
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
