// The raster faces ship with the app: every letter of the shops' languages must be in them (read from the
// fonts' own character maps, not from a rendering that an OS font could stand in for).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { faceFor } from '../../hardware/printer/fonts';
import { charactersWithoutFace } from '../../hardware/printer/raster';

const require = createRequire(import.meta.url);

/** The code points a WOFF font maps to a glyph (its cmap, format 4 or 12). */
function woffCoverage(file: string): Set<number> {
  const buf = readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'wOFF') throw new Error(`${file} is not WOFF`);
  const numTables = buf.readUInt16BE(12);
  let cmap: Buffer | undefined;
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    if (buf.toString('latin1', at, at + 4) !== 'cmap') continue;
    const offset = buf.readUInt32BE(at + 4);
    const compLength = buf.readUInt32BE(at + 8);
    const origLength = buf.readUInt32BE(at + 12);
    const raw = buf.subarray(offset, offset + compLength);
    cmap = compLength < origLength ? inflateSync(raw) : raw;
  }
  if (!cmap) throw new Error(`${file} has no cmap`);
  const out = new Set<number>();
  const records = cmap.readUInt16BE(2);
  for (let r = 0; r < records; r++) {
    const sub = cmap.readUInt32BE(4 + r * 8 + 4);
    const format = cmap.readUInt16BE(sub);
    if (format === 12) {
      const groups = cmap.readUInt32BE(sub + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(sub + 16 + g * 12);
        const end = cmap.readUInt32BE(sub + 20 + g * 12);
        for (let c = start; c <= end; c++) out.add(c);
      }
    } else if (format === 4) {
      const segs = cmap.readUInt16BE(sub + 6) / 2;
      const ends = sub + 14;
      const starts = ends + segs * 2 + 2;
      const deltas = starts + segs * 2;
      const rangeOffsets = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        const start = cmap.readUInt16BE(starts + s * 2);
        const delta = cmap.readInt16BE(deltas + s * 2);
        const ro = cmap.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph = ro === 0 ? (c + delta) & 0xffff : cmap.readUInt16BE(rangeOffsets + s * 2 + ro + (c - start) * 2);
          if (glyph !== 0) out.add(c);
        }
      }
    }
  }
  return out;
}

function files(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'files');
}

const FACE_FILES = [
  join(files('@fontsource/noto-sans-georgian'), 'noto-sans-georgian-georgian'),
  ...['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'vietnamese'].map((s) => join(files('@fontsource/noto-sans'), `noto-sans-${s}`)),
];

const ALPHABETS = {
  ka: 'აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ',
  ru: 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя№',
  kk: 'ӘәҒғҚқҢңӨөҰұҮүҺһІі',
  uz: 'ABCDEFGHIJKLMNOPQRSTUVXYZabcdefghijklmnopqrstuvxyzʻʼ',
  signs: '0123456789.,:;!?%+-=/()"\'«»—–×₾₸€$',
};

describe('receipt fonts', () => {
  it('the face that draws each letter of every shop language really has a glyph for it, in both weights', () => {
    const coverage = FACE_FILES.map((base) => ({ 400: woffCoverage(`${base}-400-normal.woff`), 700: woffCoverage(`${base}-700-normal.woff`) }));
    for (const [lang, letters] of Object.entries(ALPHABETS)) {
      for (const ch of Array.from(letters)) {
        const face = faceFor(ch);
        expect(face, `${lang} ${ch}: no shipped face`).toBeGreaterThanOrEqual(0);
        const cp = ch.codePointAt(0) as number;
        expect(coverage[face]?.[400].has(cp), `${lang} ${ch} (U+${cp.toString(16)}) regular`).toBe(true);
        expect(coverage[face]?.[700].has(cp), `${lang} ${ch} bold`).toBe(true);
      }
    }
    // the character maps are read, not assumed: each subset lacks the others' scripts
    expect(coverage[faceFor('a')]?.[400].has('გ'.codePointAt(0) as number)).toBe(false);
    expect(coverage[faceFor('გ')]?.[400].has('Ж'.codePointAt(0) as number)).toBe(false);
    expect(charactersWithoutFace(Object.values(ALPHABETS).join(''))).toEqual([]);
    // and what is not shipped is said so
    expect(charactersWithoutFace('Розы 🌹')).toEqual(['🌹']);
  });
});
