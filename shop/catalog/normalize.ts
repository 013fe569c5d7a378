/**
 * The one normalizer for catalog search. Product text is stored through it (products.search_text)
 * and every query goes through it, so both sides always agree on what "the same letters" means:
 * case- and accent-insensitive, Georgian capitals (Mtavruli) equal to ordinary Mkhedruli,
 * every way of typing the Uzbek o‘/g‘ apostrophe equal, ё equal to е.
 */

// Latin letters that NFKD leaves alone but people type without the stroke or ligature.
const LATIN_FOLDS: Record<string, string> = { ß: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', đ: 'd', ı: 'i' };

// Uzbek Latin writes o‘ and g‘ with a modifier letter turned comma; keyboards produce any of these.
const APOSTROPHES = /[\u02BB\u02BC\u2018\u2019\u0060\u00B4\u2032\u02B9']/g;
const CANONICAL_APOSTROPHE = "'";

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /[\s\u200B-\u200D\uFEFF]+/g;

/**
 * Georgian Mtavruli (U+1C90–U+1CBA, U+1CBD–U+1CBF) to Mkhedruli (U+10D0–U+10FA, U+10FD–U+10FF).
 * Done explicitly rather than trusting the runtime's toLowerCase, whose Unicode tables may predate 11.0.
 */
function foldMtavruli(cp: number): number {
  if ((cp >= 0x1c90 && cp <= 0x1cba) || (cp >= 0x1cbd && cp <= 0x1cbf)) return cp - 0x1c90 + 0x10d0;
  return cp;
}

// й (Russian) and ў (Uzbek Cyrillic) are letters of their own whose NFKD form is base + breve:
// stripping the mark would merge й with и (ё, by contrast, is meant to become е). Private-use
// stand-ins carry й/ў through NFKD untouched; any already in the input are dropped first.
const STAND_IN: Record<string, string> = { й: '\uE000', Й: '\uE000', ў: '\uE001', Ў: '\uE001' };
const FROM_STAND_IN: Record<string, string> = { '\uE000': 'й', '\uE001': 'ў' };

// Printable ASCII without apostrophe-likes needs none of the Unicode steps (most barcodes, many names).
const PLAIN_ASCII = /^[\x20-\x26\x28-\x5f\x61-\x7e]*$/;

export function normalizeText(input: string): string {
  if (PLAIN_ASCII.test(input)) return input.toLowerCase().replace(/ {2,}/g, ' ').trim();
  return input
    .normalize('NFC')
    .replace(/[\uE000\uE001]/g, '')
    .replace(/[йЙўЎ]/g, (ch) => STAND_IN[ch] ?? ch)
    .replace(/[\u1C90-\u1CBA\u1CBD-\u1CBF]/g, (ch) => String.fromCodePoint(foldMtavruli(ch.codePointAt(0) ?? 0)))
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(COMBINING_MARKS, '') // toLowerCase can introduce marks (İ → i̇)
    .replace(/[ßøłæœđı]/g, (ch) => LATIN_FOLDS[ch] ?? ch) // after NFKD: Ǽ decomposes to Æ + accent
    .replace(/[\uE000\uE001]/g, (ch) => FROM_STAND_IN[ch] ?? ch)
    .replace(APOSTROPHES, CANONICAL_APOSTROPHE)
    .replace(WHITESPACE, ' ')
    .trim();
}
